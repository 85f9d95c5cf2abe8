/**
 * GET /jobs/{id}: the report page of a fleet job, and GET
 * /jobs/{id}/charts/{chart}.csv: the rows of one of its charts. Both are
 * opened by the job's page token (`?token=`, from `links.page`), never by an
 * API key; a wrong, expired or missing token is the same 404 as no job.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { pageTokenOpens } from '../../jobs/page-token';
import { jobReport } from '../../jobs/results';
import { getJob, type Job, listChunks } from '../../jobs/store';
import { nowMillis } from '../../lib/clock';
import { localeOf } from '../../messages/render';
import { chartCsv, jobCharts, jobPage, jobProgressPage } from '../../pages/job-page';
import { database, stored } from '../d1';
import type { AppEnv } from '../env';
import { ProblemError } from '../problem';
import { TIMELINE_CSP } from './timeline-page';

async function openedJob(c: Context<AppEnv>, id: string): Promise<Job> {
  const token = c.req.query('token');
  const job = id.length <= 64 ? await stored(() => getJob(database(c), id)) : undefined;
  if (!job || !(await pageTokenOpens(token, job, nowMillis(c.env))))
    throw new ProblemError(404, 'not-found', 'Not found', 'No job page at this address, or its link has expired.');
  return job;
}

async function reportOf(c: Context<AppEnv>, job: Job) {
  const bucket = c.env?.JOBS_BUCKET;
  if (!bucket) throw new ProblemError(503, 'jobs-unavailable', 'Fleet jobs unavailable', 'No R2 bucket for jobs.');
  const chunks = await stored(() => listChunks(database(c), job.id));
  return jobReport(bucket, job, chunks);
}

export const jobPageRoutes = new OpenAPIHono<AppEnv>()
  .get('/jobs/:id', async (c) => {
    const job = await openedJob(c, c.req.param('id'));
    c.header('content-security-policy', TIMELINE_CSP);
    c.header('cache-control', 'private, no-store');
    c.header('referrer-policy', 'no-referrer');
    const locale = localeOf(c.req.query('locale'), c.req.header('accept-language'));
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
    const report = await reportOf(c, job);
    const tokenQuery = new URLSearchParams({ token: c.req.query('token') ?? '' }).toString();
    return c.html(
      jobPage({
        id: job.id,
        status: job.status,
        createdAt: job.createdAt,
        ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
        report,
        tokenQuery,
        locale,
      }),
    );
  })
  .get('/jobs/:id/charts/:file', async (c) => {
    const job = await openedJob(c, c.req.param('id'));
    const name = c.req.param('file').replace(/\.csv$/, '');
    if (job.status !== 'done' && job.status !== 'failed')
      throw new ProblemError(409, 'job-not-finished', 'Job not finished', `Job ${job.id} is ${job.status}.`);
    const chart = jobCharts(await reportOf(c, job)).find((spec) => spec.id === name);
    if (!chart) throw new ProblemError(404, 'not-found', 'Not found', `Job ${job.id} has no chart ${name}.`);
    c.header('cache-control', 'private, no-store');
    c.header('referrer-policy', 'no-referrer');
    return c.body(chartCsv(chart), 200, {
      'content-type': 'text/csv; charset=utf-8; header=present',
      'content-disposition': `attachment; filename="${job.id}-${chart.id}.csv"`,
    });
  });
