/** Escaping for text and attribute values in server-rendered HTML and SVG. */
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes `& < > " '` so any text can sit in an element or a quoted attribute. */
export function escapeMarkup(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}
