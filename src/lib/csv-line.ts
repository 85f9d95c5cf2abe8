/** CSV lines as RFC 4180 writes them, safe to open in a spreadsheet. Imports nothing: the widget bundles it too. */

/**
 * Text a spreadsheet could read as a formula (OWASP CSV injection): a cell
 * starting with = + - @ tab or CR, or such a character right after a `;` or
 * `,` (list separators in some locales), a tab, CR or LF inside the cell, as
 * in `1;=2+5`. Such cells are written quoted with a leading apostrophe.
 */
const FORMULA = /(?:^|[;,\t\r\n])[=+\-@\t\r]/;
/** A plain decimal number (`-5`, `3000000.00`) is read as a number, never a formula, and stays as it is. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  if (FORMULA.test(text) && !PLAIN_NUMBER.test(text)) return `"'${text.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (CRLF-terminated, per RFC 4180). */
export function csvLine(values: ReadonlyArray<string | number | boolean | null | undefined>): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
