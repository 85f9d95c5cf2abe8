/**
 * The error page: what a browser gets instead of problem+json when it asked
 * for a page (GET /timeline with a bad parameter, /embed without its origin,
 * /jobs/{id} without its token, an unknown address). Words from the
 * catalogues; the problem's own detail and field errors shown beside them,
 * as the API states them, under a heading that says so.
 */
import { raw } from 'hono/html';
import { message } from '../messages/message';
import { type Locale, renderMessage } from '../messages/render';
import { faviconLink } from './favicon';
import { markup } from './markup';

/** What the page explains, besides the problem itself. */
export type ErrorHint = 'not-found' | 'bad-request' | 'failed' | 'embed-origin' | 'job-link';

export interface ErrorPageInput {
  status: number;
  /** The problem's title and detail, in English as the API gives them. */
  title: string;
  detail: string;
  errors: ReadonlyArray<{ path: string; message: string }>;
  path: string;
  hint: ErrorHint;
  locale: Locale;
  requestId?: string;
  /** The job id of a /jobs/{id} address. */
  job?: string;
}

/** Inline styles only; the page answers with a policy that allows them and nothing else. */
export const ERROR_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const STYLE = `
:root{--ink:#14213d;--muted:#4b5565;--line:#d9dee8;--bg:#f7f8fb;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif}
body{margin:0;background:var(--bg);color:var(--ink)}header{background:var(--ink);color:#fff;padding:1rem 2rem}header h1{margin:0;font-size:1.4rem}
main{max-width:46rem;margin:0 auto;padding:1rem 2rem 3rem}p{line-height:1.5}code{overflow-wrap:anywhere}
section{background:#fff;border:1px solid var(--line);border-radius:8px;margin:1.2rem 0;padding:.6rem 1rem}
.meta{color:var(--muted);font-size:.85rem}a{color:#0a5a40;font-weight:600}`;

function heading(hint: ErrorHint, locale: Locale): string {
  if (hint === 'not-found' || hint === 'job-link') return renderMessage(message('page.error.not-found', {}), locale);
  if (hint === 'bad-request' || hint === 'embed-origin')
    return renderMessage(message('page.error.bad-request', {}), locale);
  return renderMessage(message('page.error.failed', {}), locale);
}

function explanation(input: ErrorPageInput): string {
  const { locale } = input;
  switch (input.hint) {
    case 'not-found':
      return renderMessage(message('page.error.not-found-hint', { path: input.path }), locale);
    case 'bad-request':
      return renderMessage(message('page.error.bad-request-hint', {}), locale);
    case 'embed-origin':
      return renderMessage(
        message('page.error.embed-hint', { example: '/embed?origin=https://desk.example.com' }),
        locale,
      );
    case 'job-link':
      return renderMessage(message('page.error.job-hint', { request: `GET /v1/jobs/${input.job ?? '…'}` }), locale);
    default:
      return renderMessage(message('page.error.failed-hint', { status: String(input.status) }), locale);
  }
}

/**
 * The whole page.
 * @example errorPage({ status: 404, title: 'Not found', detail: 'No route GET /x.', errors: [], path: '/x', hint: 'not-found', locale: 'en' })
 */
export function errorPage(input: ErrorPageInput): string {
  const { locale } = input;
  const title = heading(input.hint, locale);
  const back = renderMessage(message('page.back', {}), locale);
  const errors =
    input.errors.length > 0
      ? markup`<ul>${input.errors.map((error) => markup`<li><code>${error.path || '(body)'}</code>: ${error.message}</li>`)}</ul>`
      : '';
  const requestId = input.requestId
    ? markup`<p class="meta">${renderMessage(message('page.error.request-id', { id: input.requestId }), locale)}</p>`
    : '';
  return markup`<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>portfees · ${title}</title>${faviconLink}<style>${raw(STYLE)}</style></head><body><header><h1>${title}</h1></header><main><p class="hint">${explanation(input)}</p><p><a href="/${locale === 'en' ? '' : `?locale=${locale}`}">${back}</a></p><section aria-labelledby="details-h"><h2 id="details-h" class="meta">${renderMessage(message('page.error.details', {}), locale)}</h2><div lang="en"><p><strong>${input.status} ${input.title}</strong>: ${input.detail}</p>${errors}</div></section>${requestId}</main></body></html>`.toString();
}
