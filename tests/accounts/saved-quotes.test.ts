import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { QuoteTooLargeError, saveQuote as storeQuote } from '../../src/accounts/saved-quotes';
import { createApp } from '../../src/api/app';
import { shippedTariffFiles } from '../../src/tariffs/bundle.generated';
import { TariffRegistry } from '../../src/tariffs/registry';
import laterVersion from '../fixtures/tariffs/us-301-2026-11-21.json';
import { bearer, createKey, getJson } from '../support/accounts';
import { annexOneQuote, IMO, OTHER_IMO } from '../support/vessels';
import { call, postJson } from '../support/worker';

interface QuoteBody {
  quoteId: string;
  tariffs: Array<{ id: string; sha256: string }>;
  voyages: Array<{ outcome: string; certainty: string; fee: { amount: string } }>;
}

/** Arrival after the suspension year: unconfirmed, `resumed` by default: 60,000 NT × 80 USD = 4,800,000.00 USD. */
const AFTER_SUSPENSION = '2026-12-01T06:00:00-08:00';
const afterSuspensionQuote = () => annexOneQuote(AFTER_SUSPENSION, { options: { asOf: '2026-11-28' } });

async function saveQuote(key: string, body: Record<string, unknown>): Promise<{ res: Response; text: string }> {
  const res = await postJson('/v1/quotes?save=true', body, bearer(key));
  return { res, text: await res.text() };
}

describe('saving a quote', () => {
  it('stores the response and returns it byte for byte on GET', async () => {
    const { key } = await createKey();
    const { res, text } = await saveQuote(key, annexOneQuote('2025-10-20T06:00:00-07:00'));
    expect(res.status).toBe(200);
    const saved = JSON.parse(text) as QuoteBody;
    expect(res.headers.get('location')).toBe(`/v1/quotes/${saved.quoteId}`);
    // 60,000 NT × 50 USD = 3,000,000.00 USD
    expect(saved.voyages[0]?.fee.amount).toBe('3000000.00');

    const again = await getJson(`/v1/quotes/${saved.quoteId}`, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('content-type')).toBe('application/json');
    expect(await again.text()).toBe(text);
  });

  it('stores the request and the tariff hashes beside the response', async () => {
    const { key, accountId } = await createKey();
    const request = annexOneQuote('2025-10-21T06:00:00-07:00');
    const { text } = await saveQuote(key, request);
    const saved = JSON.parse(text) as QuoteBody;
    const row = await env.DB.prepare(
      'SELECT imo, request, tariffs FROM saved_quotes WHERE account_id = ? AND quote_id = ?',
    )
      .bind(accountId, saved.quoteId)
      .first<{ imo: string; request: string; tariffs: string }>();
    expect(row?.imo).toBe(IMO);
    expect(JSON.parse(row!.request)).toEqual(request);
    expect(JSON.parse(row!.tariffs)).toEqual(saved.tariffs);
  });

  it('keeps the first copy when the same quote is saved twice', async () => {
    const { key, accountId } = await createKey();
    const first = await saveQuote(key, annexOneQuote('2025-10-22T06:00:00-07:00'));
    const second = await saveQuote(key, annexOneQuote('2025-10-22T06:00:00-07:00'));
    expect(second.res.status).toBe(200);
    expect(second.text).toBe(first.text);
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM saved_quotes WHERE account_id = ?')
      .bind(accountId)
      .first<{ n: number }>();
    expect(count?.n).toBe(1);
  });

  it('is the same bytes after a new tariff version ships, while a fresh quote changes', async () => {
    const { key } = await createKey();
    const { text } = await saveQuote(key, afterSuspensionQuote());
    const saved = JSON.parse(text) as QuoteBody;
    expect(saved.tariffs.map((t) => t.id)).toContain('us-301/2025-11-10');
    expect(saved.voyages[0]).toMatchObject({
      outcome: 'charged',
      certainty: 'unconfirmed',
      fee: { amount: '4800000.00' },
    });

    // The same Worker code and database, with one more us-301 version published 2026-11-21 (before asOf 2026-11-28).
    const withLaterVersion = createApp({
      registry: new TariffRegistry([
        ...shippedTariffFiles,
        { file: 'tests/fixtures/tariffs/us-301-2026-11-21.json', data: laterVersion },
      ]),
    });
    const get = await withLaterVersion.fetch(
      new Request(`http://portfees.test/v1/quotes/${saved.quoteId}`, { headers: bearer(key) }),
      env,
    );
    expect(get.status).toBe(200);
    expect(new Uint8Array(await get.arrayBuffer())).toEqual(new TextEncoder().encode(text));

    const fresh = await withLaterVersion.fetch(
      new Request('http://portfees.test/v1/quotes', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(key) },
        body: JSON.stringify(afterSuspensionQuote()),
      }),
      env,
    );
    const freshBody = (await fresh.json()) as QuoteBody;
    expect(freshBody.tariffs.map((t) => t.id)).toContain('us-301/2026-11-21');
    expect(freshBody.quoteId).not.toBe(saved.quoteId);
    // The later version extends the suspension: 0.00 instead of 4,800,000.00.
    expect(freshBody.voyages[0]).toMatchObject({ outcome: 'suspended', fee: { amount: '0.00' } });
  });

  it('answers 404 for an id the account never saved, and 400 for a malformed id', async () => {
    const { key } = await createKey();
    const missing = await getJson('/v1/quotes/q_000000000000000000000000', key);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const malformed = await getJson('/v1/quotes/not-a-quote', key);
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { errors: Array<{ path: string }> }).errors[0]?.path).toBe('quoteId');
  });

  it('needs a secret key to read saved quotes', async () => {
    const res = await call('/v1/quotes/q_000000000000000000000000');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="portfees"');
  });
});

describe('listing saved quotes', () => {
  it('lists newest first, filters by vessel and saving date, and pages with a cursor', async () => {
    const { key } = await createKey();
    const a = JSON.parse((await saveQuote(key, annexOneQuote('2025-10-15T06:00:00-07:00'))).text) as QuoteBody;
    const b = JSON.parse((await saveQuote(key, annexOneQuote('2025-10-16T06:00:00-07:00'))).text) as QuoteBody;
    const other = JSON.parse(
      (await saveQuote(key, annexOneQuote('2025-10-16T06:00:00-07:00', {}, OTHER_IMO))).text,
    ) as QuoteBody;

    const all = (await (await getJson('/v1/quotes', key)).json()) as {
      quotes: Array<{ quoteId: string; imo: string; href: string; totals: unknown; asOf: string; savedAt: string }>;
      next: string | null;
    };
    expect(all.quotes.map((q) => q.quoteId).sort()).toEqual([a.quoteId, b.quoteId, other.quoteId].sort());
    expect(all.next).toBeNull();
    const times = all.quotes.map((q) => q.savedAt);
    expect(times).toEqual([...times].sort().reverse());
    const entryA = all.quotes.find((q) => q.quoteId === a.quoteId)!;
    expect(entryA).toMatchObject({
      imo: IMO,
      href: `/v1/quotes/${a.quoteId}`,
      asOf: '2025-12-01',
      totals: [{ currency: 'USD', amount: '3000000.00' }],
    });

    const vessel = (await (await getJson(`/v1/quotes?imo=${IMO}`, key)).json()) as {
      quotes: Array<{ quoteId: string }>;
    };
    expect(vessel.quotes.map((q) => q.quoteId).sort()).toEqual([a.quoteId, b.quoteId].sort());

    // The UTC day `a` was saved on holds it; a range in 2025 (long before saving) holds nothing.
    const savedDay = entryA.savedAt.slice(0, 10);
    const inRange = (await (await getJson(`/v1/quotes?from=${savedDay}&to=${savedDay}`, key)).json()) as {
      quotes: Array<{ quoteId: string }>;
    };
    expect(inRange.quotes.map((q) => q.quoteId)).toContain(a.quoteId);
    const before = (await (await getJson('/v1/quotes?from=2025-01-01&to=2025-12-31', key)).json()) as {
      quotes: unknown[];
    };
    expect(before.quotes).toHaveLength(0);

    const page1 = (await (await getJson('/v1/quotes?limit=2', key)).json()) as {
      quotes: Array<{ quoteId: string }>;
      next: string | null;
    };
    expect(page1.quotes).toHaveLength(2);
    expect(page1.next).not.toBeNull();
    const page2 = (await (await getJson(`/v1/quotes?limit=2&cursor=${page1.next}`, key)).json()) as {
      quotes: Array<{ quoteId: string }>;
      next: string | null;
    };
    expect(page2.quotes).toHaveLength(1);
    expect(page2.next).toBeNull();
    expect([...page1.quotes, ...page2.quotes].map((q) => q.quoteId)).toEqual(all.quotes.map((q) => q.quoteId));
  });

  it.each([
    ['/v1/quotes?imo=1234568', 'imo'], // check digit of 123456 is 7,
    ['/v1/quotes?from=2025-02-30', 'from'],
    ['/v1/quotes?from=2025-03-02&to=2025-03-01', 'to'],
    ['/v1/quotes?limit=0', 'limit'],
    ['/v1/quotes?limit=201', 'limit'],
    ['/v1/quotes?cursor=bm90LWEtY3Vyc29y', 'cursor'],
  ])('refuses %s naming %s', async (path, field) => {
    const { key } = await createKey();
    const res = await getJson(path, key);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual([field]);
  });
});

/** The largest quote the API answers: 500 port calls (US and Chinese ports in turn) and 200 prior charges. */
function largestQuote(): Record<string, unknown> {
  const start = Date.UTC(2025, 9, 14, 12);
  const ports = ['USLAX', 'CNSHA', 'USOAK', 'CNNGB'];
  const portCalls = Array.from({ length: 500 }, (_, i) => ({
    port: ports[i % ports.length],
    arrival: new Date(start + i * 86_400_000).toISOString().replace('.000Z', 'Z'),
  }));
  const priorCharges = Array.from({ length: 200 }, (_, i) => ({
    regime: i % 2 ? 'cn-spf' : 'us-301',
    date: new Date(Date.UTC(2025, 9, 14) + i * 86_400_000).toISOString().slice(0, 10),
    port: i % 2 ? 'CNSHA' : 'USSEA',
  }));
  return annexOneQuote('2025-10-20T06:00:00-07:00', { portCalls, priorCharges, options: { asOf: '2026-11-28' } });
}

describe('saving quotes of any size', () => {
  it('saves the 500-call, 200-prior-charge quote compressed and returns it byte for byte', async () => {
    const { key, accountId } = await createKey();
    const request = largestQuote();
    expect(JSON.stringify(request).length).toBeLessThan(256 * 1024);
    const { res, text } = await saveQuote(key, request);
    expect(res.status).toBe(200);
    expect(text.length).toBeGreaterThan(500_000);
    const { quoteId } = JSON.parse(text) as QuoteBody;

    const row = await env.DB.prepare(
      'SELECT length(response) AS plain, length(response_gzip) AS packed FROM saved_quotes WHERE account_id = ? AND quote_id = ?',
    )
      .bind(accountId, quoteId)
      .first<{ plain: number; packed: number }>();
    expect(row!.plain).toBe(0);
    expect(row!.packed).toBeGreaterThan(0);
    expect(row!.packed).toBeLessThan(text.length / 5);

    const again = await getJson(`/v1/quotes/${quoteId}`, key);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(text);
    // Saving again answers the stored copy, unchanged.
    expect((await saveQuote(key, request)).text).toBe(text);
    // The listing reads asOf and totals kept beside the compressed body.
    const list = (await (await getJson('/v1/quotes', key)).json()) as {
      quotes: Array<{ quoteId: string; asOf: string; totals: unknown[] }>;
    };
    expect(list.quotes[0]).toMatchObject({ quoteId, asOf: '2026-11-28', totals: JSON.parse(text).totals });
  });

  it('refuses (never 503) what cannot be saved even compressed, writing nothing', async () => {
    const { accountId } = await createKey();
    // Base64 of 2 MB of random bytes does not compress below the row limit.
    const random = new Uint8Array(2_000_000);
    for (let i = 0; i < random.length; i += 65_536) crypto.getRandomValues(random.subarray(i, i + 65_536));
    let binary = '';
    for (let i = 0; i < random.length; i += 8192) binary += String.fromCharCode(...random.subarray(i, i + 8192));
    const noise = btoa(binary);
    const attempt = storeQuote(env.DB, {
      accountId,
      quoteId: 'q_ffffffffffffffffffffffff',
      imo: IMO,
      request: '{}',
      response: JSON.stringify({ noise }),
      tariffs: [],
      savedAt: '2026-11-28T00:00:00.000Z',
      asOf: '2026-11-28',
      totals: '[]',
    });
    await expect(attempt).rejects.toBeInstanceOf(QuoteTooLargeError);
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM saved_quotes WHERE account_id = ?')
      .bind(accountId)
      .first<{ n: number }>();
    expect(count?.n).toBe(0);
  });

  it('keeps small responses as plain text', async () => {
    const { key, accountId } = await createKey();
    const { text } = await saveQuote(key, annexOneQuote('2025-10-23T06:00:00-07:00'));
    const row = await env.DB.prepare('SELECT response, response_gzip FROM saved_quotes WHERE account_id = ?')
      .bind(accountId)
      .first<{ response: string; response_gzip: unknown }>();
    expect(row).toEqual({ response: text, response_gzip: null });
  });
});
