/**
 * The /embed page's link to the page that frames it, by postMessage with
 * strict origins both ways: messages go only to the host origin the server
 * validated (`host-origin`), and only messages from that origin and from the
 * parent window are read.
 *
 * Out:  { type: 'portfees:ready' }, { type: 'portfees:quote', quote },
 *       { type: 'portfees:resize', height }
 * In:   { type: 'portfees:fill', request, submit?: boolean }
 *       { type: 'portfees:hello' } (answered with portfees:ready, for hosts that listen late)
 */

export interface BridgeTarget extends HTMLElement {
  fill(request: unknown): void;
  submit(): Promise<unknown>;
}

/** Connects `element` to its parent window at `hostOrigin`; returns the disconnect function. */
export function connectHost(element: BridgeTarget, hostOrigin: string): () => void {
  const host = window.parent;
  if (host === window) return () => undefined;
  const post = (message: Record<string, unknown>) => host.postMessage(message, hostOrigin);
  const onMessage = (event: MessageEvent) => {
    if (event.origin !== hostOrigin || event.source !== host) return;
    const data = event.data as { type?: unknown; request?: unknown; submit?: unknown } | null;
    if (data?.type === 'portfees:hello') post({ type: 'portfees:ready' });
    if (!data || data.type !== 'portfees:fill' || typeof data.request !== 'object' || data.request === null) return;
    element.fill(data.request);
    if (data.submit === true) void element.submit();
  };
  const onQuote = (event: Event) => post({ type: 'portfees:quote', quote: (event as CustomEvent).detail });
  let lastHeight = 0;
  const resize = new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height !== lastHeight) post({ type: 'portfees:resize', height });
    lastHeight = height;
  });
  window.addEventListener('message', onMessage);
  element.addEventListener('portfees:quote', onQuote);
  resize.observe(document.body);
  post({ type: 'portfees:ready' });
  return () => {
    window.removeEventListener('message', onMessage);
    element.removeEventListener('portfees:quote', onQuote);
    resize.disconnect();
  };
}
