// Cross-origin rules, with wrangler.toml's ALLOWED_ORIGINS
// ("http://127.0.0.1:8787,http://localhost:8787").
import { describe, expect, it } from 'vitest';
import { allowedOrigins, isAllowedOrigin, normalizeOrigin } from '../../src/api/middleware/origins';
import { annexIRequest, portCall } from '../support/requests';
import { call, postJson } from '../support/worker';

const ALLOWED = 'http://localhost:8787';
const OTHER = 'https://desk.example.com';
const quoteBody = annexIRequest([portCall('USLAX', '2025-10-20')]);

function expectStrictHeaders(res: Response) {
  expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
}

describe('origins configuration', () => {
  it('reads exact http(s) origins and ignores anything else', () => {
    const env = {
      ALLOWED_ORIGINS:
        ' https://Desk.example.com:443 , http://localhost:3000/, ftp://files.example.com, https://x.example.com/path, * ',
    };
    expect([...allowedOrigins(env)]).toEqual(['https://desk.example.com', 'http://localhost:3000']);
    expect(isAllowedOrigin(env, 'https://desk.example.com')).toBe(true);
    expect(isAllowedOrigin(env, 'https://desk.example.com.evil.test')).toBe(false);
    expect(isAllowedOrigin(env, 'null')).toBe(false);
    expect(isAllowedOrigin({}, 'https://desk.example.com')).toBe(false);
  });

  it('normalizes origins', () => {
    expect(normalizeOrigin('HTTPS://EXAMPLE.com')).toBe('https://example.com');
    expect(normalizeOrigin('https://user:pw@example.com')).toBeUndefined();
    expect(normalizeOrigin('https://example.com?x=1')).toBeUndefined();
    expect(normalizeOrigin('javascript:alert(1)')).toBeUndefined();
  });
});

describe('CORS on the API', () => {
  it('answers an allowed origin, on success and on a problem', async () => {
    const ok = await postJson('/v1/quotes', quoteBody, { origin: ALLOWED });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(ok.headers.get('vary')).toMatch(/Origin/);
    const bad = await postJson(
      '/v1/quotes',
      { ...quoteBody, vessel: { ...quoteBody.vessel, imo: '9310007' } },
      { origin: ALLOWED },
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it('answers a request without an Origin as no CORS request, still varying by Origin', async () => {
    const res = await postJson('/v1/quotes', quoteBody);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-expose-headers')).toBeNull();
    expect(res.headers.get('vary')).toBe('Origin');
    expectStrictHeaders(res);
  });

  it('gives another origin no allow-origin header, preflight included', async () => {
    const res = await postJson('/v1/quotes', quoteBody, { origin: OTHER });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await call('/v1/quotes', {
      method: 'OPTIONS',
      headers: { origin: OTHER, 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers an allowed preflight', async () => {
    const preflight = await call('/v1/quotes', {
      method: 'OPTIONS',
      headers: {
        origin: ALLOWED,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(preflight.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');
  });
});

describe('GET /widget.js', () => {
  it('is one ES module defining <portfees-quote>, loadable from any origin and cacheable', async () => {
    const res = await call('/widget.js', { headers: { origin: OTHER } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    const text = await res.text();
    expect(text).toContain('customElements.define("portfees-quote"');
    expect(text).toMatch(/export\s*\{/);
    const etag = res.headers.get('etag')!;
    const again = await call('/widget.js', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });
});

describe('GET /embed', () => {
  it('may be framed by the origin it is opened for, and only by it', async () => {
    const res = await call(`/embed?origin=${encodeURIComponent(ALLOWED)}&locale=zh-CN`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(new RegExp(`frame-ancestors ${ALLOWED}$`));
    expect(res.headers.get('content-security-policy')).toMatch(
      /script-src 'self'; style-src 'self'; connect-src 'self'/,
    );
    expect(res.headers.get('x-frame-options')).toBeNull();
    const html = await res.text();
    expect(html).toContain(`host-origin="${ALLOWED}"`);
    expect(html).toContain('locale="zh-CN"');
    expect(html).toContain('<script type="module" src="/widget.js"></script>');
  });

  it.each([
    [`/embed?origin=${encodeURIComponent(OTHER)}`, ['origin'], /not allowed to embed/],
    ['/embed', ['origin'], /give the origin/],
    ['/embed?origin=http%3A%2F%2Flocalhost%3A8787%2Fpage', ['origin'], /must be an http\(s\) origin/],
    [`/embed?origin=${encodeURIComponent(ALLOWED)}&locale=%3Cscript%3E`, ['locale'], /BCP 47/],
  ])('%s is a 400 problem with the strict headers', async (path, fields, message) => {
    const res = await call(path);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { errors: Array<{ path: string; message: string }> };
    expect(problem.errors.map((error) => error.path)).toEqual(fields);
    expect(problem.errors[0]!.message).toMatch(message);
    expectStrictHeaders(res);
  });
});

describe('every other route', () => {
  it.each([
    '/healthz',
    '/v1/tariffs',
    '/v1/ports?q=sha',
    '/openapi.json',
    '/no-such-route',
  ])('%s keeps the strict headers', async (path) => {
    expectStrictHeaders(await call(path));
  });
});
