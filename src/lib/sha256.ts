/**
 * Synchronous SHA-256 over UTF-8 text, as lowercase hex, from @noble/hashes.
 * The engine and the registry are pure and synchronous, so they cannot use the
 * asynchronous Web Crypto digest; the Worker passes the faster native hash
 * (native-sha256.ts) to the engine instead.
 * @example sha256Hex('abc') // 'ba7816bf…'
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}
