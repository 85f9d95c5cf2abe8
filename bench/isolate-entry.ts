/**
 * The Worker with one more route, for `npm run bench -- quote-isolate` only (never deployed):
 * `GET /__bench/loop?kind=quote|health&n=N` sends the app N requests from inside the isolate, one after
 * another, so the Worker's CPU per request can be read without HTTP and the local dev proxy around it.
 */
import type { Bindings } from '../src/api/env';
import worker from '../src/index';
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

export default {
  ...worker,
  async fetch(incoming: Request, env: Bindings, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(incoming.url);
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
