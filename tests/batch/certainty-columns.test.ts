/** Batch answers carry each voyage's certainty and its low/high range, per voyage and in the totals (CSV, NDJSON). */
import { describe, expect, it } from 'vitest';
import { call } from '../support/worker';

/** China-built tanker, 70,000 DWT, 20,000 NT: exempt under bulk-80k (assumed); general-55k charges 20,000 × 18 = 360,000.00. */
const CSV = [
  'imo,type,flag,buildCountry,netTonnage,deadweight,ownerCountry,operatorCountry,port,arrival',
  '9310006,tanker,PA,CN,20000,70000,GR,DK,CNSHA,2025-09-20T08:00:00+08:00',
  '9310006,,,,,,,,USLAX,2025-10-20T06:00:00-07:00',
].join('\n');
const post = (accept: string) =>
  call('/v1/quotes/batch?asOf=2026-11-28', {
    method: 'POST',
    headers: { 'content-type': 'text/csv', accept },
    body: CSV,
  });

describe('certainty, low and high in batch answers', () => {
  it('CSV: the voyage row says assumed, 0.00 to 360000.00, and the total row sums the range', async () => {
    const text = await (await post('text/csv')).text();
    const [header, ...rows] = text
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));
    const column = (row: string[], name: string) => row[header!.indexOf(name)];
    const us = rows.find((row) => row[0] === 'voyage' && column(row, 'regime') === 'us-301')!;
    expect([column(us, 'certainty'), column(us, 'amount'), column(us, 'low'), column(us, 'high')]).toEqual([
      'assumed',
      '0.00',
      '0.00',
      '360000.00',
    ]);
    const total = rows.find((row) => row[0] === 'total' && column(row, 'regime') === 'us-301')!;
    expect([column(total, 'amount'), column(total, 'low'), column(total, 'high')]).toEqual([
      '0.00',
      '0.00',
      '360000.00',
    ]);
  });

  it('NDJSON: the voyage carries certainty, low, high and the alternative; the summary totals carry low/high', async () => {
    const lines = (await (await post('application/x-ndjson')).text())
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const us = lines[0].quote.voyages.find((voyage: { regime: string }) => voyage.regime === 'us-301');
    expect(us).toMatchObject({ certainty: 'assumed', low: '0.00', high: '360000.00' });
    expect(us.alternatives).toEqual([
      { assumption: 'us-301.tanker-threshold', value: 'general-55k', amount: '360000.00', outcome: 'charged' },
    ]);
    expect(lines[0].quote.totals).toContainEqual({ currency: 'USD', amount: '0.00', low: '0.00', high: '360000.00' });
    expect(lines.at(-1).totals).toContainEqual(
      expect.objectContaining({ regime: 'us-301', low: '0.00', high: '360000.00' }),
    );
  });
});
