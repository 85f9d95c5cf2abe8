/**
 * Sea-route distances (src/ports/sea-distances.json, built by
 * scripts/build-sea-distances.mjs over the Eurostat SeaRoute network): known
 * distances within 5%, never across land, joined across the antimeridian.
 * The reference figures are the usual published port-to-port distances
 * (docs/tariffs.md, "Sea-route distances").
 */
import { describe, expect, it } from 'vitest';
import { findPort, greatCircleNm, isOffSeaNetwork, SEA_ROUTE_METHOD, seaRouteNm } from '../../src/ports/index';
import portsJson from '../../src/ports/ports.json';
import table from '../../src/ports/sea-distances.json';

const within = (actual: number | undefined, expected: number, tolerance = 0.05) => {
  expect(actual, `expected about ${expected}`).toBeDefined();
  expect(Math.abs(actual! / expected - 1), `${actual} nm vs about ${expected} nm`).toBeLessThanOrEqual(tolerance);
};

const greatCircle = (from: string, to: string) => greatCircleNm(findPort(from)!, findPort(to)!);

describe('known distances, within 5%', () => {
  it('Shanghai → Los Angeles: about 5,700 nm across the Pacific (not the long way round)', () => {
    within(seaRouteNm('CNSHA', 'USLAX'), 5700);
  });

  it('Halifax → Houston: about 2,300 nm round Florida (1,736 nm great circle runs over land)', () => {
    within(seaRouteNm('CAHAL', 'USHOU'), 2300);
    expect(greatCircle('CAHAL', 'USHOU')).toBeLessThan(2000);
  });

  it('Manzanillo (MX) → Long Beach: about 1,200 nm', () => {
    within(seaRouteNm('MXZLO', 'USLGB'), 1200);
  });

  it('Balboa → New York: about 2,000 nm', () => {
    within(seaRouteNm('PABLB', 'USNYC'), 2000);
  });

  it('Kingston → Miami: about 800 nm through the Windward Passage', () => {
    within(seaRouteNm('JMKIN', 'USMIA'), 800);
  });

  it('Manzanillo (MX) → Houston: about 3,300 nm through the Panama Canal, not 814 nm over Mexico', () => {
    within(seaRouteNm('MXZLO', 'USHOU'), 3300);
    expect(Math.round(greatCircle('MXZLO', 'USHOU'))).toBe(814);
  });
});

describe('the table', () => {
  it('reads the same in both directions and is zero from a port to itself', () => {
    expect(seaRouteNm('USHOU', 'MXZLO')).toBe(seaRouteNm('MXZLO', 'USHOU'));
    expect(seaRouteNm('USLAX', 'USLAX')).toBe(0);
  });

  it('is never shorter than the great circle (a path over the sea is at least the straight line)', () => {
    const shorter: string[] = [];
    for (const [to, row] of Object.entries(table.to)) {
      row.forEach((nm, i) => {
        const from = table.ports[i]!;
        if (nm !== null && nm < Math.floor(greatCircle(from, to))) shorter.push(`${from}→${to}: ${nm}`);
      });
    }
    expect(shorter).toEqual([]);
  });

  it('measures to every US, Puerto Rico and US-territory port from every bundled port', () => {
    const measured = portsJson.filter((port) => ['US', 'PR', 'GU', 'VI', 'AS', 'MP'].includes(port.country));
    expect(Object.keys(table.to).sort()).toEqual(measured.map((port) => port.code).sort());
    expect(table.ports).toEqual(portsJson.map((port) => port.code));
    expect(seaRouteNm('CNSHA', 'GUGUM')).toBeGreaterThan(1500);
  });

  it('leaves the Great Lakes off the network: no sea-route figure, so the engine falls back to great circle', () => {
    expect(isOffSeaNetwork('USCHI')).toBe(true);
    expect(seaRouteNm('CAMTR', 'USCHI')).toBeUndefined();
    expect(isOffSeaNetwork('USLAX')).toBe(false);
  });

  it('has no distance between two foreign ports, nor for an unknown port', () => {
    expect(seaRouteNm('CNSHA', 'MXZLO')).toBeUndefined();
    expect(seaRouteNm('XXZZZ', 'USLAX')).toBeUndefined();
  });

  it('names its method', () => {
    expect(SEA_ROUTE_METHOD).toBe('sea route (Eurostat SeaRoute network)');
  });
});
