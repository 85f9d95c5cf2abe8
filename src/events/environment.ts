/** The quote environment of the queue consumers and the scheduled check: as a request's, without a request. */
import { shippedClauses } from '../charter/shipped';
import type { QuoteEnvironment } from '../engine';
import { nativeSha256Hex } from '../lib/native-sha256';
import { todayUtc } from '../lib/time';
import type { TariffRegistry } from '../tariffs/registry';

export function eventQuoteEnvironment(registry: TariffRegistry, nowMillis = Date.now()): QuoteEnvironment {
  return { registry, today: todayUtc(nowMillis), clauses: shippedClauses(), digest: nativeSha256Hex };
}
