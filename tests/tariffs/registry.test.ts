/**
 * Tariff files are data: every shipped file validates, versions are chosen by
 * knowledge date, and a new version is a new file and nothing else.
 */

import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { quote } from '../../src/engine/quote';
import { DataFileError } from '../../src/lib/data-file-error';
import { shippedTariffFiles } from '../../src/tariffs/bundle.generated';
import { TariffRegistry } from '../../src/tariffs/registry';
import { TariffVersion } from '../../src/tariffs/schema';
import { shippedRegistry } from '../../src/tariffs/shipped';
import committedSchema from '../../tariffs/tariff.schema.json';
import resumedAt2026 from '../fixtures/tariffs/us-301-2026-11-20.json';
import { portCall, vessel } from '../support/requests';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const usLatest = () =>
  clone(shippedTariffFiles.find((f) => f.file.endsWith('us-301/2025-11-10.json'))!.data) as Record<string, any>;

describe('shipped tariff files', () => {
  it('ships the six versions listed in docs/rules.md (Choosing a tariff version), each valid', () => {
    expect(
      shippedRegistry()
        .versions()
        .map((t) => t.id),
    ).toEqual([
      'cn-spf/2025-10-10',
      'cn-spf/2025-10-14',
      'cn-spf/2025-11-10',
      'us-301/2025-04-17',
      'us-301/2025-10-10',
      'us-301/2025-11-10',
    ]);
    for (const { data } of shippedTariffFiles) expect(TariffVersion.safeParse(data).success).toBe(true);
  });

  it('every file cites its instruments and every rule its sources', () => {
    for (const tariff of shippedRegistry().versions()) {
      expect(tariff.data.instruments.length).toBeGreaterThan(0);
      for (const rule of tariff.data.rules) expect(rule.citations.length).toBeGreaterThan(0);
    }
  });

  it('the committed JSON Schema is the one generated from the zod schema', () => {
    const generated = z.toJSONSchema(TariffVersion, { io: 'input', target: 'draft-2020-12' });
    expect({ ...generated, title: 'portfees tariff version' }).toEqual(committedSchema);
  });

  it('sha256 is the hash of the canonical file and differs between versions', () => {
    const hashes = shippedRegistry()
      .versions()
      .map((t) => t.sha256);
    expect(new Set(hashes).size).toBe(hashes.length);
    for (const hash of hashes) expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('choosing a version by knowledge date', () => {
  const registry = shippedRegistry();
  it.each([
    ['2025-04-16', undefined],
    ['2025-04-17', 'us-301/2025-04-17'],
    ['2025-10-09', 'us-301/2025-04-17'],
    ['2025-10-10', 'us-301/2025-10-10'],
    ['2025-11-09', 'us-301/2025-10-10'],
    ['2025-11-10', 'us-301/2025-11-10'],
    ['2026-11-28', 'us-301/2025-11-10'],
  ])('asOf %s picks %s', (asOf, id) => {
    expect(registry.pick('us-301', asOf)?.id).toBe(id);
  });
});

describe('a seventh version is a data-only change', () => {
  const registry = new TariffRegistry([
    ...shippedTariffFiles,
    { file: 'tests/fixtures/tariffs/us-301-2026-11-20.json', data: resumedAt2026 },
  ]);
  const input = {
    vessel: vessel({ operator: { country: 'CN' } }),
    portCalls: [portCall('USLAX', '2026-12-01T06:00:00-08:00')],
  };

  it('an extra file is picked by asOf and changes the answer with no code change', () => {
    // the fixture confirms resumption on 2026-11-10: 60,000 × 80 = 4,800,000.00, now confirmed
    const after = quote({ ...input, options: { asOf: '2026-11-20' } }, { registry, today: '2026-11-28' });
    expect(after.tariffs.find((t) => t.regime === 'us-301')?.id).toBe('us-301/2026-11-20');
    expect(after.voyages[0]).toMatchObject({
      outcome: 'charged',
      certainty: 'confirmed',
      fee: { amount: '4800000.00' },
      alternatives: [],
    });
    const before = quote({ ...input, options: { asOf: '2026-11-19' } }, { registry, today: '2026-11-28' });
    expect(before.voyages[0]).toMatchObject({ tariff: 'us-301/2025-11-10', certainty: 'unconfirmed' });
  });
});

describe('invalid tariff files are refused with the file and the problem named', () => {
  const refuse = (mutate: (data: Record<string, any>) => void) => {
    const data = usLatest();
    mutate(data);
    return () => new TariffRegistry([{ file: 'bad.json', data }]);
  };
  it('a rate that is not a decimal string', () => {
    expect(
      refuse((d) => {
        d.rules[0].rates[0].bases[0].rate = 50;
      }),
    ).toThrow(/bad.json.*rules\.0\.rates\.0\.bases\.0\.rate/);
  });
  it('a coverage entry naming a rule the file does not have', () => {
    expect(
      refuse((d) => {
        d.coverage[2].rule = 'annex-ix';
      }),
    ).toThrow(/annex-ix is not a rule/);
  });
  it('an assumption parameter that misses one of the options', () => {
    expect(
      refuse((d) => {
        d.cap.year.values = { calendar: { kind: 'calendar' } };
      }),
    ).toThrow(/must map every option of us-301.cap-year/);
  });
  it('rate steps out of order, overlapping windows and an unknown zone', () => {
    expect(
      refuse((d) => {
        d.rules[0].rates.reverse();
      }),
    ).toThrow(/increasing date order/);
    expect(
      refuse((d) => {
        d.statusWindows[0].to = '2025-12-01';
      }),
    ).toThrow(/overlaps/);
    expect(
      refuse((d) => {
        d.zone = 'Mars/Olympus';
      }),
    ).toThrow(DataFileError);
  });
  it('two files with the same id', () => {
    expect(() => new TariffRegistry([...shippedTariffFiles, shippedTariffFiles[0]!])).toThrow(/duplicate tariff id/);
  });
});

describe('loading', () => {
  it('parses and validates the shipped files once per isolate', () => {
    expect(shippedRegistry()).toBe(shippedRegistry());
  });
});
