/**
 * The calculator page's own script and styles, served from this origin
 * (GET /calculator.js, GET /calculator.css) so the page's policy allows only
 * 'self'. The script wires the example buttons: each fills the widget from
 * its `data-request` and quotes it. It also gives every quote an address: the
 * request, deflate-raw compressed and base64url-encoded, goes into the
 * location hash (`#q=…`), so a reload, Back or a shared link quotes it again.
 */

export const CALCULATOR_SCRIPT = `const widget = document.querySelector('portfees-quote');

/** The reader's next look: the answer, or the problems found. */
function showAnswer() {
  const answer = widget.shadowRoot?.querySelector('.result:not(:empty), .summary:not([hidden])') ?? widget;
  answer.scrollIntoView({ block: 'start' });
}

for (const button of document.querySelectorAll('button[data-request]')) {
  button.addEventListener('click', async () => {
    await customElements.whenDefined('portfees-quote');
    widget.fill(JSON.parse(button.dataset.request));
    await widget.submit();
    showAnswer();
  });
}

/** A request as URL text: JSON, deflate-raw, base64url. */
async function pack(request) {
  const stream = new Blob([JSON.stringify(request)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
}

/** The request a \`#q=\` hash holds. */
async function unpack(text) {
  const bytes = Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return JSON.parse(await new Response(stream).text());
}

/** Quotes the request in the location hash, if there is one. */
async function quoteFromHash() {
  const packed = new URLSearchParams(location.hash.slice(1)).get('q');
  if (!packed) return;
  let request;
  try {
    request = await unpack(packed);
  } catch (error) {
    console.warn('portfees: the link holds no readable quote request', error);
    return;
  }
  await customElements.whenDefined('portfees-quote');
  widget.fill(request);
  restoring = true;
  try {
    await widget.submit();
  } finally {
    restoring = false;
  }
  showAnswer();
}

// Each new quote gets its own history entry; a quote restored from the address replaces its entry, so Back keeps working.
let restoring = false;
widget.addEventListener('portfees:quote', async () => {
  const replace = restoring;
  const request = widget.quotedRequest;
  if (!request) return;
  const hash = '#q=' + (await pack(request));
  if (hash === location.hash) return;
  if (replace) history.replaceState(null, '', hash);
  else history.pushState(null, '', hash);
});
addEventListener('popstate', () => void quoteFromHash());
void quoteFromHash();
`;

export const CALCULATOR_STYLES = `*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK SC",sans-serif;color:#1d2433;background:#eef1f6}
a{color:#0a5c42}
.top{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1.5rem;padding:.6rem 1.2rem;background:#fff;border-bottom:1px solid #c5ccd8}
.brand{font-weight:700;font-size:1.15rem;text-decoration:none}
.top ul{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;list-style:none;margin:0;padding:0}
main{max-width:64rem;margin:0 auto;padding:1rem 1.2rem 2rem}
h1{font-size:1.6rem;margin:.4rem 0}
.lede{max-width:48rem;margin:0 0 1rem}
.examples{margin:0 0 1rem}
.examples h2{font-size:1.05rem;margin:0 0 .4rem}
.examples [role=group]{display:flex;flex-wrap:wrap;gap:.6rem}
.examples button{font:inherit;text-align:left;cursor:pointer;padding:.5rem .8rem;border:1px solid #0b6e4f;border-radius:6px;background:#fff;color:#0a5c42;font-weight:600}
.examples button:hover{background:#e6f2ed}
.examples button:focus-visible{outline:3px solid #0b6e4f;outline-offset:2px}
.detail{display:block;font-weight:400;font-size:.85em;color:#4a5568}
.hint{font-size:.85rem;color:#4a5568;margin:.4rem 0 0}
portfees-quote{background:#fff;padding:1rem;border-radius:8px;border:1px solid #c5ccd8}
footer{text-align:center;padding:0 1rem 2rem;font-size:.9rem}
@page{size:A4;margin:12mm}
@media print{
body{background:#fff;font-size:9pt}
.top,.lede,.examples,footer,h1{display:none}
main{max-width:none;padding:0}
portfees-quote{border:0;padding:0}
}
`;
