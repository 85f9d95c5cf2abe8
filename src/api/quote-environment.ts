/** What every quoting route hands the engine: the tariffs, today's date, the charter-party clauses and the joint scenarios. */
import type { Context } from 'hono';
import { shippedClauses } from '../charter/shipped';
import type { QuoteEnvironment } from '../engine';
import { nativeSha256Hex } from '../lib/native-sha256';
import { todayUtc } from '../lib/time';
import { type Locale, localeOf } from '../messages/render';
import type { TariffRegistry } from '../tariffs/registry';
import { shippedRegistry, shippedScenarios } from '../tariffs/shipped';
import type { AppEnv } from './env';
import { registryOf } from './tariff-registry';

/** The same without a request (the fleet-job consumer): the shipped tariffs unless another registry is given. */
export function shippedQuoteEnvironment(registry: TariffRegistry = shippedRegistry()): QuoteEnvironment {
  return {
    registry,
    today: todayUtc(Date.now()),
    clauses: shippedClauses(),
    scenarios: shippedScenarios(),
    digest: nativeSha256Hex,
  };
}

export function quoteEnvironment(c: Context<AppEnv>): QuoteEnvironment {
  return shippedQuoteEnvironment(registryOf(c));
}

/** The locale of a request's words: `options.locale`, else its `Accept-Language`, else English. */
export function requestLocale(c: Context<AppEnv>, option: string | undefined): Locale {
  return localeOf(option, c.req.header('accept-language'));
}
