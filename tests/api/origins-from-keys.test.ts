/**
 * The origins that may call the API from a browser and frame /embed: the
 * configured ALLOWED_ORIGINS plus the origins bound to active publishable keys.
 */
import { describe, expect, it } from 'vitest';
import { createKey, revokeKey } from '../support/accounts';
import { call } from '../support/worker';

const preflight = (origin: string) =>
  call('/v1/quotes', {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,x-portfees-key',
    },
  });

describe('origins bound to publishable keys', () => {
  it('a publishable key makes its origin a permitted CORS and framing origin until it is revoked', async () => {
    const origin = 'https://desk.charterers.example';
    expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBeNull();
    expect((await call(`/embed?origin=${encodeURIComponent(origin)}`)).status).toBe(400);

    const key = await createKey({ kind: 'publishable', origins: [origin] });
    const allowed = await preflight(origin);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(origin);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('x-portfees-key');
    const embed = await call(`/embed?origin=${encodeURIComponent(origin)}`);
    expect(embed.status).toBe(200);
    expect(embed.headers.get('content-security-policy')).toContain(`frame-ancestors ${origin}`);

    await revokeKey(key.keyId);
    expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('another origin stays refused', async () => {
    await createKey({ kind: 'publishable', origins: ['https://one.example'] });
    expect((await preflight('https://two.example')).headers.get('access-control-allow-origin')).toBeNull();
  });
});
