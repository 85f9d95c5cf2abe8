/**
 * The Worker with one more route, for `npm run bench -- quote-guards` only (never deployed):
 * `POST /__bench/bare-quote` answers the body with the quote the route gives: parse, quote, its words in
 * the default locale, serialise, and nothing else (no routing, middleware, validation or headers), the
 * least any quoting Worker must spend on the same answer.
 */
import type { Bindings } from '../src/api/env';
import { quote, quoteTitles } from '../src/engine';
import worker from '../src/index';
import { renderQuote } from '../src/messages/quote';
import { quoteEnvironmentFor } from '../src/quoting/environment';

export default {
  ...worker,
  async fetch(incoming: Request, env: Bindings, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(incoming.url);
    if (incoming.method !== 'POST' || url.pathname !== '/__bench/bare-quote') return worker.fetch(incoming, env, ctx);
    const environment = quoteEnvironmentFor(env);
    const answer = quote(JSON.parse(await incoming.text()), environment);
    const text = JSON.stringify(renderQuote(answer, 'en', quoteTitles(environment)));
    return new Response(text, { headers: { 'content-type': 'application/json' } });
  },
} satisfies ExportedHandler<Bindings>;
