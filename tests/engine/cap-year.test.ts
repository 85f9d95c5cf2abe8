import { describe, expect, it } from 'vitest';
import { capYearOfCharge } from '../../src/engine/cap-year';
import { shippedRegistry } from '../../src/tariffs/shipped';

describe('capYearOfCharge', () => {
  const registry = shippedRegistry();

  it('uses calendar years for us-301 (its default cap-year assumption)', () => {
    expect(capYearOfCharge(registry, 'us-301', '2025-12-31', '2026-11-28')).toBe('2025');
    expect(capYearOfCharge(registry, 'us-301', '2026-01-01', '2026-11-28')).toBe('2026');
  });

  it('uses billing years starting 17 April for cn-spf', () => {
    // The first billing year runs 2025-10-14 to 2026-04-16, inside the year that started 2025-04-17.
    expect(capYearOfCharge(registry, 'cn-spf', '2025-10-14', '2026-11-28')).toBe('2025-26');
    expect(capYearOfCharge(registry, 'cn-spf', '2026-04-16', '2026-11-28')).toBe('2025-26');
    expect(capYearOfCharge(registry, 'cn-spf', '2026-04-17', '2026-11-28')).toBe('2026-27');
  });

  it('knows no year for an unknown regime', () => {
    expect(capYearOfCharge(registry, 'eu-ets', '2025-10-14', '2026-11-28')).toBeUndefined();
  });
});
