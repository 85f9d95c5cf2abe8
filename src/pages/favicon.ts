/**
 * The site's icon: a port bollard on the pages' ink colour, served at
 * /favicon.svg and /favicon.ico and linked from every page.
 */
import { markup } from './markup';

export const FAVICON_PATH = '/favicon.svg';

/** The icon itself (SVG, so one file is sharp at every size). */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
  <rect width="32" height="32" rx="6" fill="#14213d"/>
  <path d="M10 9h12v4h-2v6h3v4H9v-4h3v-6h-2z" fill="#fff"/>
  <rect x="6" y="24" width="20" height="3" rx="1" fill="#5fd3a6"/>
</svg>
`;

/** The `<link>` every page puts in its head. */
export const faviconLink = markup`<link rel="icon" href="${FAVICON_PATH}" type="image/svg+xml">`;
