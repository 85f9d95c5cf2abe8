/**
 * Webhook signing secrets: generated as `whsec_` + base64 (Standard Webhooks),
 * shown once, and stored encrypted, since signing needs the secret itself. The
 * encryption key is derived (HKDF-SHA-256) from the Worker secret WEBHOOK_KEY;
 * AES-GCM binds each ciphertext to its endpoint id. Web Crypto only.
 */

const SECRET_BYTES = 32;
const IV_BYTES = 12;

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function unbase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
}

/** A new signing secret, such as `whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw`. */
export function generateSecret(): string {
  return `whsec_${base64(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)))}`;
}

async function aesKey(workerSecret: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(workerSecret), 'HKDF', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new TextEncoder().encode('portfees'),
      info: new TextEncoder().encode('webhook signing secret'),
    },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** base64 of iv || AES-GCM ciphertext, with the endpoint id as additional data. */
export async function encryptSecret(secret: string, endpointId: string, workerSecret: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(endpointId) },
    await aesKey(workerSecret),
    new TextEncoder().encode(secret),
  );
  const out = new Uint8Array(IV_BYTES + ciphertext.byteLength);
  out.set(iv);
  out.set(new Uint8Array(ciphertext), IV_BYTES);
  return base64(out);
}

/** The secret back; throws when the Worker secret or the endpoint id is not the one it was encrypted with. */
export async function decryptSecret(stored: string, endpointId: string, workerSecret: string): Promise<string> {
  const bytes = unbase64(stored);
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: bytes.slice(0, IV_BYTES), additionalData: new TextEncoder().encode(endpointId) },
    await aesKey(workerSecret),
    bytes.slice(IV_BYTES),
  );
  return new TextDecoder().decode(plain);
}
