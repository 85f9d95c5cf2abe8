/** What every quoting route hands the engine: the one quote environment, with the request's registry and clock. */
import type { Context } from 'hono';
import type { QuoteEnvironment } from '../engine';
import { quoteEnvironmentFor } from '../quoting/environment';
import type { AppEnv } from './env';
import { registryOf } from './tariff-registry';

export function quoteEnvironment(c: Context<AppEnv>): QuoteEnvironment {
  return quoteEnvironmentFor(c.env, registryOf(c));
}
