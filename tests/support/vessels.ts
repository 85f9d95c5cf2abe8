/** Quote requests used by the account and ledger tests. */
import { vessel } from './requests';

/** IMO 9310006: 9·7 + 3·6 + 1·5 + 0·4 + 0·3 + 0·2 = 86, check digit 6. */
export const IMO = '9310006';
/** IMO 9321483: 9·7 + 3·6 + 2·5 + 1·4 + 4·3 + 8·2 = 123, check digit 3. */
export const OTHER_IMO = '9321483';

/**
 * A Chinese-operated container ship of 60,000 NT (Annex I) calling at Los
 * Angeles: 60,000 × 50 USD = 3,000,000.00 USD while the fees
 * are in force (2025-10-14 to 2025-11-10).
 */
export function annexOneQuote(
  arrival: string,
  extra: Record<string, unknown> = {},
  imo = IMO,
): Record<string, unknown> {
  return {
    vessel: vessel({ imo, operator: { country: 'CN' } }),
    portCalls: [{ port: 'USLAX', arrival }],
    options: { asOf: '2025-12-01' },
    ...extra,
  };
}
