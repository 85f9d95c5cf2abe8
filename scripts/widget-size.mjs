#!/usr/bin/env node
// Prints the size of the widget module (raw and gzipped) and fails when the
// gzipped size is above the budget: embedding pages pay for every byte.
import { gzipSync } from 'node:zlib';
import { bundleWidget } from './widget-bundle.mjs';

/** The budget: 30 KB gzipped. */
const LIMIT_GZIP = 30 * 1024;

const { text } = await bundleWidget();
const raw = Buffer.byteLength(text);
const gzipped = gzipSync(text, { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  `widget.js: ${raw} bytes raw (${kb(raw)}), ${gzipped} bytes gzipped (${kb(gzipped)}); budget ${kb(LIMIT_GZIP)} gzipped`,
);
if (gzipped > LIMIT_GZIP) {
  console.error(`widget.js is ${gzipped - LIMIT_GZIP} bytes over its gzipped budget`);
  process.exit(1);
}
