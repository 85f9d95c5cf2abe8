/**
 * Remission for ordering a US-built vessel: arrivals within `years` of the
 * order date are remitted while delivery is pending or happened within them.
 */

import { type Decimal, decimal } from '../../lib/money';
import { addYears } from '../../lib/time';
import type { Rule } from '../../tariffs/schema';
import type { VesselInput } from '../types';

export function evaluateRemission(
  remission: NonNullable<Rule['remission']>,
  vessel: VesselInput,
  netTonnage: Decimal,
  arrivalDate: string,
): { applies: boolean; reason: string } {
  const order = vessel.usBuiltOrder;
  if (!order) return { applies: false, reason: 'no US-built vessel order given' };
  const until = addYears(order.orderedOn, remission.years);
  if (arrivalDate < order.orderedOn || arrivalDate >= until) {
    return {
      applies: false,
      reason: `arrival ${arrivalDate} is outside ${order.orderedOn} – ${until} (${remission.years} years from the order)`,
    };
  }
  if (order.deliveredOn && order.deliveredOn >= until) {
    return {
      applies: false,
      reason: `delivery on ${order.deliveredOn} is not within ${remission.years} years of the order`,
    };
  }
  if (remission.orderVesselTypes && !(order.vesselType && remission.orderVesselTypes.includes(order.vesselType))) {
    return {
      applies: false,
      reason: `the ordered vessel must be a ${remission.orderVesselTypes.join(' or ')} (give usBuiltOrder.vesselType)`,
    };
  }
  if (order.netTonnage === undefined) return { applies: false, reason: 'usBuiltOrder.netTonnage is not given' };
  const ordered = decimal(order.netTonnage);
  if (ordered.lessThan(netTonnage)) {
    return {
      applies: false,
      reason: `ordered vessel of ${ordered.toFixed()} NT is smaller than this vessel's ${netTonnage.toFixed()} NT`,
    };
  }
  const delivery = order.deliveredOn ? `delivered ${order.deliveredOn}` : 'delivery pending';
  return {
    applies: true,
    reason: `US-built vessel of ${ordered.toFixed()} NT ordered ${order.orderedOn} (${delivery}); remitted until ${until}`,
  };
}
