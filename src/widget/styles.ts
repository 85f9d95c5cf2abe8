/**
 * The widget's styles, inside its shadow root. Hosts theme it with CSS
 * custom properties set on `portfees-quote` (they inherit into the shadow
 * tree): --portfees-accent, --portfees-accent-text, --portfees-ink,
 * --portfees-muted, --portfees-surface, --portfees-border, --portfees-error,
 * --portfees-font, --portfees-radius.
 */
const CSS = `
:host{display:block;container-type:inline-size;--a:var(--portfees-accent,#0b6e4f);--at:var(--portfees-accent-text,#fff);--i:var(--portfees-ink,#1d2433);--m:var(--portfees-muted,#4a5568);
--s:var(--portfees-surface,#fff);--b:var(--portfees-border,#8a94a6);--e:var(--portfees-error,#b3261e);--r:var(--portfees-radius,6px);
font:14px/1.4 var(--portfees-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);color:var(--i);background:var(--s)}
*{box-sizing:border-box}
form{display:grid;gap:.8rem}
#pf-title{font-size:1.15rem;margin:0}
h4{font-size:.9rem;margin:.6rem 0 .2rem}
fieldset{border:1px solid var(--b);border-radius:var(--r);margin:0;padding:.5rem .8rem .8rem;min-width:0}
legend{font-weight:600;padding:0 .3rem}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(10.5rem,1fr));gap:.5rem .8rem}
.field{display:flex;flex-direction:column;gap:.15rem;position:relative;min-width:0}
label{font-weight:500}
.req{color:var(--e)}
input:not([type=checkbox]),select{font:inherit;color:inherit;background:var(--s);border:1px solid var(--b);border-radius:var(--r);padding:.35rem .45rem;width:100%}
:focus-visible{outline:3px solid var(--a);outline-offset:1px}
input[data-kind=upper]{text-transform:uppercase}
td.code{white-space:nowrap}
[aria-invalid=true]{border-color:var(--e)!important;box-shadow:0 0 0 1px var(--e)}
.hint,.why,.alt{color:var(--m);font-size:.85em}
.why,.alt{display:block}
.msg{color:var(--e);font-weight:600;margin:.2rem 0 0;font-size:.9em}
.check{display:flex;gap:.4rem;align-items:flex-start;margin:.2rem 0}
.check input{margin-top:.2rem}
.checks{display:flex;flex-wrap:wrap;gap:.2rem 1.2rem}
button{font:inherit;cursor:pointer;border-radius:var(--r);border:1px solid var(--a);padding:.4rem .9rem}
button[type=submit]{background:var(--a);color:var(--at);font-weight:600;justify-self:start}
button.secondary,button.icon{background:var(--s);color:var(--a)}
button.icon{padding:.2rem .55rem;min-width:2rem}
button[aria-disabled=true]{opacity:.55;cursor:default}
button:disabled{opacity:.6;cursor:progress}
button.link{border:0;background:none;color:var(--e);padding:0;text-align:left;text-decoration:underline}
ol.calls,ul.stakes{list-style:none;margin:0 0 .5rem;padding:0;display:grid;gap:.5rem}
ul.stakes li{display:flex;gap:.5rem;align-items:flex-end}
ul.stakes .grid{flex:1}
.actions{display:flex;gap:.4rem;margin-top:.5rem}
.options{position:absolute;z-index:5;top:100%;left:0;right:0;margin:2px 0 0;padding:0;list-style:none;background:var(--s);border:1px solid var(--b);border-radius:var(--r);max-height:14rem;overflow:auto;box-shadow:0 4px 14px rgb(0 0 0/.15)}
.options li{padding:.35rem .5rem;cursor:pointer}
.options li[aria-selected=true],.options li:hover{background:var(--a);color:var(--at)}
.summary{border:2px solid var(--e);border-radius:var(--r);padding:.5rem .8rem}
.summary ul{margin:.3rem 0 0;padding-left:1.2rem}
.summary-title{margin:0;font-weight:600;color:var(--e)}
.fx{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end}
.fx .field{width:11rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.95em}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border-bottom:1px solid var(--b);padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:var(--a);color:var(--at)}
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr.total th,tr.total td{font-weight:700}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
[hidden]{display:none!important}
.grid.wide{grid-template-columns:repeat(auto-fill,minmax(16rem,1fr))}
.cert{display:block;font-size:.8em;font-weight:600;color:#8a4b00}
.cert[data-certainty=confirmed]{color:var(--a)}
.cert[data-certainty=unconfirmed]{color:var(--e)}
.range{display:block;font-size:.85em;font-weight:600}
.tools{display:flex;flex-wrap:wrap;gap:.5rem;margin:.6rem 0}
.extra{margin-top:.4rem}
pre.curl{white-space:pre-wrap;overflow-wrap:anywhere;font:12px/1.4 ui-monospace,monospace;background:#f4f6f9;border:1px solid var(--b);border-radius:var(--r);padding:.5rem;margin:0}
.sheet-host{display:none}
.berth{margin-top:.5rem}
/* Narrow hosts (a phone is 390 px wide): each voyage a block of labelled lines, every amount in view; the same for the scenarios compared. */
@container (max-width:36rem){
.result table,.result tbody,.result tfoot,.result tr,.result th,.result td,.compare table,.compare tbody,.compare tfoot,.compare tr,.compare th,.compare td{display:block;width:auto}
.result thead,.compare thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.result tr,.compare tr{border-bottom:2px solid var(--b);padding:.3rem 0}
.result th,.result td,.compare th,.compare td{border:0;padding:.15rem .3rem;text-align:left}
.result td[data-label]::before,.compare td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:var(--m)}
.result .num,.compare .num{white-space:normal}
.result td:empty,.compare td:empty{display:none}
}
@media print{
:host{font-size:8.5pt;color:#000;background:#fff}
form,.result,.tools,.extra{display:none!important}
.sheet-host{display:block}
.sheet-title{font-size:13pt;font-weight:700;margin:0}
.meta{margin:.1rem 0 .3rem}
.sheet h3{font-size:9.5pt;margin:.45rem 0 .15rem}
.sheet table{font-size:8pt}
.sheet th,.sheet td{padding:.1rem .3rem;border-color:#999}
.sheet thead th{background:none;color:#000;border-bottom:1.5px solid #000}
.sheet tr{break-inside:avoid}
.facts{display:flex;flex-wrap:wrap;gap:.05rem 1.4rem;margin:0}
.facts div{display:flex;gap:.35rem}
.facts dt{font-weight:600}.facts dd{margin:0}
.totals{display:flex;flex-wrap:wrap;gap:.2rem 1.5rem;margin:.3rem 0 0;font-size:9pt}
.hashes,.sources{margin:0;padding-left:1.2rem;font-size:7.5pt}
.hashes{list-style:none;padding:0;font-family:ui-monospace,monospace;overflow-wrap:anywhere}
.url{overflow-wrap:anywhere}
.small{font-size:7.5pt;margin:.3rem 0 0}
.why-fees{columns:2;column-gap:1.2rem}
.reasons{break-inside:avoid}
.reasons h4{font-size:7.5pt;margin:.15rem 0 0}
.reasons ul,.assumptions{margin:0;padding-left:1rem;font-size:7pt}
}
`;

/**
 * Applies the styles: a constructed stylesheet where supported (allowed
 * under a strict `style-src`), else a `<style>` element.
 */
export function applyStyles(root: ShadowRoot): void {
  if (
    'adoptedStyleSheets' in root &&
    typeof CSSStyleSheet !== 'undefined' &&
    'replaceSync' in CSSStyleSheet.prototype
  ) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = CSS;
  root.append(style);
}
