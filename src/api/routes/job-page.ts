/**
 * GET /jobs/{id}: the report page of a fleet job, with one page of its
 * per-vessel rows (`?rows=` the page, `?scenario=` which scenario's);
 * GET /jobs/{id}/charts/{chart}.csv: the rows of one of its charts; and
 * GET /jobs/{id}/results.csv: every row of its results, as the results
 * route writes them. All are opened by the job's page token (`?token=`,
 * from `links.page`), never by an API key; a wrong, expired or missing
 * token is the same 404 as no job.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { JOB_LIMITS } from '../../jobs/limits';
import { pageTokenOpens } from '../../jobs/page-token';
import { jobReport, resultsPage, resultsStream } from '../../jobs/results';
import { getJob, type Job, type JobChunk, listChunks } from '../../jobs/store';
import { nowMillis } from '../../lib/clock';
import { isLocale, LOCALES, type Locale, localeOf } from '../../messages/render';
import { chartCsv, jobCharts, jobPage, jobProgressPage } from '../../pages/job-page';
import type { JobRowsInput } from '../../pages/job-rows';
import { database, stored } from '../d1';
import type { AppEnv } from '../env';
import { type FieldError, invalidRequest, ProblemError } from '../problem';
import { TIMELINE_CSP } from './timeline-page';

async function openedJob(c: Context<AppEnv>, id: string): Promise<Job> {
  const token = c.req.query('token');
  const job = id.length <= 64 ? await stored(() => getJob(database(c), id)) : undefined;
  if (!job || !(await pageTokenOpens(token, job, nowMillis(c.env))))
    throw new ProblemError(404, 'not-found', 'Not found', 'No job page at this address, or its link has expired.');
  return job;
}

function bucketOf(c: Context<AppEnv>): R2Bucket {
  const bucket = c.env?.JOBS_BUCKET;
  if (!bucket) throw new ProblemError(503, 'jobs-unavailable', 'Fleet jobs unavailable', 'No R2 bucket for jobs.');
  return bucket;
}

async function reportOf(c: Context<AppEnv>, job: Job, chunks?: JobChunk[]) {
  return jobReport(bucketOf(c), job, chunks ?? (await stored(() => listChunks(database(c), job.id))));
}

/** A query parameter given at most once: its value, or a field error naming it. */
function single(c: Context<AppEnv>, name: string, errors: FieldError[]): string | undefined {
  const values = c.req.queries(name) ?? [];
  if (values.length > 1) errors.push({ path: name, message: 'give it once' });
  return values[0];
}

/** The scenario asked for by `?scenario=` (the job's first by default), as its index among the job's scenarios. */
function scenarioOf(c: Context<AppEnv>, job: Job, errors: FieldError[]): number {
  const names = job.options.scenarios.map((scenario) => scenario.name);
  const wanted = single(c, 'scenario', errors);
  if (wanted === undefined) return 0;
  const index = names.indexOf(wanted);
  if (index === -1) errors.push({ path: 'scenario', message: `this job has the scenarios ${names.join(', ')}` });
  return Math.max(index, 0);
}

/** Page numbers as written in a link: 1, 2, … (nine digits at most, far past any job's last page). */
const PAGE_NUMBER = /^[1-9]\d{0,8}$/;

/** The page of per-vessel rows asked for by `?rows=` (and `?scenario=`): only the chunks under it are read. */
async function rowsOf(c: Context<AppEnv>, job: Job, chunks: JobChunk[]): Promise<JobRowsInput> {
  const errors: FieldError[] = [];
  const scenario = scenarioOf(c, job, errors);
  const asked = single(c, 'rows', errors);
  if (asked !== undefined && !PAGE_NUMBER.test(asked))
    errors.push({ path: 'rows', message: 'must be a page number: a whole number from 1' });
  if (errors.length > 0) throw invalidRequest(errors);
  const page = asked === undefined ? 1 : Number(asked);
  const size = JOB_LIMITS.pageRows;
  const read = await resultsPage(bucketOf(c), job, chunks, scenario, (page - 1) * size, size);
  const pages = Math.max(1, Math.ceil(read.total / size));
  if (page > pages)
    throw invalidRequest([
      { path: 'rows', message: `this job's ${read.total} vessels fill ${pages} page${pages === 1 ? '' : 's'}` },
    ]);
  const scenarios = job.options.scenarios.map((each) => each.name);
  return { scenario: scenarios[scenario]!, scenarios, page, pages, size, total: read.total, rows: read.rows };
}

/** The query that opens the page as shown: its token, and the locale when the address names one (already checked). */
function pageQueryOf(c: Context<AppEnv>, locale: Locale): string {
  const query = new URLSearchParams({ token: c.req.query('token') ?? '' });
  if (c.req.query('locale') !== undefined) query.set('locale', locale);
  return query.toString();
}

function finished(job: Job): void {
  if (job.status !== 'done' && job.status !== 'failed')
    throw new ProblemError(409, 'job-not-finished', 'Job not finished', `Job ${job.id} is ${job.status}.`);
}

export const jobPageRoutes = new OpenAPIHono<AppEnv>()
  .get('/jobs/:id', async (c) => {
    const job = await openedJob(c, c.req.param('id'));
    c.header('content-security-policy', TIMELINE_CSP);
    c.header('cache-control', 'private, no-store');
    c.header('referrer-policy', 'no-referrer');
    const asked = c.req.query('locale');
    if (asked !== undefined && !isLocale(asked))
      throw invalidRequest([{ path: 'locale', message: `must be one of ${LOCALES.join(', ')}` }]);
    const locale = localeOf(asked, c.req.header('accept-language'));
    c.header('content-language', locale);
    if (job.status !== 'done' && job.status !== 'failed') {
      const chunks = await stored(() => listChunks(database(c), job.id));
      const done = chunks.reduce(
        (sum, chunk) => sum + (chunk.status === 'queued' ? 0 : chunk.quoted + chunk.failed),
        0,
      );
      return c.html(
        jobProgressPage({
          id: job.id,
          status: job.status,
          createdAt: job.createdAt,
          done,
          total: job.vesselsTotal,
          scenarios: job.options.scenarios.map((scenario) => scenario.name),
          locale,
        }),
      );
    }
    const chunks = await stored(() => listChunks(database(c), job.id));
    const rows = await rowsOf(c, job, chunks);
    const report = await reportOf(c, job, chunks);
    const tokenQuery = new URLSearchParams({ token: c.req.query('token') ?? '' }).toString();
    return c.html(
      jobPage({
        id: job.id,
        status: job.status,
        createdAt: job.createdAt,
        ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
        report,
        tokenQuery,
        pageQuery: pageQueryOf(c, locale),
        rows,
        locale,
      }),
    );
  })
  .get('/jobs/:id/results.csv', async (c) => {
    const job = await openedJob(c, c.req.param('id'));
    const errors: FieldError[] = [];
    const scenario = scenarioOf(c, job, errors);
    if (errors.length > 0) throw invalidRequest(errors);
    finished(job);
    const chunks = await stored(() => listChunks(database(c), job.id));
    const name = job.options.scenarios[scenario]!.name;
    c.header('cache-control', 'private, no-store');
    c.header('referrer-policy', 'no-referrer');
    return c.body(resultsStream(bucketOf(c), job, chunks, scenario, 'csv'), 200, {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="${job.id}-${name}.csv"`,
    });
  })
  .get('/jobs/:id/charts/:file', async (c) => {
    const job = await openedJob(c, c.req.param('id'));
    const name = c.req.param('file').replace(/\.csv$/, '');
    finished(job);
    const chart = jobCharts(await reportOf(c, job)).find((spec) => spec.id === name);
    if (!chart) throw new ProblemError(404, 'not-found', 'Not found', `Job ${job.id} has no chart ${name}.`);
    c.header('cache-control', 'private, no-store');
    c.header('referrer-policy', 'no-referrer');
    return c.body(chartCsv(chart), 200, {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="${job.id}-${chart.id}.csv"`,
    });
  });
