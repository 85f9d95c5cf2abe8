/**
 * Citations per value (docs/tariffs.md, "Citations per value"): every rate
 * step, status window, exemption, threshold and cap names one of its
 * version's instruments and the place inside it, and the explanation prints it.
 */

import { describe, expect, it } from 'vitest';
import { DataFileError } from '../../src/lib/data-file-error';
import { shippedTariffFiles } from '../../src/tariffs/bundle.generated';
import { TariffRegistry } from '../../src/tariffs/registry';
import { RateStep, TariffVersion } from '../../src/tariffs/schema';
import { shippedRegistry } from '../../src/tariffs/shipped';
import { english, onlyVoyage, portCall, vessel } from '../support/requests';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const fileOf = (id: string) =>
  clone(shippedTariffFiles.find((f) => f.file === `tariffs/${id}.json`)!.data) as Record<string, any>;

describe('the schema', () => {
  it('refuses a rate step without a pinpoint reference', () => {
    const step = { from: '2025-10-14', bases: [{ unit: 'net-ton', rate: '50' }] };
    const missing = RateStep.safeParse(step);
    expect(missing.success).toBe(false);
    expect(missing.error!.issues.map((issue) => issue.path.join('.'))).toEqual(['ref']);
    const blank = RateStep.safeParse({ ...step, ref: { instrument: 0, pinpoint: '' } });
    expect(blank.error!.issues[0]!.path).toEqual(['ref', 'pinpoint']);
    expect(RateStep.safeParse({ ...step, ref: { instrument: 0, pinpoint: 'Annex I' } }).success).toBe(true);
  });

  it('refuses a shipped file once a rate step, a window, an exemption, a threshold or the cap loses its reference', () => {
    const cases: Array<[string, (file: Record<string, any>) => void]> = [
      ['rules.1.rates.0.ref', (f) => delete f.rules[1].rates[0].ref],
      ['statusWindows.1.ref', (f) => delete f.statusWindows[1].ref],
      ['rules.1.exemptions.2.ref', (f) => delete f.rules[1].exemptions[2].ref],
      ['rules.1.exemptions.1.thresholds.0.ref', (f) => delete f.rules[1].exemptions[1].thresholds[0].ref],
      ['cap.ref', (f) => delete f.cap.ref],
      ['instruments.0.kind', (f) => delete f.instruments[0].kind],
    ];
    for (const [path, damage] of cases) {
      const file = fileOf('us-301/2025-11-10');
      damage(file);
      const parsed = TariffVersion.safeParse(file);
      expect(parsed.success, path).toBe(false);
      expect(parsed.error!.issues.map((issue) => issue.path.join('.'))).toContain(path);
    }
  });

  it('refuses a reference to an instrument the version does not list', () => {
    const file = fileOf('cn-spf/2025-10-14');
    file.rules[0].rates[2].ref.instrument = 9;
    expect(() => new TariffRegistry([{ file: 'bad.json', data: file }])).toThrow(DataFileError);
    expect(() => new TariffRegistry([{ file: 'bad.json', data: file }])).toThrow(
      /rules\[0\]\.rates\[2\]\.ref\.instrument 9 is not an index of instruments \(0–2\)/,
    );
  });
});

describe('the shipped versions', () => {
  it('mark every instrument primary or secondary; the Notice of Action in the Federal Register is primary', () => {
    for (const tariff of shippedRegistry().versions()) {
      for (const instrument of tariff.data.instruments) expect(['primary', 'secondary']).toContain(instrument.kind);
    }
    const notice = shippedRegistry().get('us-301/2025-10-10')!.data.instruments[0]!;
    expect(notice).toMatchObject({ kind: 'primary', reference: '90 FR 17114' });
  });

  it('cite the Implementation Measures article for each Chinese rate step and exemption', () => {
    const measures = shippedRegistry().get('cn-spf/2025-10-14')!.data;
    const rule = measures.rules[0]!;
    for (const step of rule.rates) {
      expect(measures.instruments[step.ref.instrument]!.reference).toBe('交办水〔2025〕59号');
      expect(step.ref.pinpoint).toMatch(/^Art\. 3/);
    }
    expect(rule.exemptions.map((exemption) => exemption.ref.pinpoint)).toEqual([
      'Art. 2, para. 2: China-built vessels of items (1) to (4)',
      'Art. 2, para. 2: empty vessels entering Chinese shipyards solely for repair',
    ]);
  });
});

describe('the explanation prints the pinpoint', () => {
  it('of the rate step, the status window, the coverage and the cap (Annex I, 2025-10-20)', () => {
    const voyage = onlyVoyage(
      {
        vessel: vessel({ operator: { country: 'CN' } }),
        portCalls: [portCall('USLAX', '2025-10-20T06:00:00-07:00')],
        options: { asOf: '2025-10-20' },
      },
      'us-301',
    );
    expect(english(voyage.explanation)).toContain(
      'Rate from 2025-10-14: 50 USD/net-ton [90 FR 17114: Annex I: phased fee per net ton].',
    );
    expect(english(voyage.explanation).join('\n')).toContain(
      '[90 FR 17114: Annexes I–III: fees from 2025-10-14 (after 180 days at zero)]',
    );
    expect(english(voyage.explanation).join('\n')).toContain('[90 FR 17114: Annex I: vessel operator of China');
    expect(english(voyage.explanation).join('\n')).toMatch(
      /Cap year 2025: charge 1 of at most 5 \[90 FR 17114: Annexes I and II/,
    );
  });

  it('of the exemption that applies (China-built, under the Measures)', () => {
    const voyage = onlyVoyage(
      {
        vessel: vessel({ owner: { country: 'US' }, buildCountry: 'CN', netTonnage: 1000 }),
        portCalls: [portCall('CNSHA', '2025-10-20T08:00:00+08:00')],
        options: { asOf: '2025-10-20' },
      },
      'cn-spf',
    );
    expect(voyage.outcome).toBe('exempt');
    expect(english(voyage.explanation).join('\n')).toContain(
      'china-built (built in CN) [交办水〔2025〕59号: Art. 2, para. 2: China-built vessels of items (1) to (4)]',
    );
  });
});
