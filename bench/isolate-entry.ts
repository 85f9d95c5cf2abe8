/**
 * The Worker with four more routes, for `npm run bench -- quote-isolate` and `quote-floor` only (never deployed):
 * - `GET /__bench/loop?kind=quote|health&n=N` sends the app N requests from inside the isolate, one after
 *   another, so the Worker's CPU per request can be read without HTTP and the local dev proxy around it;
 * - `POST /__bench/bare-quote` quotes the body with the engine alone: parse, quote, serialise, and nothing
 *   else (no routing, middleware, validation or headers), the least any quoting Worker must spend;
 * - `POST /__bench/validated-quote` does the same after validating the body with the route's own schema;
 * - `POST /__bench/echo` reads the body and answers the same bytes as a quote without computing anything,
 *   so the cost of carrying a quote's bytes over HTTP can be told apart from the cost of computing it.
 */
import type { Bindings } from '../src/api/env';
import { QuoteRequest } from '../src/api/openapi/quote-schemas';
import { quote } from '../src/engine';
import worker from '../src/index';
import { quoteEnvironmentFor } from '../src/quoting/environment';
import quoteRequest from './quote-request.json';

const QUOTE_BODY = JSON.stringify(quoteRequest);
const MAX_REQUESTS = 100_000;

function request(kind: string): Request {
  if (kind === 'health') return new Request('http://127.0.0.1/healthz');
  return new Request('http://127.0.0.1/v1/quotes', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': String(QUOTE_BODY.length) },
    body: QUOTE_BODY,
  });
}

const json = (text: string) => new Response(text, { headers: { 'content-type': 'application/json' } });

/** The answer the echo route sends: a quote of the benchmark's request, computed on its first use. */
let echoed: string | undefined;

export default {
  ...worker,
  async fetch(incoming: Request, env: Bindings, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(incoming.url);
    if (incoming.method === 'POST' && url.pathname === '/__bench/bare-quote')
      return json(JSON.stringify(quote(JSON.parse(await incoming.text()), quoteEnvironmentFor(undefined))));
    if (incoming.method === 'POST' && url.pathname === '/__bench/validated-quote') {
      const parsed = QuoteRequest.safeParse(JSON.parse(await incoming.text()));
      if (!parsed.success) return new Response(parsed.error.message, { status: 400 });
      return json(JSON.stringify(quote(parsed.data, quoteEnvironmentFor(undefined))));
    }
    if (incoming.method === 'POST' && url.pathname === '/__bench/echo') {
      await incoming.text();
      echoed ??= JSON.stringify(quote(JSON.parse(QUOTE_BODY), quoteEnvironmentFor(undefined)));
      return json(echoed);
    }
    if (url.pathname !== '/__bench/loop') return worker.fetch(incoming, env, ctx);
    const kind = url.searchParams.get('kind') ?? '';
    const n = Number(url.searchParams.get('n'));
    if (!['quote', 'health'].includes(kind) || !Number.isInteger(n) || n < 1 || n > MAX_REQUESTS)
      return new Response('kind=quote|health and 1 ≤ n ≤ 100000', { status: 400 });
    let bytes = 0;
    for (let i = 0; i < n; i++) {
      const res = await worker.fetch(request(kind), env, ctx);
      const text = await res.text();
      if (res.status !== 200) return new Response(`${kind} answered ${res.status}: ${text}`, { status: 500 });
      bytes += text.length;
    }
    return Response.json({ kind, requests: n, bytes });
  },
} satisfies ExportedHandler<Bindings>;
