/**
 * How a party's name is compared with a listed name (docs/rules.md §7.2):
 * exact, then after normalising case, punctuation, spacing and legal-form
 * words, then through an alias. Anything looser (every word of the shorter
 * name found in the longer one) is at most a `possible` match, never counted.
 */

export type NameMatch = 'exact' | 'normalized' | 'alias' | 'possible';

/** Legal-form words dropped wherever they stand, after dots are removed (L.L.C. → llc). */
const LEGAL_FORMS = new Set([
  'llc',
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'ltd',
  'limited',
  'sa',
  'ag',
  'gmbh',
  'pte',
]);

/** The words of a name: lower case, dots and apostrophes dropped, other punctuation a space, `&` read as "and". */
export function nameWords(name: string): string[] {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replaceAll('&', ' and ')
    .replace(/[.'’]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/**
 * A name with case, punctuation, spacing and legal-form words taken out.
 * @example normalizeName('Hanwha Philly Shipyard, Inc.') // 'hanwha philly shipyard'
 */
export function normalizeName(name: string): string {
  const words = nameWords(name);
  const kept = words.filter((word) => !LEGAL_FORMS.has(word));
  // A name made only of legal-form words keeps them, so it still means something.
  return (kept.length > 0 ? kept : words).join(' ');
}

/** True when every word of the shorter name (two words at least) is a word of the longer one. */
export function wordsContained(a: string, b: string): boolean {
  const left = a.split(' ');
  const right = b.split(' ');
  const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
  if (shorter.length < 2) return false;
  const words = new Set(longer);
  return shorter.every((word) => words.has(word));
}
