/**
 * The only "internet" the tests have: every outbound fetch of the Worker goes
 * to this function (miniflare `outboundService`, set in vitest.config.ts),
 * which runs in Node. Webhook endpoints live at https://hooks.receiver.example
 * /<mode>/<token>; the tests read what arrived at GET /__log/<token>.
 * Modes: `ok` answers 204, `fail-twice` answers 500 to the first two requests
 * of a token and 200 after, `always-fail` answers 503. Any other host: 502.
 */
export const RECEIVER_HOST = 'hooks.receiver.example';

interface Received {
  headers: Record<string, string>;
  body: string;
  answered: number;
}

const received = new Map<string, Received[]>();

export async function webhookReceiver(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.hostname !== RECEIVER_HOST) return new Response('no internet in tests', { status: 502 });
  const [, mode = '', token = ''] = url.pathname.split('/');
  if (mode === '__log') return Response.json(received.get(token) ?? []);
  const log = received.get(token) ?? [];
  received.set(token, log);
  const answered = mode === 'ok' ? 204 : mode === 'fail-twice' ? (log.length < 2 ? 500 : 200) : 503;
  log.push({ headers: Object.fromEntries(request.headers), body: await request.text(), answered });
  return new Response(answered === 204 ? null : 'answer', { status: answered });
}
