/**
 * A countermeasure list version ships as data only (the fixture
 * tests/fixtures/lists/cn-countermeasures/2026-11-25.json adds one fictitious
 * entry to the shipped 2025-11-10 version): the scheduled check announces it
 * once as `list.published`, and a saved quote whose operator is newly listed
 * is a `quote.changed` and appears in GET /v1/quotes/changes, the diff naming
 * the row that moved (docs/accounts.md, "Re-quotes and changes" and "Noticing new tariff and list versions").
 */
import { env } from 'cloudflare:workers';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app';
import { noticeNewListVersions, requotePage, watchTariffs } from '../../src/events/tariff-watch';
import { shippedListFiles } from '../../src/lists/bundle.generated';
import { ListRegistry } from '../../src/lists/registry';
import { shippedLists } from '../../src/lists/shipped';
import { quoteEnvironmentFor } from '../../src/quoting/environment';
import { shippedRegistry } from '../../src/tariffs/shipped';
import fixture from '../fixtures/lists/cn-countermeasures/2026-11-25.json';
import { bearer, createKey } from '../support/accounts';
import { receivedUntil } from '../support/deliveries';
import { vessel } from '../support/requests';
import { RECEIVER_HOST } from '../support/webhook-receiver';
import { postJson } from '../support/worker';

const LIST_ID = 'cn-countermeasures/2026-11-25';
const lists = new ListRegistry(
  [...shippedListFiles, { file: `tests/fixtures/lists/${LIST_ID}.json`, data: fixture }],
  shippedRegistry(),
);
/** Six days after the fixture's publication: today's lists include it, whatever the real date. */
const clocked = { ...env, NOW: '2026-12-01T00:00:00Z' };
const AT = Date.UTC(2026, 11, 1);
const app = createApp({ lists });

/** A Korean-built container ship calling at Shanghai, quoted as known on 2026-11-20 (before the fixture). */
function quoteBody(operatorName: string) {
  return {
    vessel: vessel({
      owner: { name: 'Aegean Carriers SA', country: 'GR' },
      operator: { name: operatorName, country: 'US' },
    }),
    portCalls: [{ port: 'CNSHA', arrival: '2026-12-05T08:00:00+08:00' }],
    options: { asOf: '2026-11-20' },
  };
}

async function save(key: string, body: Record<string, unknown>): Promise<string> {
  const res = await postJson('/v1/quotes?save=true', body, bearer(key));
  expect(res.status).toBe(200);
  const quote = (await res.json()) as { quoteId: string; screening?: unknown[] };
  // Nothing is listed when the quote is saved: the operator's name is on no shipped list.
  expect(quote.screening).toEqual([]);
  return quote.quoteId;
}

async function addEndpoint(key: string, path: string, events: string[]): Promise<{ secret: string }> {
  const res = await postJson('/v1/webhooks', { url: `https://${RECEIVER_HOST}/ok/${path}`, events }, bearer(key));
  expect(res.status).toBe(201);
  return (await res.json()) as { secret: string };
}

const addedRow = {
  list: 'cn-countermeasures',
  version: LIST_ID,
  entryId: 'fixture-shipping',
  entry: 'Fixture Test Shipping Co., Ltd.',
  party: 'operator',
  name: 'FIXTURE TEST SHIPPING CO LTD',
  match: 'normalized',
};

describe('a data-only list version', { timeout: 60_000 }, () => {
  it('is announced once as list.published, and the saved quote it lists is a quote.changed and in the feed', async () => {
    const { key, accountId } = await createKey();
    const published = crypto.randomUUID();
    const changes = crypto.randomUUID();
    const publishedEndpoint = await addEndpoint(key, published, ['list.published']);
    const changesEndpoint = await addEndpoint(key, changes, ['quote.changed']);
    const listed = await save(key, quoteBody('FIXTURE TEST SHIPPING CO LTD'));
    const unlisted = await save(key, quoteBody('Nordic Liner Operations AS'));

    // The shipped lists: the baseline (or nothing new). Then the fixture, seen by three isolates at once.
    expect(await watchTariffs(clocked, shippedRegistry(), AT, shippedLists())).toEqual([]);
    const runs = await Promise.all([1, 2, 3].map(() => watchTariffs(clocked, shippedRegistry(), AT, lists)));
    expect(runs.flat()).toEqual([LIST_ID]);
    expect(await noticeNewListVersions(env.DB, lists, AT)).toEqual([]);

    const [announcement, ...more] = await receivedUntil(published, 1);
    expect(more).toEqual([]);
    expect(new Webhook(publishedEndpoint.secret).verify(announcement!.body, announcement!.headers)).toMatchObject({
      type: 'list.published',
      data: { id: LIST_ID, list: 'cn-countermeasures', published: '2026-11-25', href: `/v1/lists/${LIST_ID}` },
    });

    // The re-quote page under the list version: only the quote whose operator is now listed changed.
    const page = await requotePage(
      clocked,
      { kind: 'requote', accountId, tariffId: LIST_ID },
      quoteEnvironmentFor(clocked, shippedRegistry(), lists),
    );
    expect(page).toEqual({ examined: 2, changed: [listed], failed: [] });
    const [delivery] = await receivedUntil(changes, 1);
    const payload = new Webhook(changesEndpoint.secret).verify(delivery!.body, delivery!.headers) as {
      data: { quoteId: string; listId: string; changed: string[]; diff: Record<string, unknown> };
    };
    expect(payload.data).toMatchObject({ quoteId: listed, listId: LIST_ID, changed: ['screening'] });
    // The fees are the same: a listing changes no amount.
    expect(payload.data.diff).toMatchObject({
      totalsChanged: false,
      screening: { added: [expect.objectContaining(addedRow)], removed: [], changed: [] },
    });
    expect((payload.data.diff.lists as { after: string[] }).after).toContain(LIST_ID);

    // The feed, by the same judgement: since the version before the fixture, and since its date.
    for (const since of ['cn-countermeasures/2025-11-10', '2026-11-25']) {
      const res = await app.fetch(
        new Request(`http://portfees.test/v1/quotes/changes?since=${since}`, { headers: bearer(key) }),
        clocked,
      );
      expect(res.status).toBe(200);
      const feed = (await res.json()) as {
        versions: string[];
        quotes: Array<{ quoteId: string; changed: string[]; screening: { added: unknown[] } }>;
        examined: number;
      };
      expect(feed.versions).toContain(LIST_ID);
      expect(feed.examined).toBe(2);
      expect(feed.quotes.map((quote) => quote.quoteId)).toEqual([listed]);
      expect(feed.quotes[0]).toMatchObject({
        changed: ['screening'],
        screening: { added: [expect.objectContaining(addedRow)] },
      });
      expect(feed.quotes.map((quote) => quote.quoteId)).not.toContain(unlisted);
    }
  });
});
