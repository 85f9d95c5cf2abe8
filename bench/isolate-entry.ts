/**
 * The Worker with one more route, for `npm run bench -- quote-guards` only (never deployed):
 * `POST /__bench/bare-quote` quotes the body with the engine alone: parse, quote, serialise, and nothing
 * else (no routing, middleware, validation or headers), the least any quoting Worker must spend.
 */
import type { Bindings } from '../src/api/env';
import { quote } from '../src/engine';
import worker from '../src/index';
import { quoteEnvironmentFor } from '../src/quoting/environment';

export default {
  ...worker,
  async fetch(incoming: Request, env: Bindings, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(incoming.url);
    if (incoming.method !== 'POST' || url.pathname !== '/__bench/bare-quote') return worker.fetch(incoming, env, ctx);
    const text = JSON.stringify(quote(JSON.parse(await incoming.text()), quoteEnvironmentFor(env)));
    return new Response(text, { headers: { 'content-type': 'application/json' } });
  },
} satisfies ExportedHandler<Bindings>;
