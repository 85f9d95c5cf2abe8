/**
 * API keys: their format, how they are generated and how they are hashed and
 * compared. Shared by the Worker and the `npm run keys` command, so both agree
 * on every byte. Uses only Web Crypto (present in workerd and in Node 20).
 */

export type KeyKind = 'secret' | 'publishable';

/** Secret keys are for servers (`Authorization: Bearer`); publishable keys for the widget in a browser. */
export const KEY_PREFIXES: Readonly<Record<KeyKind, string>> = { secret: 'sk_live_', publishable: 'pk_live_' };

/** Random bytes in a key: 256 bits, written as 43 base64url characters. */
const KEY_RANDOM_BYTES = 32;
/** Characters of the key kept in clear (`sk_live_` and 8 random characters) to find candidate rows. */
export const KEY_LOOKUP_PREFIX_LENGTH = 16;

const KEY_PATTERN = /^(sk|pk)_live_[A-Za-z0-9_-]{43}$/;

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * A new random key of the given kind.
 * @example generateKey('secret') // 'sk_live_3kq…' (51 characters)
 */
export function generateKey(kind: KeyKind): string {
  return KEY_PREFIXES[kind] + base64url(crypto.getRandomValues(new Uint8Array(KEY_RANDOM_BYTES)));
}

/** A new random identifier such as `acct_9f2c…` (20 hex characters after the prefix). */
export function randomId(prefix: string): string {
  return `${prefix}_${hex(crypto.getRandomValues(new Uint8Array(10)))}`;
}

/** True when the text has the shape of a portfees key; says nothing about whether it exists. */
export function isKeyShaped(text: string): boolean {
  return KEY_PATTERN.test(text);
}

/** The kind a well-shaped key announces by its prefix. */
export function kindOfKey(key: string): KeyKind {
  return key.startsWith(KEY_PREFIXES.publishable) ? 'publishable' : 'secret';
}

/** The clear part of a key stored beside its hash, shown in listings. */
export function lookupPrefix(key: string): string {
  return key.slice(0, KEY_LOOKUP_PREFIX_LENGTH);
}

/** SHA-256 of the whole key as lowercase hex: the only form in which a key is stored. */
export async function hashKey(key: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key));
  return hex(new Uint8Array(digest));
}

/**
 * Compares two hashes in time that depends only on their length, so a caller
 * cannot learn how many leading characters of a guess were right.
 */
export function hashesEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/** An allowed origin is `scheme://host[:port]`, exactly as a browser sends it in `Origin`. */
export function isOrigin(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text;
  } catch {
    return false;
  }
}
