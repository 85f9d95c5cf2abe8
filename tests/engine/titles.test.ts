/**
 * The English titles of a quote's codes come from the data files: an assumption's title is the one of the
 * latest tariff version that declares it (docs/api.md, Words in two languages), whatever the order of the lookups.
 */
import { describe, expect, it } from 'vitest';
import { quoteTitles } from '../../src/engine';
import { shippedTariffFiles } from '../../src/tariffs/bundle.generated';
import { TariffRegistry } from '../../src/tariffs/registry';
import { shippedRegistry } from '../../src/tariffs/shipped';
import resumptionConfirmed from '../fixtures/tariffs/us-301-2026-11-20.json';

describe('quoteTitles', () => {
  it('gives each assumption the title of the latest version that declares it, and nothing for an unknown id', () => {
    const renamed = structuredClone(resumptionConfirmed);
    const capYear = renamed.assumptions.find((assumption) => assumption.id === 'us-301.cap-year')!;
    capYear.title = 'The cap year, as the 2026-11-20 version words it';
    const registry = new TariffRegistry([
      ...shippedTariffFiles,
      { file: 'tests/fixtures/tariffs/us-301-2026-11-20.json', data: renamed },
    ]);
    const titles = quoteTitles({ registry });
    const shipped = quoteTitles({ registry: shippedRegistry() });
    expect(titles.assumption('us-301.cap-year')).toBe('The cap year, as the 2026-11-20 version words it');
    expect(shipped.assumption('us-301.cap-year')).not.toBe(capYear.title);
    // Declared only by earlier versions (and by the other regime): their own titles, read from the same index.
    for (const id of ['us-301.territories', 'cn-spf.voyage-split'])
      expect(titles.assumption(id)).toBe(shipped.assumption(id));
    expect(titles.assumption('cn-spf.voyage-split')).toMatch(/\w/);
    expect(titles.assumption('no-such.assumption')).toBeUndefined();
  });
});
