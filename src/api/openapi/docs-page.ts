/**
 * GET /docs: an interactive API reference built from /openapi.json in the
 * browser. Self-contained (no external assets), so it works offline.
 */
const STYLE = `
:root{--ink:#14213d;--muted:#5c677d;--line:#d9dee8;--accent:#0b6e4f;--bg:#f7f8fb;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif}
body{margin:0;background:var(--bg);color:var(--ink)}header{background:var(--ink);color:#fff;padding:1rem 2rem}
header h1{margin:0;font-size:1.4rem}header p{margin:.3rem 0 0;color:#cdd3e0}main{max-width:70rem;margin:0 auto;padding:1rem 2rem 4rem}
details.op{background:#fff;border:1px solid var(--line);border-radius:8px;margin:.6rem 0}summary{cursor:pointer;padding:.7rem 1rem;display:flex;gap:.8rem;align-items:center}
.m{font:600 .8rem ui-monospace,monospace;padding:.15rem .5rem;border-radius:4px;color:#fff;min-width:3.5rem;text-align:center}.get{background:#1d6fb8}.post{background:var(--accent)}.delete{background:#b3261e}
.p{font-family:ui-monospace,monospace}.s{color:var(--muted)}.body{padding:0 1rem 1rem}textarea{width:100%;min-height:14rem;font:.85rem ui-monospace,monospace;box-sizing:border-box}
pre{background:#0f172a;color:#e2e8f0;padding:.8rem;border-radius:6px;overflow:auto;font-size:.8rem;max-height:30rem}button{background:var(--accent);color:#fff;border:0;border-radius:5px;padding:.5rem 1rem;cursor:pointer;font-weight:600}
label{display:block;margin:.4rem 0 .2rem;font-weight:600;font-size:.85rem}input{font:inherit;padding:.3rem;border:1px solid var(--line);border-radius:4px}h2{margin-top:2rem}
.status{font-weight:700;margin:.5rem 0}`;

const SCRIPT = `
const el=(t,a={},...k)=>{const e=document.createElement(t);for(const[n,v]of Object.entries(a))n==='text'?e.textContent=v:e.setAttribute(n,v);k.forEach(c=>e.append(c));return e};
const refName=r=>r.split('/').pop();
function resolve(doc,s,depth=0){if(!s||depth>12)return s;if(s.$ref)return resolve(doc,doc.components.schemas[refName(s.$ref)],depth+1);return s}
function example(doc,s,depth=0){s=resolve(doc,s,depth);if(!s||depth>10)return null;if(s.example!==undefined)return s.example;
 if(s.anyOf||s.oneOf)return example(doc,(s.anyOf||s.oneOf)[0],depth+1);if(s.enum)return s.enum[0];
 if(s.type==='object'||s.properties){const o={};for(const[k,v]of Object.entries(s.properties||{}))if((s.required||[]).includes(k))o[k]=example(doc,v,depth+1);return o}
 if(s.type==='array')return[example(doc,s.items,depth+1)];if(s.type==='number'||s.type==='integer')return 1;if(s.type==='boolean')return false;return 'string'}
const SAMPLE=${JSON.stringify({
  vessel: {
    imo: '9310006',
    type: 'container',
    flag: 'PA',
    buildCountry: 'KR',
    netTonnage: 60000,
    deadweight: 100000,
    teuCapacity: 8000,
    owner: { country: 'GR' },
    operator: { country: 'CN' },
  },
  portCalls: [
    { port: 'CNSHA', arrival: '2025-09-25T08:00:00+08:00' },
    { port: 'USLAX', arrival: '2025-10-20T06:00:00-07:00' },
  ],
})};
async function main(){const doc=await (await fetch('/openapi.json')).json();const root=document.querySelector('main');
 root.append(el('p',{class:'s',text:doc.info.description+' OpenAPI '+doc.openapi+' document: '},el('a',{href:'/openapi.json',text:'/openapi.json'})));
 const byTag={};for(const[path,ops]of Object.entries(doc.paths))for(const[method,op]of Object.entries(ops)){const tag=(op.tags||['Other'])[0];(byTag[tag]=byTag[tag]||[]).push({path,method,op})}
 for(const[tag,ops]of Object.entries(byTag)){root.append(el('h2',{text:tag}));for(const{path,method,op}of ops)root.append(operation(doc,path,method,op))}
 root.append(el('h2',{text:'Schemas'}));for(const[name,s]of Object.entries(doc.components?.schemas||{})){const d=el('details',{class:'op'},el('summary',{},el('span',{class:'p',text:name})));d.append(el('div',{class:'body'},el('pre',{text:JSON.stringify(s,null,2)})));root.append(d)}}
function operation(doc,path,method,op){const d=el('details',{class:'op'});d.append(el('summary',{},el('span',{class:'m '+method,text:method.toUpperCase()}),el('span',{class:'p',text:path}),el('span',{class:'s',text:op.summary||''})));
 const body=el('div',{class:'body'});if(op.description)body.append(el('p',{text:op.description}));const inputs={};
 for(const p of op.parameters||[]){const id='p-'+method+path+p.name;const i=el('input',{id,value:p.schema?.example??p.example??''});inputs[p.name]={input:i,where:p.in};body.append(el('label',{for:id,text:p.name+' ('+p.in+')'}),i)}
 let ta;const schema=op.requestBody?.content?.['application/json']?.schema;if(schema){const id='b-'+method+path;ta=el('textarea',{id});ta.value=JSON.stringify(path==='/v1/quotes'?SAMPLE:example(doc,schema),null,2);body.append(el('label',{for:id,text:'Request body (JSON)'}),ta);
  body.append(el('details',{},el('summary',{text:'Request schema'}),el('pre',{text:JSON.stringify(resolve(doc,schema),null,2)})))}
 const out=el('pre',{text:'Send a request to see the answer.'}),status=el('div',{class:'status'});const b=el('button',{type:'button',text:'Send'});
 b.onclick=async()=>{let url=path;const q=new URLSearchParams();for(const[n,{input,where}]of Object.entries(inputs)){if(where==='path')url=url.replace('{'+n+'}',encodeURIComponent(input.value));else if(input.value)q.set(n,input.value)}
  if([...q].length)url+='?'+q;const init={method:method.toUpperCase(),headers:{}};if(ta){init.body=ta.value;init.headers['content-type']='application/json'}
  try{const r=await fetch(url,init);status.textContent=r.status+' '+r.statusText+' — '+(r.headers.get('content-type')||'');const t=await r.text();try{out.textContent=JSON.stringify(JSON.parse(t),null,2)}catch{out.textContent=t}}catch(e){status.textContent='Request failed: '+e.message}};
 body.append(b,status,out);for(const[code,r]of Object.entries(op.responses||{}))body.append(el('div',{class:'s',text:code+': '+(r.description||'')}));d.append(body);return d}
main().catch(e=>{document.querySelector('main').append(el('p',{text:'Could not load /openapi.json: '+e.message}))});`;

export function docsPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>portfees API reference</title><style>${STYLE}</style></head><body><header><h1>portfees API reference</h1>
<p>US Section 301 service fees and Chinese special port fees from versioned, cited tariff tables. Try any operation below.</p></header>
<main></main><script>${SCRIPT}</script></body></html>`;
}
