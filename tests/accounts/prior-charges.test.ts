import { describe, expect, it } from 'vitest';
import type { Charge } from '../../src/accounts/ledger';
import { mergePriorCharges } from '../../src/accounts/prior-charges';
import { english } from '../support/requests';

const ledgerCharge = (id: string, date: string, port: string): Charge => ({
  id,
  imo: '9310006',
  regime: 'us-301',
  date,
  port,
  amount: '3000000.00',
  currency: 'USD',
  reference: 'R',
  recordedAt: '2025-11-01T00:00:00.000Z',
  voidedAt: null,
  voidReason: null,
});

describe('mergePriorCharges', () => {
  it('leaves the request as it was when the ledger is empty (same quote id as without a key)', () => {
    expect(mergePriorCharges(undefined, [])).toEqual({ priorCharges: undefined, notes: [] });
    expect(mergePriorCharges([{ regime: 'us-301', date: '2025-10-15' }], [])).toEqual({
      priorCharges: [{ regime: 'us-301', date: '2025-10-15' }],
      notes: [],
    });
  });

  it('appends ledger charges with their source and id', () => {
    const merged = mergePriorCharges(
      [{ regime: 'cn-spf', date: '2025-10-20' }],
      [ledgerCharge('chg_1', '2025-10-15', 'USLAX')],
    );
    expect(merged.priorCharges).toEqual([
      { regime: 'cn-spf', date: '2025-10-20' },
      { regime: 'us-301', date: '2025-10-15', port: 'USLAX', source: 'ledger', id: 'chg_1' },
    ]);
  });

  it('counts a request charge equal to a ledger charge once, and only when the port says so', () => {
    const ledger = [ledgerCharge('chg_1', '2025-10-15', 'USLAX')];
    const merged = mergePriorCharges(
      [
        { regime: 'us-301', date: '2025-10-15', port: 'USLAX' }, // the ledger's charge again
        { regime: 'us-301', date: '2025-10-15' }, // no port: cannot be matched, kept
        { regime: 'us-301', date: '2025-10-15', port: 'USOAK' }, // another port: another charge
      ],
      ledger,
    );
    expect(merged.priorCharges?.map((c) => `${c.source ?? 'request'} ${c.port ?? '-'}`)).toEqual([
      'request -',
      'request USOAK',
      'ledger USLAX',
    ]);
    expect(english(merged.notes)).toEqual([
      'priorCharges[0] is ledger charge chg_1 (same regime, date and port); it is counted once.',
    ]);
  });
});
