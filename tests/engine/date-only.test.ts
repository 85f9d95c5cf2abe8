/**
 * Date-only arrivals (docs/tariffs.md, "Date-only arrivals"): read at 00:00
 * in the port's zone; when a status edge, rate step or cap-year start falls
 * inside that local day, the voyage is `time-dependent` with the amount at
 * 23:59 as its `arrival-time` alternative. Each side of each boundary, in New
 * York and Shanghai (the regimes' zones) and in Los Angeles (a third zone).
 */
import { describe, expect, it } from 'vitest';
import { english, onlyVoyage, portCall, vessel } from '../support/requests';

/** Annex I: operator of China, 60,000 NT × 50 = 3,000,000.00 USD (× 80 = 4,800,000.00 from 2026-04-17). */
const annexI = vessel({ operator: { country: 'CN' } });
/** cn-spf: US flag, owner and build, 30,224 NT × 400 = 12,089,600.00 CNY (× 640 = 19,343,360.00 from 2026-04-17). */
const usFlag = vessel({
  flag: 'US',
  buildCountry: 'US',
  owner: { country: 'US' },
  operator: { country: 'US' },
  netTonnage: 30224,
});

interface Case {
  port: string;
  date: string;
  why: string;
  amount: string;
  certainty: string;
  endOfDay?: string;
}

const US_CASES: Case[] = [
  { port: 'USNYC', date: '2025-10-13', why: 'fees start 10-14 00:00 ET', amount: '0.00', certainty: 'confirmed' },
  {
    port: 'USNYC',
    date: '2025-10-14',
    why: 'the edge is at 00:00 itself',
    amount: '3000000.00',
    certainty: 'confirmed',
  },
  {
    port: 'USLAX',
    date: '2025-10-13',
    why: '10-14 00:00 ET is 10-13 21:00 in Los Angeles',
    amount: '0.00',
    certainty: 'time-dependent',
    endOfDay: '3000000.00',
  },
  { port: 'USLAX', date: '2025-10-14', why: 'in force all day', amount: '3000000.00', certainty: 'confirmed' },
  { port: 'USNYC', date: '2025-11-09', why: 'in force all day', amount: '3000000.00', certainty: 'confirmed' },
  {
    port: 'USNYC',
    date: '2025-11-10',
    why: 'suspended from 00:01 ET',
    amount: '3000000.00',
    certainty: 'time-dependent',
    endOfDay: '0.00',
  },
  { port: 'USNYC', date: '2025-11-11', why: 'suspended all day', amount: '0.00', certainty: 'confirmed' },
  {
    port: 'USLAX',
    date: '2025-11-09',
    why: '11-10 00:01 ET is 11-09 21:01 in Los Angeles',
    amount: '3000000.00',
    certainty: 'time-dependent',
    endOfDay: '0.00',
  },
  {
    port: 'USLAX',
    date: '2025-11-10',
    why: '00:00 in LA is 03:00 ET, suspended',
    amount: '0.00',
    certainty: 'confirmed',
  },
  {
    port: 'USLAX',
    date: '2026-11-09',
    why: 'the suspension year ends 11-10 00:00 ET = 11-09 21:00 LA; fees resume (default) at 80/NT',
    amount: '0.00',
    certainty: 'time-dependent',
    endOfDay: '4800000.00',
  },
];

const CN_CASES: Case[] = [
  { port: 'CNSHA', date: '2025-10-13', why: 'fees start 10-14 00:00 Beijing', amount: '0.00', certainty: 'confirmed' },
  {
    port: 'CNSHA',
    date: '2025-10-14',
    why: 'the edge is at 00:00 itself',
    amount: '12089600.00',
    certainty: 'confirmed',
  },
  { port: 'CNSHA', date: '2025-11-09', why: 'in force all day', amount: '12089600.00', certainty: 'confirmed' },
  {
    port: 'CNSHA',
    date: '2025-11-10',
    why: 'suspended from 13:01 Beijing',
    amount: '12089600.00',
    certainty: 'time-dependent',
    endOfDay: '0.00',
  },
  { port: 'CNSHA', date: '2025-11-11', why: 'suspended all day', amount: '0.00', certainty: 'confirmed' },
  {
    port: 'CNSHA',
    date: '2026-11-10',
    why: 'the suspension year ends at 13:01; fees resume (default) at 640/NT',
    amount: '0.00',
    certainty: 'time-dependent',
    endOfDay: '19343360.00',
  },
];

function check(regime: 'us-301' | 'cn-spf', subject: typeof annexI, { port, date, amount, certainty, endOfDay }: Case) {
  const voyage = onlyVoyage({ vessel: subject, portCalls: [portCall(port, date)] }, regime);
  expect(voyage.fee.amount).toBe(amount);
  expect(voyage.certainty).toBe(certainty);
  const arrivalTime = voyage.alternatives.filter((alternative) => alternative.assumption === 'arrival-time');
  if (endOfDay === undefined) {
    expect(arrivalTime).toEqual([]);
    return;
  }
  expect(arrivalTime).toEqual([expect.objectContaining({ value: 'end-of-day', amount: endOfDay })]);
  const asks = english(voyage.explanation).find((line) => line.includes('date without a time'));
  // The words show amounts with separators: 3000000.00 reads 3,000,000.00.
  const shown = (text: string) => text.replace(/\B(?=(\d{3})+\.)/g, ',');
  expect(asks).toContain(`read at 00:00 it is ${shown(amount)}`);
  expect(asks).toContain(`at the end of the day ${shown(endOfDay)}`);
  expect(asks).toContain('Give the time');
}

describe('date-only arrivals at US ports (America/New_York edges)', () => {
  for (const entry of US_CASES) {
    it(`${entry.port} ${entry.date}: ${entry.certainty}, ${entry.amount}${entry.endOfDay ? ` (end of day ${entry.endOfDay})` : ''}: ${entry.why}`, () =>
      check('us-301', annexI, entry));
  }

  it('a given time settles it: USNYC 2025-11-10 00:00:30 ET is charged, 00:05 ET suspended, both confirmed', () => {
    const at = (time: string) =>
      onlyVoyage({ vessel: annexI, portCalls: [portCall('USNYC', `2025-11-10T${time}-05:00`)] }, 'us-301');
    expect(at('00:00:30')).toMatchObject({ fee: { amount: '3000000.00' }, certainty: 'confirmed', alternatives: [] });
    expect(at('00:05:00')).toMatchObject({ fee: { amount: '0.00' }, certainty: 'confirmed', alternatives: [] });
  });

  it('a cap-year start inside the day: LA 2026-12-31 with five 2026 charges is capped at 00:00, charged at 23:59 (2027 ET)', () => {
    const voyage = onlyVoyage(
      {
        vessel: annexI,
        portCalls: [portCall('USLAX', '2026-12-31')],
        priorCharges: ['11-11', '11-20', '11-30', '12-10', '12-20'].map((day) => ({
          regime: 'us-301',
          date: `2026-${day}`,
        })),
      },
      'us-301',
    );
    // 2027-01-01 00:00 ET is 2026-12-31 21:00 in Los Angeles: a new calendar cap year, 60,000 × 80 = 4,800,000.00.
    expect(voyage).toMatchObject({ outcome: 'capped', certainty: 'unconfirmed', fee: { amount: '0.00' } });
    expect(voyage.alternatives).toContainEqual({
      assumption: 'arrival-time',
      value: 'end-of-day',
      amount: '4800000.00',
      outcome: 'charged',
    });
  });
});

describe('date-only arrivals at Chinese ports (Asia/Shanghai edges)', () => {
  for (const entry of CN_CASES) {
    it(`${entry.port} ${entry.date}: ${entry.certainty}, ${entry.amount}${entry.endOfDay ? ` (end of day ${entry.endOfDay})` : ''}: ${entry.why}`, () =>
      check('cn-spf', usFlag, entry));
  }
});
