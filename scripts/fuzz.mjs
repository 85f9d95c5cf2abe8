#!/usr/bin/env node
// `npm run fuzz`: starts the Worker locally (wrangler dev, rate limits off, on
// 127.0.0.1 only) and sends FUZZ_REQUESTS (default 100,000) generated requests
// across every route: valid requests, the same mutated (fields dropped, types
// swapped, values pushed past every limit, bytes flipped or cut), and hostile
// ones (reserved keys, duplicate keys, deep nesting with reserved words, the
// 256 KB shapes of bench/hostile-bodies.mjs, huge multipart forms, formula
// cells, forged keys and origins, unknown methods), signed in with a secret
// key, a publishable key, a forged one or none. The Worker runs on a free
// port with its own scratch state (a temporary --persist-to directory). At
// most FUZZ_CONCURRENCY (8) at once and FUZZ_SECONDS (900) in all. Counts
// answers by status class and by route, prints the figures and exits 1 on any
// 5xx or lost connection. FUZZ_SEED replays a run (the seed is printed).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostileBodies } from '../bench/hostile-bodies.mjs';
import { createKey, root, rssMiB, startWorker } from './lib/worker-process.mjs';

const total = Number(process.env.FUZZ_REQUESTS ?? 100_000);
const concurrency = Number(process.env.FUZZ_CONCURRENCY ?? 8);
const seconds = Number(process.env.FUZZ_SECONDS ?? 900);
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** mulberry32: a small, seeded, well-spread generator, so a run can be replayed. */
function generator(state) {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = generator(seed);
const int = (min, max) => min + Math.floor(random() * (max - min + 1));
const pick = (list) => list[Math.floor(random() * list.length)];
const chance = (p) => random() < p;

// ---------------------------------------------------------------- valid inputs

const VESSEL_TYPES = ['container', 'dry_bulk', 'tanker', 'chemical_tanker', 'lng_carrier', 'lpg_carrier'];
const MORE_TYPES = ['ethane_carrier', 'vehicle_carrier', 'roro', 'general_cargo', 'passenger', 'other'];
const COUNTRIES = ['CN', 'HK', 'MO', 'US', 'GR', 'DK', 'PA', 'KR', 'JP', 'LR', 'MH', 'SG'];
const US_PORTS = ['USLAX', 'USOAK', 'USSEA', 'USNYC', 'USHOU', 'USSAV', 'PRSJU'];
const CN_PORTS = ['CNSHA', 'CNNGB', 'CNSZX', 'CNTAO', 'CNTSN'];
const OTHER_PORTS = ['SGSIN', 'NLRTM', 'KRPUS', 'JPTYO', 'HKHKG'];
const IMOS = ['9310006', '9321483', '9074729', '9176187', '9195195', '9224180'];
const REGIMES = ['us-301', 'cn-spf'];
const VERSIONS = {
  'us-301': ['2025-04-17', '2025-10-10', '2025-11-10'],
  'cn-spf': ['2025-10-10', '2025-10-14', '2025-11-10'],
};
const ASSUMPTIONS = [
  ['us-301.after-suspension', ['resumed', 'extended']],
  ['cn-spf.after-suspension', ['resumed', 'extended']],
  ['us-301.cap-year', ['calendar', 'april-17']],
];

const pad = (n, width = 2) => String(n).padStart(width, '0');
function date(fromYear = 2025, toYear = 2027) {
  return `${int(fromYear, toYear)}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
}
/** Arrivals in order from a random day, a few days apart; some date-only, some in another offset. */
function arrivals(count) {
  let millis = Date.UTC(int(2025, 2026), int(0, 11), int(1, 28), int(0, 23), int(0, 59));
  return Array.from({ length: count }, () => {
    millis += int(1, 20) * 86_400_000;
    const iso = new Date(millis).toISOString();
    return chance(0.2) ? iso.slice(0, 10) : `${iso.slice(0, 19)}${pick(['Z', '+00:00'])}`;
  });
}

function vessel() {
  const type = chance(0.8) ? pick(VESSEL_TYPES) : pick(MORE_TYPES);
  return {
    imo: pick(IMOS),
    type,
    flag: pick(COUNTRIES),
    buildCountry: pick(COUNTRIES),
    netTonnage: int(1000, 120_000),
    ...(chance(0.7) ? { deadweight: int(5000, 300_000) } : {}),
    ...(type === 'container' ? { teuCapacity: int(1000, 24_000) } : {}),
    ...(type === 'vehicle_carrier' ? { ceuCapacity: int(1000, 8000) } : {}),
    owner: { country: pick(COUNTRIES) },
    operator: { country: pick(COUNTRIES) },
  };
}

function portCalls(max = 8) {
  return arrivals(int(1, max)).map((arrival) => ({
    port: pick(chance(0.45) ? US_PORTS : chance(0.7) ? CN_PORTS : OTHER_PORTS),
    arrival,
    ...(chance(0.3) ? { cargo: pick(['laden', 'ballast', 'empty']) } : {}),
    ...(chance(0.2) ? { purpose: pick(['cargo', 'repair', 'bunkers', 'other']) } : {}),
    ...(chance(0.2) ? { containersDischarged: int(0, 5000) } : {}),
  }));
}

function options() {
  const result = {};
  if (chance(0.5)) result.asOf = date(2025, 2026);
  if (chance(0.2)) {
    const regime = pick(REGIMES);
    result.tariffVersions = { [regime]: `${regime}/${pick(VERSIONS[regime])}` };
  }
  if (chance(0.3)) {
    const [id, values] = pick(ASSUMPTIONS);
    result.assumptions = { [id]: pick(values) };
  }
  if (chance(0.1)) result.fx = { 'USD/CNY': `${int(6, 8)}.${pad(int(0, 99))}` };
  return result;
}

function priorCharges() {
  const list = Array.from({ length: int(0, 6) }, () => ({
    regime: pick(REGIMES),
    date: date(2025, 2026),
    ...(chance(0.6) ? { port: pick([...US_PORTS, ...CN_PORTS]) } : {}),
  }));
  // Repeated payments on purpose: counted once.
  if (list.length > 0 && chance(0.3)) list.push({ ...pick(list) });
  return list;
}

function quoteRequest(maxCalls = 8) {
  return {
    vessel: vessel(),
    portCalls: portCalls(maxCalls),
    ...(chance(0.4) ? { priorCharges: priorCharges() } : {}),
    ...(chance(0.6) ? { options: options() } : {}),
    ...(chance(0.1)
      ? { charterParty: { clause: pick(['bimco-ustr-2025', 'bimco-cn-spf-2025', ['bimco-ustr-2025']]) } }
      : {}),
  };
}

function compareRequest() {
  return {
    request: quoteRequest(),
    variants: Array.from({ length: int(1, 4) }, () => ({
      ...(chance(0.5) ? { label: `v${int(1, 9)}` } : {}),
      ...(chance(0.5) ? { asOf: date(2025, 2026) } : {}),
      ...(chance(0.5) ? { assumptions: { [pick(ASSUMPTIONS)[0]]: pick(['resumed', 'extended']) } } : {}),
    })),
  };
}

function charge() {
  const regime = pick(REGIMES);
  return {
    regime,
    date: date(2025, 2026),
    port: pick(regime === 'us-301' ? US_PORTS : CN_PORTS),
    amount: `${int(1, 5_000_000)}.${pad(int(0, 99))}`,
    currency: regime === 'us-301' ? 'USD' : 'CNY',
    reference: `REF-${int(1, 1e6)}`,
  };
}

const CSV_HEADER = 'imo,name,type,flag,buildCountry,netTonnage,ownerCountry,operatorCountry,port,arrival,cargo';
function csvRows(vessels = int(1, 5)) {
  const rows = [];
  for (let v = 0; v < vessels; v++) {
    const ship = vessel();
    for (const call of portCalls(4).filter((c) => c.arrival.length > 10))
      rows.push(
        [
          ship.imo,
          `SHIP ${v}`,
          ship.type,
          ship.flag,
          ship.buildCountry,
          ship.netTonnage,
          ship.owner.country,
          ship.operator.country,
          call.port,
          call.arrival,
          call.cargo ?? '',
        ].join(','),
      );
  }
  return rows;
}
const fleetCsv = () => `${CSV_HEADER}\n${csvRows().join('\n')}\n`;

// ------------------------------------------------------------------- mutations

const HOSTILE_VALUES = [
  null,
  true,
  -1,
  0,
  1e308,
  -1e308,
  1.5,
  '',
  ' ',
  'x'.repeat(2000),
  '=1+2',
  '1;=2+5',
  '@SUM(A1)',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\u0000',
  '\ud800',
  '9999-99-99',
  '0001-01-01',
  '2025-02-30',
  '2025-10-20T25:00:00Z',
  'NaN',
  'Infinity',
  '1e400',
  [],
  {},
  [[[[[]]]]],
  { __proto__: null, constructor: 1 },
];
const RESERVED = ['__proto__', 'constructor', 'prototype'];

/** Every path to a value in a JSON document. */
function pathsOf(value, path = [], out = []) {
  out.push(path);
  if (Array.isArray(value)) for (const [i, item] of value.entries()) pathsOf(item, [...path, i], out);
  else if (value && typeof value === 'object')
    for (const key of Object.keys(value)) pathsOf(value[key], [...path, key], out);
  return out;
}

function mutate(document) {
  const copy = structuredClone(document);
  const paths = pathsOf(copy).filter((path) => path.length > 0);
  for (let n = int(1, 3); n > 0 && paths.length > 0; n--) {
    const path = pick(paths);
    const parent = path.slice(0, -1).reduce((node, key) => node?.[key], copy);
    const key = path.at(-1);
    if (!parent || typeof parent !== 'object') continue;
    const kind = int(0, 6);
    if (kind === 0) {
      if (Array.isArray(parent)) parent.splice(key, 1);
      else delete parent[key];
    } else if (kind === 1) parent[key] = structuredClone(pick(HOSTILE_VALUES));
    else if (kind === 2) parent[`unknown${int(0, 99)}`] = pick(HOSTILE_VALUES);
    else if (kind === 3 && Array.isArray(parent[key])) {
      const list = parent[key];
      for (let i = chance(0.1) ? int(100, 600) : int(1, 5); i > 0 && list.length > 0; i--)
        list.push(structuredClone(pick(list)));
    } else if (kind === 4) parent[key] = typeof parent[key] === 'number' ? String(parent[key]) : 12345;
    else if (kind === 5) parent[key] = { nested: parent[key] };
    else parent[key] = Array.isArray(parent[key]) ? {} : [parent[key]];
  }
  return copy;
}

/** A reserved key placed somewhere in the text of a document (JSON.stringify would drop a real __proto__ key). */
function withReservedKey(document) {
  const text = JSON.stringify(document);
  const key = pick(RESERVED);
  const spelled = chance(0.3) ? key.replace('_', '\\u005f').replace('o', '\\u006f') : key;
  const opens = [...text.matchAll(/\{(?!\})/g)].map((m) => m.index);
  const at = opens.length > 0 ? pick(opens) : -1;
  return at < 0
    ? text
    : `${text.slice(0, at + 1)}"${spelled}":${JSON.stringify(pick(HOSTILE_VALUES))},${text.slice(at + 1)}`;
}

function byteMutation(text) {
  const kind = int(0, 3);
  if (kind === 0) return text.slice(0, int(0, text.length));
  if (kind === 1) {
    const at = int(0, Math.max(0, text.length - 1));
    return (
      text.slice(0, at) + pick(['{', '}', '"', ',', ':', '\\', '\u0000', '[', ']', 'é', '\ud83d']) + text.slice(at + 1)
    );
  }
  if (kind === 2) return text + pick(['', '}', ']', ',{}', 'garbage']);
  return text.replace(/"/g, chance(0.5) ? "'" : '');
}

const deepNesting = (depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

/** Nesting with a reserved word at the bottom: what once held the Worker for a minute. */
const deepReserved = (depth) =>
  `${'['.repeat(depth)}{"${pick(RESERVED)}":${pick(['1', '{}', '"x"'])}}${']'.repeat(depth)}`;

/** A key of some object in the document given a second time (the parser would keep the last). */
function withDuplicateKey(document) {
  const text = JSON.stringify(document);
  const keys = [...text.matchAll(/[{,]"([A-Za-z]+)":/g)];
  if (keys.length === 0) return `{"a":1,"a":2}`;
  const { index, 1: key } = pick(keys);
  return `${text.slice(0, index + 1)}"${key}":${JSON.stringify(pick(HOSTILE_VALUES))},${text.slice(index + 1)}`;
}

const HOSTILE_BODIES = hostileBodies();

/** A JSON body: valid, mutated, byte-mutated or hostile. */
function jsonBody(make) {
  const roll = random();
  if (roll < 0.4) return JSON.stringify(make());
  if (roll < 0.7) return JSON.stringify(mutate(make()));
  if (roll < 0.77) return withReservedKey(make());
  if (roll < 0.82) return withDuplicateKey(make());
  if (roll < 0.91) return byteMutation(JSON.stringify(make()));
  if (roll < 0.94) {
    const depth = chance(0.1) ? int(10_000, 120_000) : int(10, 2000);
    const deep = chance(0.5) ? deepReserved(depth) : deepNesting(depth);
    return chance(0.1) ? deep : `{"vessel":${deep}}`;
  }
  if (roll < 0.96) return pick(HOSTILE_BODIES).text;
  if (roll < 0.99) return pick(['', 'null', '[]', '{}', '"text"', '1', 'true', ' ']);
  return JSON.stringify({ pad: 'x'.repeat(int(250, 400) * 1024) });
}

// ---------------------------------------------------------------- the requests

function multipart(parts) {
  const boundary = `fuzz${int(0, 1e9)}`;
  const body = `${parts
    .map(
      ([name, value]) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${chance(0.5) ? `; filename="${name}.csv"` : ''}\r\nContent-Type: text/csv\r\n\r\n${value}\r\n`,
    )
    .join('')}--${boundary}--\r\n`;
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

function batchRequest() {
  const roll = random();
  if (roll < 0.3) {
    const list = Array.from({ length: int(1, 12) }, () => quoteRequest(4));
    return { body: jsonBody(() => (chance(0.8) ? list : { requests: list })), contentType: 'application/json' };
  }
  if (roll < 0.32) {
    // Many unknown keys per vessel: the answer must stay bounded.
    const list = Array.from({ length: int(1, 20) }, () => ({
      ...quoteRequest(2),
      ...Object.fromEntries(Array.from({ length: int(1, 300) }, (_, i) => [`k${i}`, i])),
    }));
    return { body: JSON.stringify(list), contentType: 'application/json' };
  }
  if (roll < 0.6) {
    let csv = fleetCsv();
    if (chance(0.5)) csv = byteMutation(csv);
    if (chance(0.3)) csv = csv.replace(/SHIP \d/, pick(['=1+2', '1;=2+5', '"=HYPERLINK(""x"")"', '@cmd', '-2+3']));
    return { body: csv, contentType: 'text/csv' };
  }
  const parts = [['calls', chance(0.8) ? fleetCsv() : byteMutation(fleetCsv())]];
  if (chance(0.4))
    parts.push([
      'vessels',
      `imo,type,flag,buildCountry,netTonnage,ownerCountry,operatorCountry\n${IMOS[0]},container,PA,KR,60000,GR,CN\n`,
    ]);
  if (chance(0.3)) for (let i = int(1, 40); i > 0; i--) parts.push([pick(['calls', 'vessels', `p${i}`, '']), '']);
  if (chance(0.02)) for (let i = 5000; i > 0; i--) parts.push([`p${i}`, '']);
  const form = multipart(parts);
  return { body: chance(0.1) ? byteMutation(form.body) : form.body, contentType: form.contentType };
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];

/** Ids the Worker handed out (webhook endpoints, jobs, saved quotes), so later requests reach real ones. */
const issued = { webhooks: [], jobs: [], quotes: [], pages: [] };
const issuedOr = (list, made) => (list.length > 0 && chance(0.8) ? pick(list) : made);
const webhookId = () => issuedOr(issued.webhooks, pick(['wh_00000000000000000000', 'wh_x', '..', '%2e%2e']));
const jobId = () => issuedOr(issued.jobs, pick(['job_00000000000000000000', 'x', '..']));
const quoteId = () => issuedOr(issued.quotes, pick(['q_0123456789abcdef01234567', 'q_x', 'changes']));
/** A job's page link (with its token) as POST /v1/jobs gave it, or a made-up one. */
const jobPage = () => issuedOr(issued.pages, `/jobs/${jobId()}?token=${pick(['', 'x', 'A'.repeat(43)])}`);

function webhookBody() {
  return {
    // .invalid never resolves: no delivery leaves the machine.
    url: pick([
      `https://fuzz-${int(0, 99)}.invalid/hook`,
      'https://localhost../',
      'https://metadata.google.internal../',
      'https://[2001:0:4136:e378:8000:63bf:f7f7:f7f7]/',
      'https://[3fff::1]/',
      'https://fuzz.invalid:6379/',
      'http://127.0.0.1:8861/',
      'ftp://fuzz.invalid/',
    ]),
    events: pick([['tariff.published'], ['quote.changed'], ['tariff.published', 'quote.changed'], ['nope'], []]),
    ...(chance(0.3) ? { description: 'fuzz endpoint' } : {}),
  };
}

const VESSEL_CSV_HEADER = 'imo,type,flag,buildCountry,netTonnage,ownerCountry,operatorCountry';
function vesselCsv() {
  const rows = Array.from({ length: chance(0.05) ? int(200, 1100) : int(1, 8) }, (_, i) =>
    [
      chance(0.9) ? IMOS[i % IMOS.length] : pick(['0000000', '9310007', 'abc']),
      pick(VESSEL_TYPES),
      pick(COUNTRIES),
      pick(COUNTRIES),
      chance(0.9) ? int(1000, 120_000) : pick(['-5', '1e400', '=1+2', '']),
      pick(COUNTRIES),
      pick(COUNTRIES),
    ].join(','),
  );
  const csv = `${VESSEL_CSV_HEADER}\n${rows.join('\n')}\n`;
  return chance(0.2) ? byteMutation(csv) : csv;
}

/** A fleet job's body: a JSON array, NDJSON lines (some hostile) or a fleet CSV. */
function jobBody() {
  const roll = random();
  const list = () => Array.from({ length: int(1, 6) }, () => quoteRequest(3));
  if (roll < 0.4) return { body: jsonBody(list), contentType: 'application/json' };
  if (roll < 0.7)
    return {
      body: `${list()
        .map((request) => pick([JSON.stringify(request), withReservedKey(request), withDuplicateKey(request)]))
        .concat(chance(0.2) ? [deepReserved(int(65, 5000))] : [])
        .join('\n')}\n`,
      contentType: 'application/x-ndjson',
    };
  return { body: chance(0.8) ? fleetCsv() : byteMutation(fleetCsv()), contentType: 'text/csv' };
}

const MCP_TOOLS = [
  'quote',
  'compare',
  'tariff_diff',
  'timeline',
  'search_ports',
  'list_scenarios',
  'list_tariffs',
  'nope',
];
function mcpMessage(id) {
  const roll = random();
  if (roll < 0.15)
    return {
      jsonrpc: '2.0',
      id,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'fuzz', version: '1' } },
    };
  if (roll < 0.25) return { jsonrpc: '2.0', id, method: 'tools/list' };
  const name = pick(MCP_TOOLS);
  const args =
    name === 'quote'
      ? quoteRequest(4)
      : name === 'compare'
        ? compareRequest()
        : name === 'tariff_diff' || name === 'timeline'
          ? { regime: pick([...REGIMES, '..', '.', '%2e%2e', 'a/b']), from: pick(VERSIONS['us-301']) }
          : { q: pick(['los', '..', '']) };
  return { jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } };
}

/** The body of a POST /mcp: one message, a batch of them, or a hostile body. */
function mcpBody() {
  if (chance(0.15)) return jsonBody(() => mcpMessage(1));
  if (chance(0.1)) return JSON.stringify(Array.from({ length: int(2, 12) }, (_, i) => mcpMessage(i + 1)));
  const message = mcpMessage(int(1, 1000));
  return chance(0.1) ? withDuplicateKey(message) : JSON.stringify(message);
}

/** Requests to the vessel registry, account settings, webhooks, fleet jobs and their pages, MCP, re-quotes and changes. */
function accountRequest(kind, headers, json, imo) {
  switch (kind) {
    case 0:
      return [
        'PUT /v1/vessels/{imo}',
        `/v1/vessels/${imo}`,
        { method: 'PUT', headers: json, body: jsonBody(() => ({ ...vessel(), imo: chance(0.8) ? imo : pick(IMOS) })) },
      ];
    case 1:
      return [
        'GET /v1/vessels/{imo}',
        `/v1/vessels/${imo}${pick(['', '/history'])}`,
        { method: chance(0.1) ? 'DELETE' : 'GET', headers },
      ];
    case 2:
      return [
        'GET /v1/vessels',
        `/v1/vessels${pick(['', '?limit=1', '?limit=999', '?cursor=abc', '?cursor='])}`,
        { headers },
      ];
    case 3:
      return [
        'POST /v1/vessels (CSV import)',
        '/v1/vessels',
        {
          method: 'POST',
          headers: { ...headers, 'content-type': chance(0.9) ? 'text/csv' : 'application/json' },
          body: vesselCsv(),
        },
      ];
    case 4:
      return chance(0.5)
        ? ['GET /v1/account', '/v1/account', { headers }]
        : [
            'PATCH /v1/account',
            '/v1/account',
            {
              method: 'PATCH',
              headers: json,
              body: jsonBody(() => ({ publishableImoQuotes: pick([true, false, 'yes', null]) })),
            },
          ];
    case 5:
      return ['POST /v1/webhooks', '/v1/webhooks', { method: 'POST', headers: json, body: jsonBody(webhookBody) }];
    case 6:
      return [
        'GET /v1/webhooks',
        pick(['/v1/webhooks', `/v1/webhooks/${webhookId()}`, `/v1/webhooks/${webhookId()}/deliveries`]),
        { method: chance(0.1) ? 'DELETE' : 'GET', headers },
      ];
    case 7:
      return [
        'POST /v1/webhooks/{id}/test',
        `/v1/webhooks/${webhookId()}/test`,
        {
          method: 'POST',
          headers: chance(0.7) ? headers : json,
          ...(chance(0.3) ? { body: jsonBody(() => ({})) } : {}),
        },
      ];
    case 8: {
      const { body, contentType } = jobBody();
      return [
        'POST /v1/jobs',
        `/v1/jobs${pick(['', '?detail=full', '?scenarios=both', '?asOf=bad'])}`,
        { method: 'POST', headers: { ...headers, 'content-type': contentType }, body },
      ];
    }
    case 9:
      return [
        'GET /v1/jobs/{id}',
        `/v1/jobs/${jobId()}${pick(['', '/results', '/report', '/results?cursor=x', '/report?scenario=nope'])}`,
        {
          method: chance(0.05) ? 'DELETE' : 'GET',
          headers: { ...headers, accept: pick(['application/json', 'application/x-ndjson', 'text/csv', '*/*']) },
        },
      ];
    case 10:
      return [
        'POST /mcp',
        `/mcp${chance(0.1) ? `?key=${pick(['x', 'pk_live_x'])}` : ''}`,
        {
          method: 'POST',
          headers: {
            ...json,
            ...(chance(0.9) ? { accept: 'application/json, text/event-stream' } : {}),
          },
          body: mcpBody(),
        },
      ];
    case 11:
      return [
        'POST /v1/quotes/{id}/requote',
        `/v1/quotes/${quoteId()}/requote`,
        {
          method: 'POST',
          headers: chance(0.7) ? headers : json,
          ...(chance(0.3) ? { body: jsonBody(() => ({})) } : {}),
        },
      ];
    case 12:
      return [
        'GET /v1/quotes/changes',
        `/v1/quotes/changes?since=${pick(['2026-02-30', '2025-10-10', 'us-301/2025-10-10', 'us-301/1999-01-01', 'x', '', '9999-99-99'])}${pick(['', '&limit=1', '&limit=0', '&cursor=x'])}`,
        { headers },
      ];
    case 13: {
      // A job's page opened by its link: paging, scenarios, locales and the results CSV, good and bad.
      const [path, query] = jobPage().split('?');
      const extra = pick([
        '',
        '&rows=2',
        '&rows=0',
        '&rows=x',
        '&rows=1&rows=2',
        '&scenario=nope',
        '&locale=fr',
        '&locale=zh-CN',
      ]);
      return [
        'GET /jobs/{id} (opened)',
        `${path}${pick(['', '/results.csv', '/charts/by-regime.csv', '/charts/..'])}?${query}${extra}`,
        { headers: chance(0.5) ? { accept: 'text/html' } : {} },
      ];
    }
    default:
      return [
        'GET /v1/scenarios, pages',
        pick(['/v1/scenarios', '/calculator', `/jobs/${jobId()}`, '/calculator?locale=zh-CN', '/calculator?locale=!!']),
        { headers },
      ];
  }
}

/** One generated request: [route label, path, init]. */
function nextRequest(keys) {
  const headers = {};
  const auth = random();
  if (auth < 0.25) headers.authorization = `Bearer ${keys.secret}`;
  else if (auth < 0.3)
    headers.authorization = pick(['Bearer', 'Basic abc', `Bearer sk_live_${'A'.repeat(43)}`, 'Bearer x']);
  else if (auth < 0.4) {
    headers['x-portfees-key'] = keys.publishable;
    headers.origin = pick([keys.origin, 'https://forged.example', 'null', 'http://127.0.0.1:8787']);
  } else if (auth < 0.45) headers.origin = pick(['https://evil.example', keys.origin, 'http://localhost:8787']);
  const json = {
    ...headers,
    'content-type': pick([
      'application/json',
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'application/merge-patch+json',
    ]),
  };
  const regime = pick([...REGIMES, 'eu-ets', '..', '%2e%2e']);
  const imo = pick([...IMOS, '9310007', 'abc', '']);
  const kind = int(0, 36);
  // Kinds 22–36: the account's routes (registry, webhooks, jobs, MCP, re-quotes, changes).
  if (kind >= 22) {
    // Most of these need a secret key: sign half of them in with one, so they get past the key check.
    if (chance(0.5)) headers.authorization = json.authorization = `Bearer ${keys.secret}`;
    return accountRequest(kind - 22, headers, json, imo);
  }
  switch (kind) {
    case 0:
    case 1:
    case 2:
      return [
        'POST /v1/quotes',
        `/v1/quotes${chance(0.15) ? '?save=true' : ''}`,
        { method: 'POST', headers: json, body: jsonBody(quoteRequest) },
      ];
    case 3:
      return [
        'POST /v1/quotes/compare',
        '/v1/quotes/compare',
        { method: 'POST', headers: json, body: jsonBody(compareRequest) },
      ];
    case 4:
    case 5: {
      const { body, contentType } = batchRequest();
      const query = pick([
        '',
        '?asOf=2025-10-20',
        '?detail=full',
        '?assumptions=us-301.after-suspension=extended',
        '?tariffVersions=us-301/2025-10-10',
        '?asOf=bad',
      ]);
      return [
        'POST /v1/quotes/batch',
        `/v1/quotes/batch${query}`,
        {
          method: 'POST',
          headers: {
            ...headers,
            'content-type': contentType,
            accept: pick(['application/json', 'text/csv', 'application/x-ndjson', '*/*', 'image/png']),
          },
          body,
        },
      ];
    }
    case 6:
      return [
        'POST /v1/vessels/{imo}/charges',
        `/v1/vessels/${imo}/charges`,
        {
          method: 'POST',
          headers: { ...json, ...(chance(0.5) ? { 'idempotency-key': `k${int(0, 50)}` } : {}) },
          body: jsonBody(charge),
        },
      ];
    case 7:
      return [
        'GET /v1/vessels/{imo}/charges',
        `/v1/vessels/${imo}/charges${pick(['', '?capYear=2025', '?regime=us-301', '?capYear=x'])}`,
        { headers },
      ];
    case 8:
      return [
        'DELETE /v1/vessels/{imo}/charges/{id}',
        `/v1/vessels/${imo}/charges/chg_${pad(int(0, 99), 20)}`,
        { method: 'DELETE', headers },
      ];
    case 9:
      return [
        'GET /v1/quotes',
        `/v1/quotes${pick(['', '?limit=1', '?limit=999', '?cursor=abc', `?imo=${imo}`, '?from=2025-01-01&to=2024-01-01'])}`,
        { headers },
      ];
    case 10:
      return [
        'GET /v1/quotes/{id}',
        `/v1/quotes/${pick(['q_0123456789abcdef01234567', 'q_x', 'compare', 'batch'])}`,
        { headers },
      ];
    case 11:
      return [
        'GET /v1/tariffs',
        pick([
          '/v1/tariffs',
          `/v1/tariffs/${regime}`,
          `/v1/tariffs/${regime}/${pick(VERSIONS['us-301'])}`,
          `/v1/tariffs/${regime}/latest`,
        ]),
        { headers },
      ];
    case 12:
      return [
        'GET /v1/tariffs/{regime}/diff',
        `/v1/tariffs/${regime}/diff?from=${pick(VERSIONS['us-301'])}&to=${pick(VERSIONS['cn-spf'])}`,
        { headers },
      ];
    case 13: {
      const from = chance(0.8) ? date(pick([2000, 2020, 2025]), 2030) : pick(['0001-01-01', 'x', '2025-13-01']);
      const to = chance(0.8) ? date(2025, pick([2027, 2040, 2099])) : pick(['9999-12-31', '']);
      return [
        'GET /v1/tariffs/{regime}/timeline',
        `/v1/tariffs/${regime}/timeline?from=${from}&to=${to}${chance(0.3) ? `&version=${pick(VERSIONS['us-301'])}` : ''}`,
        { headers },
      ];
    }
    case 14: {
      const from = chance(0.7) ? date(2020, 2030) : pick(['0001-01-01', '2025-02-30']);
      const to = chance(0.7) ? date(2025, 2045) : pick(['9999-12-31', '2026-01-01']);
      return [
        'GET /timeline',
        `/timeline?from=${from}&to=${to}${chance(0.3) ? `&us-301=${pick(VERSIONS['us-301'])}` : ''}${chance(0.1) ? '&zoom=1' : ''}`,
        {},
      ];
    }
    case 15:
      return [
        'GET /v1/ports',
        `/v1/ports${pick(['', `?q=${pick(['los', 'sha', '%00', 'x'.repeat(300), ''])}`, '?country=CN', '?limit=5000'])}`,
        { headers },
      ];
    case 16:
      return ['GET /v1/clauses', pick(['/v1/clauses', '/v1/clauses/bimco-ustr-2025', '/v1/clauses/nope']), { headers }];
    case 17:
      return [
        'GET /embed',
        `/embed${pick(['', `?origin=${encodeURIComponent(pick([keys.origin, 'https://evil.example', 'javascript:alert(1)', '']))}`, '?locale=zz-!!'])}`,
        {},
      ];
    case 18:
      return [
        'GET pages',
        pick(['/healthz', '/docs', '/openapi.json', '/widget.js', '/', '/favicon.ico', '/v1', '/v1/../etc/passwd']),
        {},
      ];
    case 19:
      return [
        'OPTIONS preflight',
        pick(['/v1/quotes', '/v1/quotes/batch', '/v1/tariffs']),
        {
          method: 'OPTIONS',
          headers: {
            origin: pick([keys.origin, `https://unknown-${int(0, 1e6)}.example`]),
            'access-control-request-method': 'POST',
          },
        },
      ];
    default: {
      const method = pick(METHODS);
      const path = pick([
        '/v1/quotes',
        '/v1/quotes/compare',
        '/v1/quotes/batch',
        '/v1/tariffs',
        '/healthz',
        `/v1/vessels/${imo}/charges`,
        '/timeline',
        '/nope',
      ]);
      const hasBody = method !== 'GET' && method !== 'HEAD';
      return ['other methods', path, { method, headers: json, ...(hasBody ? { body: jsonBody(quoteRequest) } : {}) }];
    }
  }
}

// ----------------------------------------------------------------------- run

/** Creates a secret and a publishable key in the Worker's own D1 database with `npm run keys`. */
function createKeys(worker, origin) {
  return {
    secret: createKey(worker, ['create', '--name', 'Fuzz Lines']),
    publishable: createKey(worker, ['create', '--name', 'Fuzz Desk', '--kind', 'publishable', '--origins', origin]),
    origin,
  };
}

// startWorker gives the run its own D1, R2 and queues, removed by stop().
const worker = await startWorker({ vars: { RATE_LIMITS: 'off' } });
const origin = 'https://fuzz.desk.example';
let keys;
try {
  keys = createKeys(worker, origin);
} catch (error) {
  worker.stop();
  throw error;
}
const pid = worker.workerdPid();
const memoryStart = pid ? rssMiB(pid) : null;
console.log(
  `fuzz: ${worker.base}, seed ${seed} (replay with FUZZ_SEED=${seed}), ${total} requests, ${concurrency} at once, at most ${seconds} s`,
);

const classes = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, failed: 0 };
const byRoute = {};
const statuses = {};
const fiveXX = [];
let sent = 0;
const started = Date.now();
const deadline = started + seconds * 1000;

/** Keeps the id a creating route answered with, for later requests. */
function collectId(route, text) {
  let id;
  try {
    const answer = JSON.parse(text);
    id = answer?.id ?? answer?.quoteId;
  } catch {
    return; // not JSON: nothing to keep
  }
  if (typeof id !== 'string') return;
  const page = route === 'POST /v1/jobs' ? JSON.parse(text)?.links?.page : undefined;
  if (typeof page === 'string' && issued.pages.length < 200) issued.pages.push(page);
  const list =
    route === 'POST /v1/webhooks' ? issued.webhooks : route === 'POST /v1/jobs' ? issued.jobs : issued.quotes;
  if (list.length < 200) list.push(id);
}

async function send() {
  while (sent < total && Date.now() < deadline) {
    sent += 1;
    const [route, path, init] = nextRequest(keys);
    byRoute[route] ??= { sent: 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, failed: 0 };
    const counts = byRoute[route];
    counts.sent += 1;
    try {
      const res = await fetch(`${worker.base}${path}`, {
        ...init,
        redirect: 'manual',
        signal: AbortSignal.timeout(60_000),
      });
      const text = await res.text();
      if (res.status === 201 || res.status === 202 || (res.status === 200 && path.includes('save=true')))
        collectId(route, text);
      const statusClass = `${Math.floor(res.status / 100)}xx`;
      classes[statusClass] = (classes[statusClass] ?? 0) + 1;
      counts[statusClass] = (counts[statusClass] ?? 0) + 1;
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status >= 500 && fiveXX.length < 20)
        fiveXX.push({ route, path, status: res.status, body: String(init.body ?? '').slice(0, 300) });
    } catch (error) {
      classes.failed += 1;
      counts.failed += 1;
      if (fiveXX.length < 20)
        fiveXX.push({ route, path, error: String(error), body: String(init.body ?? '').slice(0, 300) });
    }
    if (sent % 10_000 === 0) console.log(`fuzz: ${sent} sent, ${Math.round((Date.now() - started) / 1000)} s`);
  }
}

let memoryEnd = null;
try {
  await Promise.all(Array.from({ length: concurrency }, send));
  memoryEnd = pid ? rssMiB(pid) : null;
} finally {
  worker.stop();
}
const elapsed = (Date.now() - started) / 1000;
const summary = {
  when: new Date().toISOString(),
  seed,
  requests: sent,
  seconds: Math.round(elapsed),
  requestsPerSecond: Math.round(sent / elapsed),
  concurrency,
  classes,
  statuses,
  workerdMemoryMiB: { start: memoryStart, end: memoryEnd },
  routes: byRoute,
  failures: fiveXX,
};
mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(join(root, 'bench', 'fuzz-results.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary, null, 2));
if (classes['5xx'] > 0 || classes.failed > 0 || sent < Math.min(total, 1)) {
  console.error(`fuzz: ${classes['5xx']} answers 5xx and ${classes.failed} lost requests (seed ${seed})`);
  process.exit(1);
}
if (sent < total) console.warn(`fuzz: stopped at the ${seconds} s limit after ${sent} of ${total} requests`);
