/**
 * Sea-route distances between bundled ports, looked up in the table that
 * `scripts/build-sea-distances.mjs` computes over a marine network (shortest
 * path by sea, never across land, joined across the antimeridian).
 *
 * The table holds the distance from every bundled port to every bundled port
 * of the US customs territory and the US territories: the ports a short-sea
 * test measures to. Pure data + functions: no I/O.
 */

import table from './sea-distances.json';

interface SeaDistanceTable {
  method: string;
  source: string;
  offNetwork: string[];
  ports: string[];
  to: Record<string, Array<number | null>>;
}

const TABLE: SeaDistanceTable = table;
const INDEX: ReadonlyMap<string, number> = new Map(TABLE.ports.map((code, i) => [code, i]));
const OFF_NETWORK: ReadonlySet<string> = new Set(TABLE.offNetwork);

/** How the table's distances were measured, e.g. "sea route (Eurostat SeaRoute …)". */
export const SEA_ROUTE_METHOD = `${TABLE.method} (${TABLE.source})`;

/**
 * The sea-route distance in nautical miles from `from` to `to`, in either
 * direction; `undefined` when the pair is not in the table (a port not bundled,
 * off the network, or two ports neither of which is a US or territory port).
 * @example seaRouteNm('MXZLO', 'USHOU') // about 3,350: through the Panama Canal
 */
export function seaRouteNm(from: string, to: string): number | undefined {
  const forward = INDEX.get(from);
  const backward = INDEX.get(to);
  const direct = forward === undefined ? undefined : TABLE.to[to]?.[forward];
  const reverse = backward === undefined ? undefined : TABLE.to[from]?.[backward];
  return direct ?? reverse ?? undefined;
}

/** Whether a bundled port lies off the marine network (the Great Lakes). */
export function isOffSeaNetwork(code: string): boolean {
  return OFF_NETWORK.has(code);
}
