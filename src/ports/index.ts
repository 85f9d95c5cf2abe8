/**
 * Bundled UN/LOCODE port table and lookups.
 *
 * Pure data + functions: no I/O, no Node or Workers APIs. The table is
 * `ports.json` (sorted by code); `country-zones.json` maps ISO 3166-1 alpha-2
 * codes to the IANA zone of countries that observe a single time zone.
 */

import countryZonesData from './country-zones.json';
import portsData from './ports.json';

export { isOffSeaNetwork, SEA_ROUTE_METHOD, seaRouteNm } from './sea-distances';

/** One port of the bundled table. */
export interface Port {
  /** 5-character UN/LOCODE, e.g. "USLAX". */
  code: string;
  /** Common English name of the port. */
  name: string;
  /** ISO 3166-1 alpha-2 country code (the first two letters of `code`). */
  country: string;
  /** Latitude in decimal degrees (north positive). */
  lat: number;
  /** Longitude in decimal degrees (east positive). */
  lon: number;
  /** IANA time zone of the port, e.g. "America/Los_Angeles". */
  zone: string;
}

/** A point on the globe in decimal degrees. */
export interface LatLon {
  lat: number;
  lon: number;
}

/**
 * Shape of a UN/LOCODE: 2-letter ISO country code followed by a 3-character
 * location part made of letters and the digits 2–9.
 */
export const LOCODE_PATTERN = /^[A-Z]{2}[A-Z2-9]{3}$/;

/** Mean Earth radius in nautical miles, used by {@link greatCircleNm}. */
const EARTH_RADIUS_NM = 3440.065;
const MAX_SEARCH_LIMIT = 50;
const DEFAULT_SEARCH_LIMIT = 10;

const PORTS: readonly Port[] = portsData;
const BY_CODE: ReadonlyMap<string, Port> = new Map(PORTS.map((p) => [p.code, p]));
const COUNTRY_ZONES: ReadonlyMap<string, string> = new Map(Object.entries(countryZonesData));
/** Ports paired with their folded names, built once at load time for searching. */
const SEARCH_INDEX: readonly { port: Port; name: string }[] = PORTS.map((port) => ({
  port,
  name: foldText(port.name),
}));

/** Upper-cases a code and strips whitespace ("us lax" → "USLAX"). */
function normalizeCode(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}

/** Lower-cases and strips diacritics ("Lázaro" → "lazaro"). */
function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

/**
 * Looks up a port by UN/LOCODE, case-insensitively (whitespace is ignored,
 * so "US LAX" also works). O(1).
 */
export function findPort(code: string): Port | undefined {
  return BY_CODE.get(code) ?? BY_CODE.get(normalizeCode(code));
}

/** Returns the country part of a UN/LOCODE: its first two letters, upper-cased. */
export function countryOfLocode(code: string): string {
  return (LOCODE_PATTERN.test(code) ? code : normalizeCode(code)).slice(0, 2);
}

/**
 * IANA zone for a UN/LOCODE: the port's own zone when the port is in the
 * table, otherwise the zone of its country when that country has a single
 * zone, otherwise `undefined` (e.g. an unlisted US port).
 */
export function zoneFor(code: string): string | undefined {
  return findPort(code)?.zone ?? COUNTRY_ZONES.get(countryOfLocode(code));
}

/** Edits between two codes: insertions, deletions, substitutions and swaps of neighbours (optimal string alignment). */
function codeDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => i + j));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known codes nearest a code that is not in the table (at most two edits
 * away, the same country first), for a "did you mean" answer.
 * @example nearestPorts('USLXA') // ['USLAX', …]
 */
export function nearestPorts(code: string, limit = 3): string[] {
  const wanted = normalizeCode(code);
  const country = wanted.slice(0, 2);
  return [...BY_CODE.keys()]
    .map((known) => ({ known, distance: codeDistance(wanted, known) + (known.startsWith(country) ? 0 : 0.5) }))
    .filter((candidate) => candidate.distance <= 2)
    .sort((a, b) => a.distance - b.distance)
    .slice(0, limit)
    .map((candidate) => candidate.known);
}

/** Clamps a requested result count to 1..50 (non-numbers give the default). */
function clampLimit(limit: number): number {
  if (!Number.isFinite(limit)) return DEFAULT_SEARCH_LIMIT;
  return Math.min(MAX_SEARCH_LIMIT, Math.max(1, Math.floor(limit)));
}

/** Search tier (0 code prefix, 1 name prefix, 2 name substring) or -1 for no match. */
function matchTier(code: string, name: string, folded: string, codeQuery: string): number {
  if (code.startsWith(codeQuery)) return 0;
  if (name.startsWith(folded)) return 1;
  if (name.includes(folded)) return 2;
  return -1;
}

/**
 * Searches ports by code or name, case- and accent-insensitively. Results are
 * ordered: code-prefix matches, then name-prefix matches, then name-substring
 * matches (each group in table order). A blank query returns `[]`; `limit` is
 * clamped to 1..50.
 */
export function searchPorts(query: string, limit = DEFAULT_SEARCH_LIMIT): Port[] {
  const folded = foldText(query);
  if (folded === '') return [];
  const codeQuery = normalizeCode(folded);
  const tiers: Port[][] = [[], [], []];
  for (const { port, name } of SEARCH_INDEX) {
    tiers[matchTier(port.code, name, folded, codeQuery)]?.push(port);
  }
  return tiers.flat().slice(0, clampLimit(limit));
}

/** Degrees to radians. */
function toRadians(degrees: number): number {
  return (degrees * Math.PI) / 180;
}

/**
 * Great-circle (haversine) distance between two points, in nautical miles,
 * on a sphere of radius 3440.065 nm.
 */
export function greatCircleNm(a: LatLon, b: LatLon): number {
  const dLat = toRadians(b.lat - a.lat);
  const dLon = toRadians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_NM * Math.asin(Math.min(1, Math.sqrt(h)));
}
