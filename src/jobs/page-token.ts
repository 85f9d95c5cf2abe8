/**
 * The report page of a job is opened by a capability link, not a key: a
 * browser URL must never carry a secret key. Each job gets a random 256-bit
 * token when it is created; only its SHA-256 is stored, beside an expiry.
 * The link is handed once, in `links.page` of the 202, to the holder of the
 * secret key; anyone without the token gets the same 404 as for no job.
 */
import { JOB_LIMITS } from './limits';

const DAY = 86_400_000;

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

export async function hashToken(token: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token)));
}

export async function newPageToken(nowMillis: number): Promise<{ token: string; hash: string; expiresAt: string }> {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const token = btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
  return {
    token,
    hash: await hashToken(token),
    expiresAt: new Date(nowMillis + JOB_LIMITS.pageLinkDays * DAY).toISOString(),
  };
}

/** True when `token` opens the page of a job with this hash and expiry (compared in constant time). */
export async function pageTokenOpens(
  token: string | undefined,
  job: { pageTokenHash: string; pageExpiresAt: string },
  nowMillis: number,
): Promise<boolean> {
  if (!token || token.length > 100) return false;
  const given = await hashToken(token);
  let diff = given.length ^ job.pageTokenHash.length;
  for (let i = 0; i < given.length; i++) diff |= given.charCodeAt(i) ^ (job.pageTokenHash.charCodeAt(i) || 0);
  return diff === 0 && nowMillis < Date.parse(job.pageExpiresAt);
}
