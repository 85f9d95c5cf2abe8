/**
 * Remission for ordering a US-built vessel: arrivals within `years` of the
 * order date are remitted while delivery is pending or happened within them.
 */

import { type Decimal, decimal } from '../../lib/money';
import { addYears } from '../../lib/time';
import { codeMessage, type Message, message } from '../../messages/message';
import type { Rule } from '../../tariffs/schema';
import type { VesselInput } from '../types';

export function evaluateRemission(
  remission: NonNullable<Rule['remission']>,
  vessel: VesselInput,
  netTonnage: Decimal,
  arrivalDate: string,
): { applies: boolean; reason: Message } {
  const order = vessel.usBuiltOrder;
  if (!order) return { applies: false, reason: message('remission.no-order', {}) };
  const until = addYears(order.orderedOn, remission.years);
  if (arrivalDate < order.orderedOn || arrivalDate >= until) {
    return {
      applies: false,
      reason: message('remission.outside', {
        date: { date: arrivalDate },
        from: { date: order.orderedOn },
        until: { date: until },
        years: remission.years,
      }),
    };
  }
  if (order.deliveredOn && order.deliveredOn >= until) {
    return {
      applies: false,
      reason: message('remission.late-delivery', { date: { date: order.deliveredOn }, years: remission.years }),
    };
  }
  if (remission.orderVesselTypes && !(order.vesselType && remission.orderVesselTypes.includes(order.vesselType))) {
    return {
      applies: false,
      reason: message('remission.order-type', {
        types: { list: remission.orderVesselTypes.map((type) => codeMessage(type)), join: 'or' },
      }),
    };
  }
  if (order.netTonnage === undefined) return { applies: false, reason: message('remission.no-tonnage', {}) };
  const ordered = decimal(order.netTonnage);
  if (ordered.lessThan(netTonnage)) {
    return {
      applies: false,
      reason: message('remission.smaller', {
        ordered: { amount: ordered.toFixed() },
        tonnage: { amount: netTonnage.toFixed() },
      }),
    };
  }
  const delivery = order.deliveredOn
    ? message('remission.delivered', { date: { date: order.deliveredOn } })
    : message('remission.pending', {});
  return {
    applies: true,
    reason: message('remission.granted', {
      ordered: { amount: ordered.toFixed() },
      orderedOn: { date: order.orderedOn },
      delivery,
      until: { date: until },
    }),
  };
}
