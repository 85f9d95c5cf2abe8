/**
 * POST /v1/quotes through the real Worker inside workerd: the contract of
 * API.md, and a problem+json naming every offending field for bad input.
 */
import { describe, expect, it } from 'vitest';
import { bearer, createKey } from '../support/accounts';
import { annexIRequest } from '../support/requests';
import { call, postJson } from '../support/worker';

const good = () => annexIRequest();
type Body = ReturnType<typeof good> & Record<string, any>;

async function problem(body: unknown, init: RequestInit = {}) {
  const res = await call('/v1/quotes', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });
  const json = (await res.json()) as {
    type: string;
    title: string;
    status: number;
    detail: string;
    errors?: Array<{ path: string; message: string }>;
  };
  return { res, json, paths: (json.errors ?? []).map((e) => e.path) };
}
const mutated = (mutate: (b: Body) => void) => {
  const b = good() as Body;
  mutate(b);
  return b;
};

describe('POST /v1/quotes', () => {
  it('answers the quote with decimal-string amounts and a request id', async () => {
    // Known on 2026-11-28: the versions of that day, whatever the date the suite runs on and whatever ships later.
    const res = await postJson('/v1/quotes', { ...good(), options: { asOf: '2026-11-28' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const body = (await res.json()) as any;
    expect(body.voyages.find((v: any) => v.regime === 'us-301')).toMatchObject({
      rule: 'annex-i',
      fee: { amount: '3000000.00', currency: 'USD' },
    });
    expect(body.totals).toEqual([
      { currency: 'CNY', amount: '0.00' },
      { currency: 'USD', amount: '3000000.00' },
    ]);
    expect(body.tariffs.map((t: any) => t.id)).toEqual(['cn-spf/2025-11-10', 'us-301/2025-11-10']);
  });

  it('answers the same body and quoteId for the same input', async () => {
    const a = await (await postJson('/v1/quotes', { ...good(), options: { asOf: '2026-11-28' } })).text();
    const b = await (await postJson('/v1/quotes', { ...good(), options: { asOf: '2026-11-28' } })).text();
    expect(a).toBe(b);
  });
});

describe('bad input: 400 problem+json naming every offending path', () => {
  it.each([
    [
      'a wrong IMO check digit',
      (b: Body) => {
        b.vessel.imo = '9310007';
      },
      ['vessel.imo'],
    ],
    [
      'negative tonnage',
      (b: Body) => {
        b.vessel.netTonnage = -5;
      },
      ['vessel.netTonnage'],
    ],
    [
      'tonnage as text',
      (b: Body) => {
        (b.vessel as any).netTonnage = 'lots';
      },
      ['vessel.netTonnage'],
    ],
    [
      'a malformed LOCODE',
      (b: Body) => {
        b.portCalls[1]!.port = 'US-LAX';
      },
      ['portCalls[1].port'],
    ],
    [
      'an impossible date',
      (b: Body) => {
        b.portCalls[1]!.arrival = '2025-02-30T06:00:00-07:00';
      },
      ['portCalls[1].arrival'],
    ],
    [
      'a date-time without offset',
      (b: Body) => {
        b.portCalls[1]!.arrival = '2025-10-20T06:00:00';
      },
      ['portCalls[1].arrival'],
    ],
    [
      'calls out of order',
      (b: Body) => {
        b.portCalls[1]!.arrival = '2025-09-20T06:00:00-07:00';
      },
      ['portCalls[1].arrival'],
    ],
    [
      'a stake above 100',
      (b: Body) => {
        b.vessel.owner = { country: 'GR', stakes: [{ country: 'CN', equity: 101 }] } as any;
      },
      ['vessel.owner.stakes[0].equity'],
    ],
    [
      'stakes adding up above 100',
      (b: Body) => {
        b.vessel.owner = {
          country: 'GR',
          stakes: [
            { country: 'CN', equity: 60 },
            { country: 'HK', equity: 50 },
          ],
        } as any;
      },
      ['vessel.owner.stakes'],
    ],
    [
      'an unknown vessel type',
      (b: Body) => {
        (b.vessel as any).type = 'submarine';
      },
      ['vessel.type'],
    ],
    [
      'an unknown cargo state',
      (b: Body) => {
        (b.portCalls[1] as any).cargo = 'half';
      },
      ['portCalls[1].cargo'],
    ],
    [
      'an unknown country',
      (b: Body) => {
        b.vessel.flag = 'XX';
        b.vessel.buildCountry = 'kr';
      },
      ['vessel.flag', 'vessel.buildCountry'],
    ],
    [
      'an unknown field',
      (b: Body) => {
        (b.vessel as any).netTonage = 5;
      },
      ['vessel.netTonage'],
    ],
    [
      'no port calls',
      (b: Body) => {
        b.portCalls = [];
      },
      ['portCalls'],
    ],
    [
      'a missing vessel',
      (b: Body) => {
        delete (b as any).vessel;
      },
      ['vessel'],
    ],
    [
      'a port code that is not in the port table',
      (b: Body) => {
        b.portCalls[1] = { port: 'USLXA', arrival: '2025-10-20' };
      },
      ['portCalls[1].port'],
    ],
    [
      'an unknown tariff version',
      (b: Body) => {
        b.options = { tariffVersions: { 'us-301': 'us-301/2024-01-01' } };
      },
      ['options.tariffVersions.us-301'],
    ],
    [
      'an unknown assumption value',
      (b: Body) => {
        b.options = { assumptions: { 'us-301.after-suspension': 'maybe' } };
      },
      ['options.assumptions.us-301.after-suspension'],
    ],
    [
      'an unknown assumption',
      (b: Body) => {
        b.options = { assumptions: { 'us-301.weather': 'fine' } };
      },
      ['options.assumptions.us-301.weather'],
    ],
    [
      'a prior charge of an unknown regime',
      (b: Body) => {
        b.priorCharges = [{ regime: 'eu-ets', date: '2025-10-01' }];
      },
      ['priorCharges[0].regime'],
    ],
    [
      'a bad FX pair',
      (b: Body) => {
        b.options = { fx: { USDCNY: '7.1' } };
      },
      ['options.fx.USDCNY'],
    ],
  ])('%s', async (_name, mutate, paths) => {
    const { res, json, paths: got } = await problem(mutated(mutate));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(json).toMatchObject({
      type: expect.stringContaining('invalid-request'),
      title: 'Invalid request',
      status: 400,
    });
    expect(got).toEqual(expect.arrayContaining(paths));
  });

  it('lists the valid versions and values in the message', async () => {
    const version = await problem(
      mutated((b) => {
        b.options = { tariffVersions: { 'us-301': 'us-301/2024-01-01' } };
      }),
    );
    expect(version.json.errors![0]!.message).toContain('us-301/2025-10-10');
    const value = await problem(
      mutated((b) => {
        b.options = { assumptions: { 'us-301.after-suspension': 'maybe' } };
      }),
    );
    expect(value.json.errors![0]!.message).toContain('resumed, extended');
  });

  it('names every offending field at once', async () => {
    const { paths } = await problem(
      mutated((b) => {
        b.vessel.imo = '1';
        b.vessel.netTonnage = 0;
        b.portCalls[0]!.port = 'x';
      }),
    );
    expect(paths).toEqual(expect.arrayContaining(['vessel.imo', 'vessel.netTonnage', 'portCalls[0].port']));
  });

  it('more than 500 port calls', async () => {
    const portCalls = Array.from({ length: 501 }, (_, i) => ({
      port: 'USLAX',
      arrival: `2025-10-20T06:${String(i % 60).padStart(2, '0')}:00-07:00`,
    }));
    const { res, paths } = await problem({ ...good(), portCalls });
    expect(res.status).toBe(400);
    expect(paths).toContain('portCalls');
  });
});

describe('bodies that are not a quote request never answer 5xx', () => {
  it.each([
    ['not JSON', '{"vessel": '],
    ['an empty body', ''],
    ['a JSON array', '[1,2,3]'],
    ['JSON null', 'null'],
    ['a JSON string', '"quote me"'],
    ['a huge number', '{"vessel":{"netTonnage":1e400},"portCalls":[]}'],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ])('%s → 400 problem', async (_name, body) => {
    const { res, json } = await problem(body);
    expect(res.status).toBe(400);
    expect(json.status).toBe(400);
    expect(json.detail.length).toBeGreaterThan(0);
  });

  it('a body that is not JSON at all is a 415 with a wrong content type', async () => {
    const res = await call('/v1/quotes', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('a form-encoded body is a 415 that says what to send: content-type: application/json', async () => {
    const res = await call('/v1/quotes', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'vessel=1',
    });
    expect(res.status).toBe(415);
    const json = (await res.json()) as { detail: string; errors: Array<{ path: string; message: string }> };
    expect(json.detail).toContain('content-type: application/json');
    expect(json.errors).toEqual([{ path: 'content-type', message: 'must be application/json' }]);
  });

  it('an oversized body is a 413 problem', async () => {
    const res = await call('/v1/quotes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(300 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).type).toContain('body-too-large');
  });
});

describe('other routes', () => {
  it('an unknown route is a 404 problem', async () => {
    const res = await call('/v2/nothing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('GET /v1/tariffs lists every version with its hash; one version comes back as shipped', async () => {
    const list = (await (await call('/v1/tariffs')).json()) as { tariffs: Array<{ id: string; sha256: string }> };
    expect(list.tariffs).toHaveLength(6);
    const res = await call('/v1/tariffs/us-301/2025-10-10');
    expect(res.status).toBe(200);
    const file = (await res.json()) as any;
    expect(file.id).toBe('us-301/2025-10-10');
    expect(res.headers.get('etag')).toBe(`"${list.tariffs.find((t) => t.id === 'us-301/2025-10-10')!.sha256}"`);
    const missing = await call('/v1/tariffs/us-301/2030-01-01');
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as any).detail).toContain('us-301/2025-04-17');
  });

  it('GET /openapi.json is OpenAPI 3.1 generated from the request schemas', async () => {
    const doc = (await (await call('/openapi.json')).json()) as any;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/v1/quotes', '/v1/tariffs', '/v1/tariffs/{regime}/{version}']),
    );
    expect(doc.components.schemas.Vessel.properties.type.enum).toContain('vehicle_carrier');
  });

  it('GET /openapi.json names the Worker serving it and says how keys work', async () => {
    const doc = (await (await call('/openapi.json')).json()) as any;
    expect(doc.servers).toEqual([{ url: 'http://portfees.test', description: 'This portfees Worker' }]);
    expect(doc.info.description).toContain('Authorization: Bearer sk_');
    expect(doc.info.description).toContain('npm run keys -- create');
    expect(doc.components.securitySchemes.secretKey.description.length).toBeGreaterThan(0);
    expect(doc.components.schemas.Quote.properties.titles).toBeDefined();
    expect(JSON.stringify(doc.components.schemas)).toContain('"locale":{"type":"string","enum":["en","zh-CN"]');
  });

  it('GET /docs is a self-contained page over /openapi.json, under a same-origin policy', async () => {
    const res = await call('/docs');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self';");
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self';");
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).not.toMatch(/<script>/);
    const script = await call('/docs/reference.js');
    expect(script.status).toBe(200);
    expect(await script.text()).toContain("url: '/openapi.json'");
    expect((await call('/docs/missing.js')).status).toBe(404);
  });

  it('JSON routes carry strict security headers', async () => {
    const res = await call('/healthz');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('Server-Timing', () => {
  it("names the ledger's D1 read on a quote with a secret key, and nothing on one without", async () => {
    const { key } = await createKey();
    const keyed = await postJson('/v1/quotes', good(), bearer(key));
    expect(keyed.status).toBe(200);
    expect(keyed.headers.get('server-timing')).toMatch(/^ledger;dur=\d+\.\d;desc="ledger charges read from D1"$/);
    const anonymous = await postJson('/v1/quotes', good());
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('server-timing')).toBeNull();
  });
});

describe('dates outside the years of service', () => {
  it.each([
    [
      'an arrival in 1850',
      (b: Body) => {
        b.portCalls[0]!.arrival = '1850-01-01';
      },
      'portCalls[0].arrival',
    ],
    [
      'an arrival in 2100',
      (b: Body) => {
        b.portCalls[1]!.arrival = '2100-01-01T00:00:00Z';
      },
      'portCalls[1].arrival',
    ],
    [
      'a knowledge date in 1999',
      (b: Body) => {
        b.options = { asOf: '1999-12-31' };
      },
      'options.asOf',
    ],
  ])('%s is refused naming the field', async (_name, mutate, path) => {
    const { res, json, paths } = await problem(mutated(mutate));
    expect(res.status).toBe(400);
    expect(paths).toContain(path);
    expect(json.errors!.find((e) => e.path === path)!.message).toContain('2000–2099');
  });
});
