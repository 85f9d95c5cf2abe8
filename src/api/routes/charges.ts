/** The charge ledger of a vessel: record (idempotently), list, void. Secret keys only; each account sees only its own. */
import { OpenAPIHono, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type Charge, LEDGER_MAX_DAYS_AHEAD, listCharges, recordCharge, voidCharge } from '../../accounts/ledger';
import { capYearOfCharge, paramValues } from '../../engine';
import { canonicalJson } from '../../lib/canonical';
import { nowMillis } from '../../lib/clock';
import { decimal } from '../../lib/money';
import { sha256Hex } from '../../lib/sha256';
import { addDays, localDate, todayUtc, utcTimestamp } from '../../lib/time';
import { countryOfLocode } from '../../ports/index';
import type { TariffRegistry } from '../../tariffs/registry';
import { database, stored } from '../d1';
import type { AppEnv } from '../env';
import { requireSecretKey } from '../middleware/auth';
import {
  ChargeList,
  ChargeListQuery,
  ChargeParams,
  ChargeRequest,
  ChargeSchema,
  IdempotencyHeaders,
  VesselParams,
} from '../openapi/account-schemas';
import { jsonWithExample } from '../openapi/examples';
import { accountProblemResponses, secretKeySecurity } from '../openapi/key-schemes';
import { ProblemSchema, problemResponses } from '../openapi/quote-schemas';
import { createRoute } from '../openapi/route';
import { type FieldError, invalidRequest, ProblemError } from '../problem';
import { registryOf } from '../tariff-registry';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** The Annex I fee of the quote example, charged at Los Angeles and recorded the next day (the request fields' examples). */
const exampleCharge = {
  id: 'chg_4be1c0a9d2f3e4a5b6c7',
  imo: '9310006',
  regime: 'us-301',
  date: '2025-10-20',
  port: 'USLAX',
  amount: '3000000.00',
  currency: 'USD',
  reference: 'PAYGOV-2025-104233',
  recordedAt: '2025-10-21T15:22:40.018Z',
  voidedAt: null,
  voidReason: null,
  capYear: '2025',
} satisfies z.input<typeof ChargeSchema>;

const record = createRoute({
  method: 'post',
  path: '/v1/vessels/{imo}/charges',
  tags: ['Charge ledger'],
  summary: 'Record a fee the vessel has paid',
  description:
    'The charge counts toward the cap in later quotes made with a secret key of this account. A payment is identified by ' +
    'vessel, regime, charging port and local date: writing it again returns the first record (200, header `Idempotent-Replayed: true`) ' +
    'whatever its `Idempotency-Key`, and another amount for it is refused with 409. Reusing an `Idempotency-Key` for another request is refused with 409. ' +
    "The currency must be the regime's, the amount above zero, and the date on or after the regime's first day in force and at most " +
    `${LEDGER_MAX_DAYS_AHEAD} days after today.`,
  security: secretKeySecurity,
  request: {
    params: VesselParams,
    headers: IdempotencyHeaders,
    body: { required: true, content: { 'application/json': { schema: ChargeRequest } } },
  },
  responses: {
    200: jsonWithExample(
      'The payment was already recorded: the first record (header `Idempotent-Replayed: true`)',
      ChargeSchema,
      exampleCharge,
    ),
    201: jsonWithExample('The recorded charge', ChargeSchema, exampleCharge),
    409: problem(
      'The Idempotency-Key was already used for a different request, or the payment is recorded with another amount',
    ),
    ...problemResponses,
    ...accountProblemResponses,
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/vessels/{imo}/charges',
  tags: ['Charge ledger'],
  summary: "The vessel's recorded charges, voided ones included (marked)",
  security: secretKeySecurity,
  request: { params: VesselParams, query: ChargeListQuery },
  responses: {
    200: jsonWithExample('Charges, oldest first', ChargeList, {
      imo: exampleCharge.imo,
      capYear: exampleCharge.capYear,
      regime: exampleCharge.regime,
      charges: [exampleCharge],
    }),
    ...problemResponses,
    ...accountProblemResponses,
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/v1/vessels/{imo}/charges/{chargeId}',
  tags: ['Charge ledger'],
  summary: 'Void a charge: it is kept, marked void, and no longer counts toward the cap',
  security: secretKeySecurity,
  request: { params: ChargeParams },
  responses: {
    200: jsonWithExample('The voided charge', ChargeSchema, { ...exampleCharge, voidedAt: '2025-10-23T08:05:31.662Z' }),
    404: problem('This account has no such charge for this vessel'),
    ...problemResponses,
    ...accountProblemResponses,
  },
});

/** A charge as the API shows it: with the cap year it counts in. */
function present(registry: TariffRegistry, charge: Charge, today: string): z.output<typeof ChargeSchema> {
  return { ...charge, capYear: capYearOfCharge(registry, charge.regime, charge.date, today) ?? null };
}

/** The first local day any version of the regime puts it in force (from the tariff data). */
function firstInForceDay(registry: TariffRegistry, regime: string): string | undefined {
  const starts = registry
    .versions(regime)
    .flatMap((tariff) => tariff.data.statusWindows.filter((window) => window.status === 'in-force'))
    .map((window) => window.from.slice(0, 10))
    .sort();
  return starts[0];
}

/**
 * The rules a body's shape cannot show: a known regime, a port in its
 * territory, its currency, an amount above zero, and a date from its first
 * day in force to {@link LEDGER_MAX_DAYS_AHEAD} days after today in its zone.
 */
function chargeIssues(registry: TariffRegistry, charge: ChargeRequest, nowMillis: number): FieldError[] {
  const regimes = registry.regimes();
  if (!regimes.includes(charge.regime))
    return [{ path: 'regime', message: `unknown regime ${charge.regime}; valid regimes: ${regimes.join(', ')}` }];
  const tariff = registry.pick(charge.regime, todayUtc(nowMillis)) ?? registry.versions(charge.regime)[0];
  const issues: FieldError[] = [];
  // A port inside the territory under any reading of the tariff (Guam under us-301.territories) may be charged.
  const territory = tariff ? [...new Set(paramValues(tariff.data.territory).flat())] : [];
  const country = countryOfLocode(charge.port);
  if (!territory.includes(country))
    issues.push({
      path: 'port',
      message: `${charge.port} is in ${country}, outside the ${charge.regime} territory (${territory.join(', ')})`,
    });
  const currencies = [...new Set(registry.versions(charge.regime).map((version) => version.data.currency))];
  if (!currencies.includes(charge.currency))
    issues.push({ path: 'currency', message: `must be ${currencies.join(' or ')}, the currency of ${charge.regime}` });
  if (!decimal(charge.amount).greaterThan(0)) issues.push({ path: 'amount', message: 'must be greater than 0' });
  const first = firstInForceDay(registry, charge.regime);
  if (first && charge.date < first)
    issues.push({ path: 'date', message: `must be on or after ${first}, the first day ${charge.regime} was in force` });
  if (tariff) {
    const latest = addDays(localDate(nowMillis, tariff.data.zone), LEDGER_MAX_DAYS_AHEAD);
    if (charge.date > latest)
      issues.push({
        path: 'date',
        message: `must be at most ${LEDGER_MAX_DAYS_AHEAD} days after today in ${tariff.data.zone} (at most ${latest})`,
      });
  }
  return issues;
}

function notFound(c: Context<AppEnv>, chargeId: string): ProblemError {
  return new ProblemError(
    404,
    'not-found',
    'Not found',
    `This account has no charge ${chargeId} for vessel ${c.req.param('imo')}.`,
    [{ path: 'chargeId', message: 'no such charge' }],
  );
}

export const chargeRoutes = new OpenAPIHono<AppEnv>()
  .openapi(record, async (c) => {
    const { accountId } = requireSecretKey(c, 'record charges');
    const { imo } = c.req.valid('param');
    const charge = c.req.valid('json');
    const idempotencyKey = c.req.valid('header')['idempotency-key'];
    const registry = registryOf(c);
    const issues = chargeIssues(registry, charge, nowMillis(c.env));
    if (issues.length > 0) throw invalidRequest(issues);
    const result = await stored(() =>
      recordCharge(database(c), {
        accountId,
        imo,
        charge,
        idempotencyKey,
        requestHash: sha256Hex(canonicalJson({ imo, charge })),
        recordedAt: utcTimestamp(nowMillis(c.env)),
      }),
    );
    if (result.status === 'conflict') {
      throw new ProblemError(
        409,
        'idempotency-key-reused',
        'Idempotency-Key reused',
        `The Idempotency-Key was first used to record charge ${result.charge.id} with a different request; use a new key for a new charge.`,
        [{ path: 'Idempotency-Key', message: 'already used for a different request' }],
      );
    }
    if (result.status === 'amount-conflict') {
      const { id, amount, currency } = result.charge;
      throw new ProblemError(
        409,
        'payment-conflict',
        'Payment already recorded with another amount',
        `Charge ${id} already records this payment (${charge.regime} at ${charge.port} on ${charge.date}) as ${amount} ${currency}; void it first to record another amount.`,
        [{ path: 'amount', message: `charge ${id} records this payment as ${amount} ${currency}` }],
        {},
        { chargeId: id },
      );
    }
    if (result.status === 'replayed') {
      c.header('idempotent-replayed', 'true');
      return c.json(present(registry, result.charge, todayUtc(nowMillis(c.env))), 200);
    }
    return c.json(present(registry, result.charge, todayUtc(nowMillis(c.env))), 201);
  })
  .openapi(list, async (c) => {
    const { accountId } = requireSecretKey(c, 'read the charge ledger');
    const { imo } = c.req.valid('param');
    const { capYear, regime } = c.req.valid('query');
    const registry = registryOf(c);
    if (regime && !registry.regimes().includes(regime)) {
      throw invalidRequest([
        { path: 'regime', message: `unknown regime ${regime}; valid regimes: ${registry.regimes().join(', ')}` },
      ]);
    }
    const charges = (await stored(() => listCharges(database(c), accountId, imo)))
      .map((charge) => present(registry, charge, todayUtc(nowMillis(c.env))))
      .filter((charge) => (!regime || charge.regime === regime) && (!capYear || charge.capYear === capYear));
    return c.json({ imo, capYear: capYear ?? null, regime: regime ?? null, charges }, 200);
  })
  .openapi(remove, async (c) => {
    const { accountId } = requireSecretKey(c, 'void charges');
    const { imo, chargeId } = c.req.valid('param');
    const voided = await stored(() =>
      voidCharge(database(c), accountId, imo, chargeId, utcTimestamp(nowMillis(c.env))),
    );
    if (!voided) throw notFound(c, chargeId);
    return c.json(present(registryOf(c), voided, todayUtc(nowMillis(c.env))), 200);
  });
