/**
 * Fleet jobs: POST /v1/jobs streams a fleet into R2 and queues it; the
 * Queue consumer (src/api/jobs-queue.ts) splits and quotes it chunk by
 * chunk. GET shows progress, results (CSV or NDJSON, as the batch route) and
 * the exposure report; DELETE cancels. Every job belongs to the account
 * whose secret key created it: another account's job is a 404.
 */

import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import reportExample from '../../../examples/openapi/job-report.json';
import { jobKeys } from '../../jobs/chunk';
import { JOB_LIMITS, jobFormatOf } from '../../jobs/limits';
import { newPageToken } from '../../jobs/page-token';
import { jobReport, resultsStream } from '../../jobs/results';
import {
  activeJobCount,
  cancelJob,
  getJob,
  insertJob,
  type Job,
  type JobOptions,
  listChunks,
  listJobs,
  progressOf,
} from '../../jobs/store';
import { nowMillis } from '../../lib/clock';
import { database, stored } from '../d1';
import type { AppEnv } from '../env';
import { requireSecretKey } from '../middleware/auth';
import { PAIRS, repeatedKey } from '../openapi/analysis-schemas';
import { computedExample, jsonWithExample } from '../openapi/examples';
import { accountProblemResponses, secretKeySecurity } from '../openapi/key-schemes';
import { DateText, ProblemSchema, problemResponses } from '../openapi/quote-schemas';
import { createRoute } from '../openapi/route';
import { invalidRequest, ProblemError } from '../problem';
import { quoteEnvironment } from '../quote-environment';
import { defaultsFrom, exampleBatchText, scenariosFrom } from './batch';

export const JOBS_PATH = '/v1/jobs';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

const JobQuery = z
  .object({
    asOf: DateText.optional().openapi({ description: 'Knowledge date for every vessel' }),
    assumptions: z
      .string()
      .max(1000)
      .regex(PAIRS, 'write id=value pairs separated by commas, such as us-301.after-suspension=extended')
      .optional(),
    tariffVersions: z
      .string()
      .max(1000)
      .regex(
        /^[a-z0-9-]+\/\d{4}-\d{2}-\d{2}(,[a-z0-9-]+\/\d{4}-\d{2}-\d{2})*$/,
        'write version ids separated by commas, such as us-301/2025-10-10',
      )
      .optional(),
    scenario: z
      .string()
      .max(40)
      .regex(/^[a-z0-9-]+$/)
      .optional(),
    scenarios: z.enum(['both']).optional(),
  })
  .strict()
  .superRefine((query, ctx) => {
    for (const [field, separator] of [
      ['tariffVersions', '/'],
      ['assumptions', '='],
    ] as const) {
      const repeated = query[field] === undefined ? undefined : repeatedKey(query[field], separator);
      if (repeated)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `${repeated.key} is given twice (${repeated.values.join(', ')})`,
        });
    }
  });

/** A job id as created: `job_` and a UUID's 32 hex digits. */
const EXAMPLE_JOB = 'job_e67c146213f623592896bc65c18f552a';

const JobId = z.object({ id: z.string().max(64).openapi({ example: EXAMPLE_JOB }) });

const JobLinks = z.object({ self: z.string(), results: z.string(), report: z.string(), page: z.string() });

const JobStatusSchema = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
    vessels: z.object({ total: z.number().nullable(), done: z.number(), failed: z.number() }),
    scenarios: z.array(z.string()),
    createdAt: z.string(),
    finishedAt: z.string().optional(),
    eta: z.string().optional(),
    problem: z.record(z.string(), z.unknown()).optional(),
    links: JobLinks.partial(),
  })
  .openapi('FleetJob');

const exampleLinks = {
  self: `${JOBS_PATH}/${EXAMPLE_JOB}`,
  results: `${JOBS_PATH}/${EXAMPLE_JOB}/results`,
  report: `${JOBS_PATH}/${EXAMPLE_JOB}/report`,
};

/** The fleet of the batch route's example (one vessel), quoted. */
const exampleDoneJob = {
  id: EXAMPLE_JOB,
  status: 'done',
  vessels: { total: 1, done: 1, failed: 0 },
  scenarios: [reportExample.scenario],
  createdAt: '2026-11-28T09:30:12.284Z',
  links: exampleLinks,
  finishedAt: '2026-11-28T09:30:14.907Z',
} satisfies z.input<typeof JobStatusSchema>;

const create = createRoute({
  method: 'post',
  path: JOBS_PATH,
  tags: ['Fleet jobs'],
  summary: 'Start a fleet job: a fleet of any size, quoted asynchronously in chunks',
  description:
    'The body takes every form of POST /v1/quotes/batch (text/csv, multipart/form-data, application/json) and NDJSON ' +
    `(application/x-ndjson, one quote request per line). CSV and NDJSON are streamed (at most ${JOB_LIMITS.streamedBytes} bytes); ` +
    `JSON and multipart are read whole per chunk (at most ${JOB_LIMITS.wholeBytes} bytes). Content-Length is required.`,
  security: secretKeySecurity,
  request: { query: JobQuery },
  responses: {
    202: jsonWithExample('Queued', z.object({ id: z.string(), status: z.literal('queued'), links: JobLinks }), {
      id: EXAMPLE_JOB,
      status: 'queued',
      links: { ...exampleLinks, page: `/jobs/${EXAMPLE_JOB}?token=q16djv4gmcqk6yy5XrQxbn7OkaGWqjZdzb_-ctBd-Ho` },
    }),
    ...problemResponses,
    411: problem('No Content-Length'),
    ...accountProblemResponses,
    429: problem(
      `The account already has ${JOB_LIMITS.activePerAccount} jobs queued or running (or too many requests)`,
    ),
  },
});

const JobList = z
  .object({
    jobs: z.array(JobStatusSchema),
    next: z.string().nullable().openapi({ description: 'Cursor of the following page; null on the last' }),
  })
  .openapi('FleetJobList');

const JobListQuery = z
  .object({
    limit: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(100, 'must be at most 100')
      .optional()
      .openapi({ description: 'Jobs per page (default 20)' }),
    cursor: z.string().max(200).optional().openapi({ description: 'The `next` of the previous page' }),
  })
  .strict();

const list = createRoute({
  method: 'get',
  path: JOBS_PATH,
  tags: ['Fleet jobs'],
  summary: "The account's fleet jobs, newest first",
  security: secretKeySecurity,
  request: { query: JobListQuery },
  responses: {
    200: jsonWithExample('A page of jobs', JobList, { jobs: [exampleDoneJob], next: null }),
    ...problemResponses,
    ...accountProblemResponses,
  },
});

const status = createRoute({
  method: 'get',
  path: `${JOBS_PATH}/{id}`,
  tags: ['Fleet jobs'],
  summary: 'Progress of a fleet job',
  security: secretKeySecurity,
  request: { params: JobId },
  responses: {
    200: jsonWithExample('The job', JobStatusSchema, exampleDoneJob),
    404: problem('This account has no job with that id'),
    ...accountProblemResponses,
  },
});

const cancel = createRoute({
  method: 'delete',
  path: `${JOBS_PATH}/{id}`,
  tags: ['Fleet jobs'],
  summary: 'Cancel a queued or running fleet job',
  security: secretKeySecurity,
  request: { params: JobId },
  responses: {
    // Cancelled while queued: not yet split, so its number of vessels is not known.
    200: jsonWithExample('The job, cancelled', JobStatusSchema, {
      ...exampleDoneJob,
      status: 'cancelled',
      vessels: { total: null, done: 0, failed: 0 },
      finishedAt: '2026-11-28T09:30:12.733Z',
    }),
    404: problem('This account has no job with that id'),
    409: problem('The job has already finished'),
    ...accountProblemResponses,
  },
});

const results = createRoute({
  method: 'get',
  path: `${JOBS_PATH}/{id}/results`,
  tags: ['Fleet jobs'],
  summary: 'Results of a finished job, as the batch route writes them (CSV or NDJSON by Accept)',
  security: secretKeySecurity,
  request: {
    params: JobId,
    query: z.object({ scenario: z.string().max(40).optional() }).strict(),
  },
  responses: {
    200: {
      description: 'One row per voyage (CSV) or one line per vessel (NDJSON), then the totals',
      content: {
        'text/csv': computedExample({ type: 'string' }, () => exampleBatchText('csv')),
        'application/x-ndjson': computedExample({ type: 'string' }, () => exampleBatchText('ndjson')),
      },
    },
    404: problem('This account has no job with that id'),
    406: problem('Neither CSV nor NDJSON is acceptable'),
    409: problem('The job has not finished'),
    ...accountProblemResponses,
  },
});

/** The exposure report of the job example's fleet under its scenario (examples/openapi/job-report.json). */
const REPORT_EXAMPLE = reportExample.report;

const report = createRoute({
  method: 'get',
  path: `${JOBS_PATH}/{id}/report`,
  tags: ['Fleet jobs'],
  summary: 'The exposure report of a job: fees by regime, currency, cap year, month, operator, rule and scenario',
  security: secretKeySecurity,
  request: { params: JobId },
  responses: {
    200: {
      description:
        'The aggregates: `totals` per currency and scenario, `certainty` (the same totals split by the certainty of ' +
        'their voyages, with the low–high range over the readings they leave open) and `breakdowns` by regime, cap ' +
        'year, month, operator, rule, exemption and outcome',
      content: { 'application/json': { schema: z.record(z.string(), z.unknown()), example: REPORT_EXAMPLE } },
    },
    404: problem('This account has no job with that id'),
    409: problem('The job has not finished'),
    ...accountProblemResponses,
  },
});

const notFound = (id: string) => new ProblemError(404, 'not-found', 'Not found', `This account has no job ${id}.`);

const linksOf = (id: string) => ({
  self: `${JOBS_PATH}/${id}`,
  results: `${JOBS_PATH}/${id}/results`,
  report: `${JOBS_PATH}/${id}/report`,
});

async function ownJob(c: Context<AppEnv>, id: string, action: string): Promise<Job> {
  const { accountId } = requireSecretKey(c, action);
  const job = await stored(() => getJob(database(c), id, accountId));
  if (!job) throw notFound(id);
  return job;
}

function bucketOf(c: Context<AppEnv>): R2Bucket {
  const bucket = c.env?.JOBS_BUCKET;
  if (!bucket)
    throw new ProblemError(
      503,
      'jobs-unavailable',
      'Fleet jobs unavailable',
      'This deployment has no R2 bucket for jobs.',
    );
  return bucket;
}

/** The job as GET answers it: progress read from its chunks, and an ETA from the rate so far. */
export async function jobView(c: Context<AppEnv>, job: Job) {
  const progress = await stored(() => progressOf(database(c), job.id));
  const view: z.infer<typeof JobStatusSchema> = {
    id: job.id,
    status: job.status,
    vessels: { total: job.vesselsTotal, done: progress.done, failed: progress.failed },
    scenarios: job.options.scenarios.map((scenario) => scenario.name),
    createdAt: job.createdAt,
    links: linksOf(job.id),
  };
  if (job.finishedAt) view.finishedAt = job.finishedAt;
  if (job.problem) view.problem = { ...job.problem };
  const processed = progress.done + progress.failed;
  if (job.status === 'running' && job.startedAt && job.vesselsTotal && processed > 0) {
    const now = nowMillis(c.env);
    const elapsed = now - Date.parse(job.startedAt);
    const remaining = ((job.vesselsTotal - processed) * elapsed) / processed;
    view.eta = new Date(now + remaining).toISOString();
  }
  return view;
}

function finished(job: Job): void {
  if (job.status === 'done' || (job.status === 'failed' && job.chunksTotal)) return;
  throw new ProblemError(
    409,
    'job-not-finished',
    'Job not finished',
    job.status === 'failed' || job.status === 'cancelled'
      ? `Job ${job.id} is ${job.status}${job.problem ? `: ${job.problem.detail}` : ''}.`
      : `Job ${job.id} is ${job.status}; its results are ready once its status is done.`,
  );
}

export const jobRoutes = new OpenAPIHono<AppEnv>();

const tooManyJobs = () =>
  new ProblemError(
    429,
    'too-many-jobs',
    'Too many jobs',
    `An account may have at most ${JOB_LIMITS.activePerAccount} jobs queued or running at once; wait for one to end or cancel one.`,
    [{ path: '', message: `at most ${JOB_LIMITS.activePerAccount} jobs queued or running per account` }],
  );

const encodeJobCursor = (job: Job) => btoa(JSON.stringify([job.createdAt, job.id])).replace(/=+$/, '');

function decodeJobCursor(cursor: string): { createdAt: string; id: string } {
  let value: unknown;
  try {
    value = JSON.parse(atob(cursor));
  } catch (error) {
    console.warn('jobs cursor unreadable', error instanceof Error ? error.message : error);
  }
  if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string'))
    return { createdAt: value[0] as string, id: value[1] as string };
  throw invalidRequest([{ path: 'cursor', message: 'is not a cursor returned by this listing' }]);
}

jobRoutes.openapi(list, async (c) => {
  const { accountId } = requireSecretKey(c, 'list fleet jobs');
  const query = c.req.valid('query');
  const limit = query.limit ?? 20;
  const after = query.cursor ? decodeJobCursor(query.cursor) : undefined;
  const page = await stored(() => listJobs(database(c), accountId, limit + 1, after));
  const jobs = page.slice(0, limit);
  const views = [];
  for (const job of jobs) views.push(await jobView(c, job));
  const last = jobs.at(-1);
  return c.json({ jobs: views, next: page.length > limit && last ? encodeJobCursor(last) : null }, 200);
});

jobRoutes.openapi(create, async (c) => {
  const { accountId } = requireSecretKey(c, 'run fleet jobs');
  const query = c.req.valid('query');
  const contentType = c.req.header('content-type') ?? '';
  const format = jobFormatOf(contentType);
  if (!format)
    throw new ProblemError(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      `Send text/csv, application/x-ndjson, application/json or multipart/form-data (parts calls and vessels), not ${contentType || 'a body without a Content-Type'}.`,
    );
  const length = Number(c.req.header('content-length') ?? Number.NaN);
  if (!Number.isSafeInteger(length) || length < 0)
    throw new ProblemError(411, 'length-required', 'Length required', 'Send the fleet with a Content-Length header.');
  const limit = format === 'csv' || format === 'ndjson' ? JOB_LIMITS.streamedBytes : JOB_LIMITS.wholeBytes;
  if (length > limit)
    throw new ProblemError(
      413,
      'body-too-large',
      'Request body too large',
      `A ${format} job body may hold at most ${limit} bytes.`,
    );
  if (length === 0) throw invalidRequest([{ path: '', message: 'the body is empty; send a fleet' }]);
  const env = quoteEnvironment(c);
  const defaults = defaultsFrom(query, env);
  const scenarios = scenariosFrom(query, env);
  const chunkVessels = Number(c.env?.JOB_CHUNK_VESSELS ?? JOB_LIMITS.chunkVessels) || JOB_LIMITS.chunkVessels;
  const options: JobOptions = { defaults, scenarios, chunkVessels };
  const id = `job_${crypto.randomUUID().replaceAll('-', '')}`;
  const bucket = bucketOf(c);
  const db = database(c);
  const queue = c.env?.JOB_QUEUE;
  if (!queue)
    throw new ProblemError(503, 'jobs-unavailable', 'Fleet jobs unavailable', 'This deployment has no queue for jobs.');
  // Checked before the body is stored, and again by the insert itself (racing requests).
  if ((await stored(() => activeJobCount(db, accountId))) >= JOB_LIMITS.activePerAccount) throw tooManyJobs();
  // The body goes to R2 as it arrives: never whole in the Worker's memory.
  const body = c.req.raw.body;
  if (!body) throw invalidRequest([{ path: '', message: 'the body is empty; send a fleet' }]);
  const stream = body.pipeThrough(new FixedLengthStream(length));
  await bucket.put(jobKeys.input(id), stream, { httpMetadata: { contentType } });
  const token = await newPageToken(nowMillis(c.env));
  const inserted = await stored(() =>
    insertJob(
      db,
      {
        id,
        accountId,
        format,
        contentType,
        options,
        inputBytes: length,
        pageTokenHash: token.hash,
        pageExpiresAt: token.expiresAt,
        createdAt: new Date(nowMillis(c.env)).toISOString(),
      },
      JOB_LIMITS.activePerAccount,
    ),
  );
  if (!inserted) {
    await bucket.delete(jobKeys.input(id));
    throw tooManyJobs();
  }
  await queue.send({ kind: 'split', job: id });
  return c.json(
    { id, status: 'queued' as const, links: { ...linksOf(id), page: `/jobs/${id}?token=${token.token}` } },
    202,
    { location: `${JOBS_PATH}/${id}` },
  );
});

jobRoutes.openapi(status, async (c) => {
  const job = await ownJob(c, c.req.valid('param').id, 'read fleet jobs');
  return c.json(await jobView(c, job), 200);
});

jobRoutes.openapi(cancel, async (c) => {
  const job = await ownJob(c, c.req.valid('param').id, 'cancel fleet jobs');
  if (job.status !== 'queued' && job.status !== 'running')
    throw new ProblemError(409, 'job-finished', 'Job finished', `Job ${job.id} is already ${job.status}.`);
  const cancelled = await stored(() =>
    cancelJob(database(c), job.id, job.accountId, new Date(nowMillis(c.env)).toISOString()),
  );
  // A cancelled job is never read again: its input goes at once (results written so far stay).
  if (cancelled?.status === 'cancelled') await bucketOf(c).delete(jobKeys.input(job.id));
  return c.json(await jobView(c, cancelled ?? job), 200);
});

jobRoutes.openapi(results, async (c) => {
  const job = await ownJob(c, c.req.valid('param').id, 'read fleet jobs');
  const accept = (c.req.header('accept') ?? '').toLowerCase();
  const format = accept.includes('application/x-ndjson')
    ? 'ndjson'
    : accept === '' || /text\/csv|text\/\*|\*\/\*/.test(accept)
      ? 'csv'
      : undefined;
  if (!format)
    throw new ProblemError(
      406,
      'not-acceptable',
      'Not acceptable',
      'Job results are text/csv or application/x-ndjson.',
    );
  finished(job);
  const names = job.options.scenarios.map((scenario) => scenario.name);
  const wanted = c.req.valid('query').scenario ?? names[0]!;
  const index = names.indexOf(wanted);
  if (index === -1)
    throw invalidRequest([{ path: 'scenario', message: `this job has the scenarios ${names.join(', ')}` }]);
  const chunks = await stored(() => listChunks(database(c), job.id));
  return c.body(resultsStream(bucketOf(c), job, chunks, index, format), 200, {
    'content-type':
      format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/x-ndjson; charset=utf-8',
  });
});

jobRoutes.openapi(report, async (c) => {
  const job = await ownJob(c, c.req.valid('param').id, 'read fleet jobs');
  finished(job);
  const chunks = await stored(() => listChunks(database(c), job.id));
  return c.json(await jobReport(bucketOf(c), job, chunks), 200);
});
