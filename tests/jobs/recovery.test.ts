/**
 * Fleet jobs that must not get lost: the account's list of jobs, at most 3
 * queued or running at once, the input deleted when a job ends or is
 * cancelled, and the messages of a stalled job sent again by the scheduled
 * check (docs/accounts.md, "The day the law changes").
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { JobMessage } from '../../src/jobs/consumer';
import { resendStalledJobs } from '../../src/jobs/recovery';
import { bearer, createKey } from '../support/accounts';
import { deliver, postJob, runJob } from '../support/jobs';
import { call } from '../support/worker';

/** One vessel of two calls (2025: Shanghai, then Los Angeles). */
const FLEET = [
  'imo,name,type,flag,buildCountry,netTonnage,deadweight,teuCapacity,ownerCountry,operatorCountry,port,arrival,cargo',
  '9310006,ALPHA,container,PA,KR,60000,100000,8000,GR,CN,CNSHA,2025-09-25T08:00:00+08:00,',
  '9310006,ALPHA,container,PA,KR,60000,100000,8000,GR,CN,USLAX,2025-10-20T06:00:00-07:00,',
].join('\r\n');

async function start(key: string): Promise<Response> {
  return postJob(key, FLEET, 'text/csv', '?asOf=2025-10-20');
}

async function started(key: string): Promise<string> {
  const res = await start(key);
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

const input = (id: string) => env.JOBS_BUCKET.head(`jobs/${id}/input`);

/** A queue that keeps what it is sent. */
function recordingQueue(): { queue: Queue<JobMessage>; sent: JobMessage[] } {
  const sent: JobMessage[] = [];
  const queue = {
    sendBatch: async (batch: Iterable<MessageSendRequest<JobMessage>>) => {
      for (const message of batch) sent.push(message.body);
    },
  } as unknown as Queue<JobMessage>;
  return { queue, sent };
}

describe('fleet jobs of an account', () => {
  it('lists the account’s jobs newest first, a page at a time, and no other account’s', async () => {
    const { key } = await createKey();
    const first = await started(key);
    const second = await started(key);
    await started((await createKey()).key);
    const page1 = (await (await call('/v1/jobs?limit=1', { headers: bearer(key) })).json()) as {
      jobs: Array<{ id: string; status: string; createdAt: string }>;
      next: string | null;
    };
    expect(page1.jobs).toHaveLength(1);
    expect(page1.next).not.toBeNull();
    const page2 = (await (
      await call(`/v1/jobs?limit=1&cursor=${page1.next}`, { headers: bearer(key) })
    ).json()) as typeof page1;
    expect(page2.next).toBeNull();
    const listed = [...page1.jobs, ...page2.jobs];
    expect(listed.map((job) => job.id).sort()).toEqual([first, second].sort());
    // Newest first; created in the same millisecond (a fixed clock), the greater id first.
    const [a, b] = listed as [(typeof listed)[0], (typeof listed)[0]];
    expect(a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id)).toBe(true);
    expect(page1.jobs[0]?.status).toBe('queued');

    const bad = await call('/v1/jobs?cursor=not-a-cursor', { headers: bearer(key) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(['cursor']);
    expect((await call('/v1/jobs')).status).toBe(401);
  });

  it('runs at most 3 jobs at once per account: the fourth is a 429 naming the limit, and stores nothing', async () => {
    const { key } = await createKey();
    const ids = [await started(key), await started(key), await started(key)];
    const refused = await start(key);
    expect(refused.status).toBe(429);
    const problem = (await refused.json()) as { type: string; detail: string };
    expect(problem.type).toBe('urn:portfees:problem:too-many-jobs');
    expect(problem.detail).toContain('at most 3 jobs queued or running');
    // Another account is not limited by this one's jobs.
    expect((await start((await createKey()).key)).status).toBe(202);
    // One ends (cancelled): the next is taken.
    await call(`/v1/jobs/${ids[0]}`, { method: 'DELETE', headers: bearer(key) });
    expect((await start(key)).status).toBe(202);
  });

  it('deletes the input when the job is cancelled or ends; results stay', async () => {
    const { key } = await createKey();
    const cancelled = await started(key);
    expect(await input(cancelled)).not.toBeNull();
    expect((await call(`/v1/jobs/${cancelled}`, { method: 'DELETE', headers: bearer(key) })).status).toBe(200);
    expect(await input(cancelled)).toBeNull();

    const finished = await started(key);
    await runJob(finished);
    const status = (await (await call(`/v1/jobs/${finished}`, { headers: bearer(key) })).json()) as { status: string };
    expect(status.status).toBe('done');
    expect(await input(finished)).toBeNull();
    const results = await call(`/v1/jobs/${finished}/results`, { headers: { ...bearer(key), accept: 'text/csv' } });
    expect(results.status).toBe(200);
  });
});

describe('stalled jobs', () => {
  it('sends again, once per 10 minutes, the split of a queued job and the chunks of a running one', async () => {
    const { key } = await createKey();
    const queuedJob = await started(key);
    const runningJob = await started(key);
    await deliver([{ kind: 'split', job: runningJob }]);
    // Both were created (and split) now; 10 minutes later nothing has moved.
    const created = await env.DB.prepare('SELECT created_at FROM jobs WHERE id = ?')
      .bind(queuedJob)
      .first<{ created_at: string }>();
    const at = Date.parse(created!.created_at);
    const ours = (sent: JobMessage[]) => sent.filter((m) => m.job === queuedJob || m.job === runningJob);

    const early = recordingQueue();
    await resendStalledJobs(env.DB, early.queue, at + 9 * 60_000);
    expect(ours(early.sent)).toEqual([]);

    const late = recordingQueue();
    await resendStalledJobs(env.DB, late.queue, at + 11 * 60_000);
    expect(ours(late.sent)).toEqual([
      { kind: 'split', job: queuedJob },
      { kind: 'chunk', job: runningJob, seq: 0 },
    ]);
    // Sent again counts as progress: the next check, a minute later, sends nothing; ten minutes later, again.
    const again = recordingQueue();
    await resendStalledJobs(env.DB, again.queue, at + 12 * 60_000);
    expect(ours(again.sent)).toEqual([]);
    const later = recordingQueue();
    await resendStalledJobs(env.DB, later.queue, at + 22 * 60_000);
    expect(ours(later.sent)).toHaveLength(2);

    // Delivered, the resent messages finish both jobs; a finished job is never sent again.
    await deliver(ours(later.sent));
    await runJob(queuedJob);
    const none = recordingQueue();
    await resendStalledJobs(env.DB, none.queue, at + 60 * 60_000);
    expect(ours(none.sent)).toEqual([]);
  });
});
