/**
 * POST/GET/DELETE /v1/webhooks and GET /v1/webhooks/{id}/deliveries:
 * endpoints that receive tariff.published and quote.changed, signed per the
 * Standard Webhooks specification. Secret keys only.
 */
import { OpenAPIHono, type z } from '@hono/zod-openapi';
import { randomId } from '../../accounts/keys';
import { encryptSecret, generateSecret } from '../../events/webhook-secrets';
import {
  deleteEndpoint,
  deliveryLog,
  getEndpoint,
  insertEndpoint,
  listEndpoints,
  type WebhookEndpoint,
} from '../../events/webhook-store';
import { checkWebhookUrl } from '../../events/webhook-url';
import { sendTestEvent } from '../../events/webhooks';
import { nowMillis } from '../../lib/clock';
import { utcTimestamp } from '../../lib/time';
import { database, stored } from '../d1';
import type { AppEnv } from '../env';
import { requireSecretKey } from '../middleware/auth';
import { jsonWithExample } from '../openapi/examples';
import { accountProblemResponses, secretKeySecurity } from '../openapi/key-schemes';
import { ProblemSchema, problemResponses } from '../openapi/quote-schemas';
import {
  DeliveryLog,
  MAX_WEBHOOK_ENDPOINTS,
  WebhookCreate,
  WebhookCreated,
  WebhookEndpointSchema,
  WebhookParams,
  WebhookTestQueued,
} from '../openapi/registry-schemas';
import { createRoute } from '../openapi/route';
import { invalidRequest, ProblemError } from '../problem';

const DELIVERY_LOG_LIMIT = 50;

const exampleCreate = {
  url: 'https://hooks.example.com/portfees',
  events: ['tariff.published', 'quote.changed'],
  description: 'Fleet desk',
} satisfies z.input<typeof WebhookCreate>;

const exampleEndpoint = {
  id: 'wh_4be1c0a9d2f3e4a5b6c7',
  ...exampleCreate,
  createdAt: '2026-11-20T10:02:44.190Z',
  deletedAt: null,
} satisfies z.input<typeof WebhookEndpointSchema>;

/** The test event sent to the example endpoint: refused once (503), delivered on the retry. */
const exampleTestDelivery = {
  id: 'msg_da0c67c4a49f47b25f2d',
  status: 'delivered',
  attempts: 2,
  createdAt: '2026-11-20T10:03:05.512Z',
  updatedAt: '2026-11-20T10:03:37.046Z',
  log: [
    { attempt: 1, at: '2026-11-20T10:03:06.871Z', status: 503, error: 'the endpoint answered 503', durationMs: 412 },
    { attempt: 2, at: '2026-11-20T10:03:37.046Z', status: 200, error: null, durationMs: 187 },
  ],
  type: 'webhook.test',
  payload: { type: 'webhook.test', timestamp: '2026-11-20T10:03:05.512Z', data: { endpoint: exampleEndpoint.id } },
} satisfies z.input<typeof DeliveryLog>['deliveries'][number];

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

const create = createRoute({
  method: 'post',
  path: '/v1/webhooks',
  tags: ['Webhooks'],
  summary: 'Add an endpoint that receives signed events',
  description:
    'The URL must be https to a public host (no private, loopback, link-local or metadata addresses). The answer carries ' +
    'the signing secret (`whsec_…`) once; it is stored encrypted and never shown again.',
  security: secretKeySecurity,
  request: {
    body: { required: true, content: { 'application/json': { schema: WebhookCreate, example: exampleCreate } } },
  },
  responses: {
    201: jsonWithExample('The endpoint and its secret', WebhookCreated, {
      ...exampleEndpoint,
      secret: 'whsec_mskmXiiBwwC+CqJXHZAWaTC7bAARPvvxx9UNx8MSuIY=',
    }),
    409: problem(`The account already has ${MAX_WEBHOOK_ENDPOINTS} endpoints`),
    ...problemResponses,
    ...accountProblemResponses,
  },
});

const list = createRoute({
  method: 'get',
  path: '/v1/webhooks',
  tags: ['Webhooks'],
  summary: "The account's endpoints (without secrets)",
  security: secretKeySecurity,
  responses: {
    200: jsonWithExample('The endpoints', WebhookEndpointSchema.array().openapi('WebhookEndpointList'), [
      exampleEndpoint,
    ]),
    ...accountProblemResponses,
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/v1/webhooks/{id}',
  tags: ['Webhooks'],
  summary: 'Delete an endpoint: nothing more is sent to it (its delivery log stays readable)',
  security: secretKeySecurity,
  request: { params: WebhookParams },
  responses: {
    200: jsonWithExample('The deleted endpoint', WebhookEndpointSchema, {
      ...exampleEndpoint,
      deletedAt: '2026-11-28T16:40:09.731Z',
    }),
    404: problem('No live endpoint with this id'),
    ...problemResponses,
    ...accountProblemResponses,
  },
});

const deliveries = createRoute({
  method: 'get',
  path: '/v1/webhooks/{id}/deliveries',
  tags: ['Webhooks'],
  summary: `The endpoint's latest ${DELIVERY_LOG_LIMIT} deliveries, newest first, with every attempt`,
  security: secretKeySecurity,
  request: { params: WebhookParams },
  responses: {
    200: jsonWithExample('The delivery log', DeliveryLog, {
      endpoint: exampleEndpoint.id,
      deliveries: [exampleTestDelivery],
    }),
    404: problem('No endpoint with this id'),
    ...problemResponses,
    ...accountProblemResponses,
  },
});

const test = createRoute({
  method: 'post',
  path: '/v1/webhooks/{id}/test',
  tags: ['Webhooks'],
  summary: 'Send a signed webhook.test event to the endpoint (through the queue, like any event)',
  security: secretKeySecurity,
  request: { params: WebhookParams },
  responses: {
    202: jsonWithExample('Queued; follow it in the delivery log', WebhookTestQueued, {
      deliveryId: exampleTestDelivery.id,
      href: `/v1/webhooks/${exampleEndpoint.id}/deliveries`,
    }),
    404: problem('No live endpoint with this id'),
    ...problemResponses,
    ...accountProblemResponses,
  },
});

const view = (endpoint: WebhookEndpoint) => ({
  id: endpoint.id,
  url: endpoint.url,
  events: endpoint.events,
  description: endpoint.description,
  createdAt: endpoint.createdAt,
  deletedAt: endpoint.deletedAt,
});

const notFound = (id: string) =>
  new ProblemError(404, 'not-found', 'Not found', `This account has no webhook endpoint ${id}.`, [
    { path: 'id', message: 'no webhook endpoint with this id' },
  ]);

export const webhookRoutes = new OpenAPIHono<AppEnv>()
  .openapi(create, async (c) => {
    const { accountId } = requireSecretKey(c, 'manage webhooks');
    const body = c.req.valid('json');
    const verdict = checkWebhookUrl(body.url, c.env?.WEBHOOKS_ALLOW_LOOPBACK === 'on');
    if (!verdict.ok) throw invalidRequest([{ path: 'url', message: verdict.reason }]);
    const workerSecret = c.env?.WEBHOOK_KEY;
    if (!workerSecret)
      throw new ProblemError(
        503,
        'webhooks-unavailable',
        'Webhooks unavailable',
        'This deployment has no WEBHOOK_KEY secret to encrypt signing secrets with (wrangler secret put WEBHOOK_KEY).',
      );
    const db = database(c);
    const secret = generateSecret();
    const endpoint: WebhookEndpoint = {
      id: randomId('wh'),
      accountId,
      url: verdict.url.href,
      events: body.events,
      description: body.description ?? null,
      createdAt: utcTimestamp(nowMillis(c.env)),
      deletedAt: null,
    };
    const encrypted = await encryptSecret(secret, endpoint.id, workerSecret);
    // The cap is checked by the insert itself, so concurrent creations cannot pass it.
    if (!(await stored(() => insertEndpoint(db, endpoint, encrypted, MAX_WEBHOOK_ENDPOINTS))))
      throw new ProblemError(
        409,
        'too-many-endpoints',
        'Too many endpoints',
        `An account may have at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints; delete one first.`,
      );
    c.header('location', `/v1/webhooks/${endpoint.id}`);
    return c.json({ ...view(endpoint), secret }, 201);
  })
  .openapi(list, async (c) => {
    const { accountId } = requireSecretKey(c, 'manage webhooks');
    const endpoints = await stored(() => listEndpoints(database(c), accountId));
    return c.json(endpoints.map(view), 200);
  })
  .openapi(remove, async (c) => {
    const { accountId } = requireSecretKey(c, 'manage webhooks');
    const { id } = c.req.valid('param');
    const db = database(c);
    const deleted = await stored(() => deleteEndpoint(db, accountId, id, utcTimestamp(nowMillis(c.env))));
    if (!deleted) throw notFound(id);
    const endpoint = await stored(() => getEndpoint(db, accountId, id));
    return c.json(view(endpoint!), 200);
  })
  .openapi(test, async (c) => {
    const { accountId } = requireSecretKey(c, 'manage webhooks');
    const { id } = c.req.valid('param');
    const endpoint = await stored(() => getEndpoint(database(c), accountId, id));
    if (!endpoint || endpoint.deletedAt) throw notFound(id);
    if (!c.env?.WEBHOOK_QUEUE)
      throw new ProblemError(
        503,
        'webhooks-unavailable',
        'Webhooks unavailable',
        'This deployment has no webhook queue.',
      );
    const deliveryId = await stored(() => sendTestEvent(c.env, endpoint));
    return c.json({ deliveryId, href: `/v1/webhooks/${id}/deliveries` }, 202);
  })
  .openapi(deliveries, async (c) => {
    const { accountId } = requireSecretKey(c, 'read webhook deliveries');
    const { id } = c.req.valid('param');
    const db = database(c);
    const endpoint = await stored(() => getEndpoint(db, accountId, id));
    if (!endpoint) throw notFound(id);
    const log = await stored(() => deliveryLog(db, id, DELIVERY_LOG_LIMIT));
    return c.json(
      {
        endpoint: id,
        deliveries: log.map(({ endpointId: _endpoint, accountId: _account, payload, type, ...delivery }) => ({
          ...delivery,
          type,
          payload: JSON.parse(payload) as unknown,
        })),
      },
      200,
    );
  });
