/**
 * Exemptions granted case by case (China's "other vessels recognised as
 * exempt", USTR/CBP waivers): the caller asserts them with a reference and an
 * optional window of arrival dates in the regime's zone. They join the rule's
 * own exemptions under the id `granted`.
 */
import { type Message, message } from '../../messages/message';
import type { GrantedExemption, QuoteInputError } from '../types';
import type { ExemptionEvaluation } from './exemptions';

export const GRANTED_ID = 'granted';

const windowText = (grant: GrantedExemption): Message => {
  if (!grant.from && !grant.to) return message('exemption.every-arrival', {});
  const end = (date: string | undefined) => (date ? { date } : message('exemption.any-date', {}));
  return message('exemption.window', { from: end(grant.from), to: end(grant.to) });
};

/** The caller's grants for one regime, evaluated at the trigger date (`YYYY-MM-DD` in the regime's zone). */
export function evaluateGrants(
  grants: ReadonlyArray<GrantedExemption>,
  regime: string,
  arrivalDate: string,
): ExemptionEvaluation[] {
  return grants
    .filter((grant) => grant.regime === regime)
    .map((grant) => {
      const inside = (!grant.from || grant.from <= arrivalDate) && (!grant.to || arrivalDate <= grant.to);
      const note = grant.note ? message('exemption.granted-note', { note: grant.note }) : '';
      return {
        id: GRANTED_ID,
        applies: inside,
        reason: inside
          ? message('exemption.granted', { reference: grant.reference, note, window: windowText(grant) })
          : message('exemption.granted-outside', {
              reference: grant.reference,
              note,
              window: windowText(grant),
              date: { date: arrivalDate },
            }),
      };
    });
}

/** Problems with the grants of a request: unknown regimes, windows that end before they start. */
export function grantIssues(
  grants: ReadonlyArray<GrantedExemption>,
  regimes: ReadonlyArray<string>,
): QuoteInputError['issues'] {
  return grants.flatMap((grant, i) => [
    ...(regimes.includes(grant.regime)
      ? []
      : [
          {
            path: `grantedExemptions[${i}].regime`,
            message: `unknown regime ${grant.regime}; valid regimes: ${regimes.join(', ')}`,
          },
        ]),
    ...(grant.from && grant.to && grant.from > grant.to
      ? [{ path: `grantedExemptions[${i}].to`, message: `ends (${grant.to}) before it starts (${grant.from})` }]
      : []),
  ]);
}
