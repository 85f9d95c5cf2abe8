/** What the test webhook receiver (./webhook-receiver.ts) was sent, read from inside workerd. */
import { RECEIVER_HOST } from './webhook-receiver';

export interface Delivery {
  headers: Record<string, string>;
  body: string;
  answered: number;
}

/** The requests that reached the receiver's endpoint `token`, in order. */
export const deliveries = async (token: string): Promise<Delivery[]> =>
  (await (await fetch(`https://${RECEIVER_HOST}/__log/${token}`)).json()) as Delivery[];

/** Waits until at least `count` requests reached `token` (queues deliver on their own schedule). */
export async function receivedUntil(token: string, count: number): Promise<Delivery[]> {
  for (let i = 0; i < 150; i++) {
    const log = await deliveries(token);
    if (log.length >= count) return log;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`fewer than ${count} deliveries reached ${token}`);
}
