/** What every quoting route hands the engine: the one quote environment, with the request's registry and clock. */
import type { Context } from 'hono';
import type { QuoteEnvironment } from '../engine';
import { type Locale, localeOf } from '../messages/render';
import { quoteEnvironmentFor } from '../quoting/environment';
import type { AppEnv } from './env';
import { listsOf, registryOf } from './tariff-registry';

export function quoteEnvironment(c: Context<AppEnv>): QuoteEnvironment {
  return quoteEnvironmentFor(c.env, registryOf(c), listsOf(c));
}

/** The locale of a request's words: `options.locale`, else its `Accept-Language`, else English. */
export function requestLocale(c: Context<AppEnv>, option: string | undefined): Locale {
  return localeOf(option, c.req.header('accept-language'));
}
