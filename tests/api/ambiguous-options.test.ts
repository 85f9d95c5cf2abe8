/** Options that cannot mean one thing are refused, naming the field, instead of being read one way silently. */
import { describe, expect, it } from 'vitest';
import { annexIRequest, portCall } from '../support/requests';
import { call, postJson } from '../support/worker';

const request = annexIRequest([portCall('USLAX', '2025-10-20T06:00:00-07:00')], { options: { asOf: '2025-10-20' } });

interface Problem {
  status: number;
  errors: Array<{ path: string; message: string }>;
}

describe('options.fx', () => {
  it('refuses a pair from a currency to itself', async () => {
    const res = await postJson('/v1/quotes', { ...request, options: { ...request.options, fx: { 'USD/USD': '2' } } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Problem;
    expect(body.errors.map((e) => e.path)).toEqual(['options.fx.USD/USD']);
  });
  it('refuses both directions of one pair (which rate would count?)', async () => {
    const res = await postJson('/v1/quotes', {
      ...request,
      options: { ...request.options, fx: { 'USD/CNY': '7.1', 'CNY/USD': '0.5' } },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Problem;
    expect(body.errors.map((e) => e.path)).toEqual(['options.fx.CNY/USD']);
  });
});

describe('POST /v1/quotes/batch query lists', () => {
  const post = (query: string) =>
    call(`/v1/quotes/batch?${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([request]),
    });
  it('refuses two versions of one regime in tariffVersions', async () => {
    const res = await post('tariffVersions=us-301/2025-10-10,us-301/2025-04-17');
    expect(res.status).toBe(400);
    const body = (await res.json()) as Problem;
    expect(body.errors).toEqual([
      {
        path: 'tariffVersions',
        message: 'us-301 is pinned twice (us-301/2025-10-10, us-301/2025-04-17); pin one version per regime',
      },
    ]);
  });
  it('refuses one assumption set twice', async () => {
    const res = await post(
      'asOf=2026-11-28&assumptions=us-301.after-suspension=extended,us-301.after-suspension=resumed',
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as Problem;
    expect(body.errors).toEqual([
      {
        path: 'assumptions',
        message: 'us-301.after-suspension is set twice (extended, resumed); set each assumption once',
      },
    ]);
  });
});
