/**
 * How the OpenAPI document describes API keys, and the problem responses of
 * routes that take them.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env';
import { ProblemSchema } from './quote-schemas';

type SecurityRequirement = Record<string, string[]>;

/** Quoting: a secret key, a publishable key, or none. */
export const keySecurity: SecurityRequirement[] = [{ secretKey: [] }, { publishableKey: [] }, {}];
/** Saved quotes and the ledger: a secret key only. */
export const secretKeySecurity: SecurityRequirement[] = [{ secretKey: [] }];

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

export const accountProblemResponses = {
  401: problem('Missing, unknown or revoked API key (with WWW-Authenticate: Bearer)'),
  403: problem('A publishable key used from an origin it does not allow, or for an action that needs a secret key'),
  429: problem('Rate limit spent (with Retry-After)'),
  503: problem('The account store is unavailable (with Retry-After)'),
} as const;

/** Declares the two kinds of key in the OpenAPI document. */
export function registerKeySchemes(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'secretKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'A secret key (sk_live_…) for servers: quotes counted against the ledger, saved quotes, the ledger.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'publishableKey', {
    type: 'apiKey',
    in: 'header',
    name: 'x-portfees-key',
    description:
      'A publishable key (pk_live_…) for the widget, valid only from its allowed origins (also accepted as ?key=).',
  });
}

/** 404 of the routes that read one saved quote of the caller's account. */
export const savedQuoteNotFound = {
  404: {
    description: 'This account saved no quote with that id',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
};
