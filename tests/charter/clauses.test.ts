// The shipped charter-party clauses are valid, refer to rules the tariffs
// define, and bad clause files are refused at load.

import { describe, expect, it } from 'vitest';
import { shippedClauseFiles } from '../../src/charter/clauses.generated';
import { ClauseRegistry } from '../../src/charter/registry';
import { shippedClauses } from '../../src/charter/shipped';
import { DataFileError } from '../../src/lib/data-file-error';
import { shippedRegistry } from '../../src/tariffs/shipped';

describe('shipped clauses', () => {
  it('are the two BIMCO 2025 time-charter clauses', () => {
    expect(
      shippedClauses()
        .all()
        .map((clause) => [clause.id, clause.regime]),
    ).toEqual([
      ['bimco-cn-spf-2025', 'cn-spf'],
      ['bimco-ustr-2025', 'us-301'],
    ]);
  });

  it('cover only rules that the tariffs of their regime define', () => {
    const tariffs = shippedRegistry();
    for (const clause of shippedClauses().all()) {
      const rules = new Set(
        tariffs.versions(clause.regime).flatMap((version) => version.data.rules.map((rule) => rule.id)),
      );
      for (const rule of clause.covers.rules) expect(rules.has(rule), `${clause.id} covers ${rule}`).toBe(true);
    }
  });

  it('put Annex I and II inside the USTR clause and Annex III outside it', () => {
    const ustr = shippedClauses().get('bimco-ustr-2025')!;
    expect(ustr.covers.rules).toEqual(['annex-i', 'annex-ii']);
    expect(ustr.covers.outsideReason).toMatch(/^outside the clause/);
    expect(ustr.allocation.payer).toBe('charterers');
    expect(ustr.shifts.map((shift) => [shift.when.fact, shift.when.equals, shift.payer])).toEqual([
      ['ownersDeclarationAccurate', false, 'owners'],
      ['ownerChangeAfterFixture', true, 'owners'],
    ]);
  });
});

describe('ClauseRegistry', () => {
  const ustr = shippedClauseFiles.find((file) => file.file === 'clauses/bimco-ustr-2025.json')!;
  const edited = (change: (data: Record<string, unknown>) => void) => {
    const data = structuredClone(ustr.data) as Record<string, unknown>;
    change(data);
    return data;
  };

  it('refuses a shift on a fact the request cannot state', () => {
    const data = edited((d) => {
      (d.shifts as Array<{ when: { fact: string } }>)[0]!.when.fact = 'weatherWasBad';
    });
    expect(() => new ClauseRegistry([{ file: 'clauses/bimco-ustr-2025.json', data }])).toThrow(DataFileError);
  });

  it('refuses a shift that leaves the fee with the default payer', () => {
    const data = edited((d) => {
      (d.shifts as Array<{ payer: string }>)[0]!.payer = 'charterers';
    });
    expect(() => new ClauseRegistry([{ file: 'clauses/bimco-ustr-2025.json', data }])).toThrow(
      /away from the default payer/,
    );
  });

  it('refuses a file whose name is not its id', () => {
    expect(() => new ClauseRegistry([{ file: 'clauses/ustr.json', data: ustr.data }])).toThrow(
      /file name must be bimco-ustr-2025.json/,
    );
  });
});
