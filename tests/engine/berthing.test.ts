/**
 * The trigger event (docs/tariffs.md, "Berthing"): cn-spf charges vessels that
 * berth (靠泊) at a Chinese port, so its trigger is `portCalls[].berthing` when
 * given, else the arrival with a note; us-301 charges on arrival (entry).
 */
import { describe, expect, it } from 'vitest';
import { shippedRegistry } from '../../src/tariffs/shipped';
import { english, onlyVoyage, portCall, quoteOf, vessel } from '../support/requests';
import { postJson } from '../support/worker';

/** Manukai: US flag, US-built, US-owned and operated (Matson), 11,146 NT. */
const manukai = vessel({
  name: 'MANUKAI',
  flag: 'US',
  buildCountry: 'US',
  owner: { country: 'US' },
  operator: { country: 'US' },
  netTonnage: 11146,
});

describe('trigger events in the tariff data', () => {
  it('cn-spf versions trigger on berthing, us-301 versions on arrival, each with its citation', () => {
    for (const tariff of shippedRegistry().versions()) {
      const trigger = tariff.data.trigger!;
      expect(trigger.event).toBe(tariff.regime === 'cn-spf' ? 'berthing' : 'arrival');
      expect(trigger.citation.url).toMatch(/^https?:\/\//);
    }
  });
});

describe('berthing', () => {
  it('Manukai: arrived off Ningbo 2025-10-13, berthed 2025-10-14: 11,146 NT × 400 = 4,458,400.00 CNY', () => {
    const voyage = onlyVoyage(
      { vessel: manukai, portCalls: [portCall('CNNGB', '2025-10-13', { berthing: '2025-10-14' })] },
      'cn-spf',
    );
    expect(voyage).toMatchObject({
      outcome: 'charged',
      certainty: 'confirmed',
      chargedAt: 'CNNGB',
      fee: { amount: '4458400.00', currency: 'CNY' },
    });
    expect(voyage.basis).toEqual([{ quantity: '11146', unit: 'net-ton', rate: '400', amount: '4458400.00' }]);
    expect(english(voyage.explanation)).toContainEqual(
      expect.stringMatching(/^Charged on berthing .*靠泊.*2025-10-14 00:00/),
    );
  });

  it('without a berthing the arrival stands in (2025-10-13: not in force), with a note asking for it', () => {
    const result = quoteOf({ vessel: manukai, portCalls: [portCall('CNNGB', '2025-10-13')] });
    const voyage = result.voyages.find((v) => v.regime === 'cn-spf')!;
    expect(voyage).toMatchObject({ outcome: 'not-in-force', fee: { amount: '0.00' } });
    expect(english(result.notes)).toContainEqual(
      expect.stringMatching(/no berthing time was given for CNNGB.*portCalls\[\]\.berthing/),
    );
  });

  it('a berthing time after the suspension edge decides: arrived 12:00, berthed 14:00 on 2025-11-10 (from 13:01): suspended', () => {
    const voyage = onlyVoyage(
      {
        vessel: manukai,
        portCalls: [portCall('CNSHA', '2025-11-10T12:00:00+08:00', { berthing: '2025-11-10T14:00:00+08:00' })],
      },
      'cn-spf',
    );
    expect(voyage).toMatchObject({ outcome: 'suspended', certainty: 'confirmed', fee: { amount: '0.00' } });
  });

  it('a date-only berthing on an edge day is time-dependent like a date-only arrival', () => {
    const voyage = onlyVoyage(
      {
        vessel: manukai,
        portCalls: [portCall('CNSHA', '2025-11-10T08:00:00+08:00', { berthing: '2025-11-10' })],
      },
      'cn-spf',
    );
    expect(voyage).toMatchObject({ outcome: 'charged', certainty: 'time-dependent', fee: { amount: '4458400.00' } });
    expect(voyage.alternatives).toEqual([
      { assumption: 'arrival-time', value: 'end-of-day', amount: '0.00', outcome: 'suspended' },
    ]);
  });

  it('us-301 charges on arrival: a berthing after the suspension edge does not matter', () => {
    // Arrived 2025-11-09 20:00 PST (23:00 ET, in force), berthed 2025-11-10 08:00 PST (suspended): Annex I 60,000 × 50.
    const voyage = onlyVoyage(
      {
        vessel: vessel({ operator: { country: 'CN' } }),
        portCalls: [portCall('USLAX', '2025-11-09T20:00:00-08:00', { berthing: '2025-11-10T08:00:00-08:00' })],
      },
      'us-301',
    );
    expect(voyage).toMatchObject({ outcome: 'charged', fee: { amount: '3000000.00' } });
  });

  it('POST /v1/quotes refuses a berthing before the arrival, or not a date, naming the field', async () => {
    const body = (berthing: string) => ({
      vessel: manukai,
      portCalls: [{ port: 'CNNGB', arrival: '2025-10-14T10:00:00+08:00', berthing }],
    });
    const before = await postJson('/v1/quotes', body('2025-10-14T09:00:00+08:00'));
    expect(before.status).toBe(400);
    expect(((await before.json()) as { errors: unknown[] }).errors).toEqual([
      {
        path: 'portCalls[0].berthing',
        message: 'must not be before the arrival: 2025-10-14T09:00:00+08:00 is before 2025-10-14T10:00:00+08:00',
      },
    ]);
    const garbled = await postJson('/v1/quotes', body('14/10/2025'));
    expect(garbled.status).toBe(400);
    expect(((await garbled.json()) as { errors: Array<{ path: string }> }).errors[0]!.path).toBe(
      'portCalls[0].berthing',
    );
    // A berthing date equal to the arrival's date is accepted (the date stands for the whole day).
    const sameDay = await postJson('/v1/quotes', body('2025-10-14'));
    expect(sameDay.status).toBe(200);
  });
});
