// The widget's pure parts (no DOM): its vocabulary matches the API schema,
// request paths, number formatting and port-local arrival times.
import { describe, expect, it } from 'vitest';
import { CALL_PURPOSES, CARGO_STATES, PROGRAMS, VESSEL_TYPES } from '../../src/tariffs/schema';
import { formatAmount, localArrival } from '../../src/widget/format';
import { getPath, pathAncestors, pathSegments, setPath } from '../../src/widget/paths';
import * as vocabulary from '../../src/widget/vocabulary';

describe('widget vocabulary', () => {
  it('offers exactly the values the API accepts', () => {
    const values = (list: ReadonlyArray<readonly [string, string]>) => list.map(([value]) => value);
    expect(values(vocabulary.VESSEL_TYPES)).toEqual([...VESSEL_TYPES]);
    expect(values(vocabulary.PROGRAMS)).toEqual([...PROGRAMS]);
    expect(values(vocabulary.CARGO_STATES)).toEqual([...CARGO_STATES]);
    expect(values(vocabulary.CALL_PURPOSES)).toEqual([...CALL_PURPOSES]);
  });
});

describe('request paths', () => {
  it('reads and writes the paths the API names in its problems', () => {
    expect(pathSegments('vessel.owner.stakes[0].equity')).toEqual(['vessel', 'owner', 'stakes', 0, 'equity']);
    const request: Record<string, unknown> = {};
    setPath(request, 'portCalls[1].port', 'USLAX');
    setPath(request, 'vessel.owner.country', 'GR');
    expect(request).toEqual({ portCalls: [undefined, { port: 'USLAX' }], vessel: { owner: { country: 'GR' } } });
    expect(getPath(request, 'portCalls[1].port')).toBe('USLAX');
    expect(getPath(request, 'portCalls[0].port')).toBeUndefined();
    expect(pathAncestors('portCalls[2].arrival')).toEqual(['portCalls[2].arrival', 'portCalls[2]', 'portCalls']);
  });
});

describe('formatting', () => {
  it('formats decimal strings exactly, in the locale', () => {
    expect(formatAmount('3000000.00', 'en')).toBe('3,000,000.00');
    expect(formatAmount('3000000.00', 'de')).toBe('3.000.000,00');
    // Beyond a float's 15–17 digits: still exact.
    expect(formatAmount('12345678901234567.89', 'en')).toBe('12,345,678,901,234,567.89');
  });

  it('writes a port-local time with the offset of that zone on that day', () => {
    expect(localArrival('2025-10-20', '06:00', 'America/Los_Angeles')).toBe('2025-10-20T06:00:00-07:00'); // PDT
    expect(localArrival('2025-12-01', '06:00', 'America/Los_Angeles')).toBe('2025-12-01T06:00:00-08:00'); // PST
    expect(localArrival('2025-10-14', '18:00', 'Asia/Shanghai')).toBe('2025-10-14T18:00:00+08:00');
    expect(localArrival('2025-07-01', '09:30', 'Asia/Kolkata')).toBe('2025-07-01T09:30:00+05:30');
  });
});
