/**
 * The widget's styles, inside its shadow root. Hosts theme it with CSS
 * custom properties set on `portfees-quote` (they inherit into the shadow
 * tree): --portfees-accent, --portfees-accent-text, --portfees-ink,
 * --portfees-muted, --portfees-surface, --portfees-border, --portfees-error,
 * --portfees-font, --portfees-radius.
 */
const CSS = `
:host{display:block;--a:var(--portfees-accent,#0b6e4f);--at:var(--portfees-accent-text,#fff);--i:var(--portfees-ink,#1d2433);--m:var(--portfees-muted,#4a5568);
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
.badge{display:block;color:var(--e);font-size:.8em;font-weight:600}
.badge[data-certainty=confirmed]{color:var(--m);font-weight:400}
.alts{font-size:.85em;text-align:left}.alts ul{margin:.2em 0;padding-left:1em}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
[hidden]{display:none!important}
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
