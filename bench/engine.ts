// Engine throughput on one core (tinybench): quotes per second for a 10-call
// voyage and for a 100-call year of sailing. Prints one JSON object.
import { Bench } from 'tinybench';
import { quote } from '../src/engine/quote';
import type { PortCallInput, QuoteInput } from '../src/engine/types';
import { nativeSha256Hex } from '../src/lib/native-sha256';
import { shippedLists } from '../src/lists/shipped';
import { shippedRegistry, shippedScenarios } from '../src/tariffs/shipped';

const registry = shippedRegistry();
// As the Worker quotes: shipped tariffs, scenarios and countermeasure lists, the runtime's native SHA-256 for quote ids.
const env = {
  registry,
  today: '2026-11-28',
  digest: nativeSha256Hex,
  scenarios: shippedScenarios(),
  lists: shippedLists(),
};
const vessel: QuoteInput['vessel'] = {
  imo: '9310006',
  type: 'container',
  flag: 'US',
  buildCountry: 'CN',
  netTonnage: 60000,
  deadweight: 100000,
  teuCapacity: 8000,
  owner: { country: 'US', stakes: [{ country: 'US', equity: 80 }] },
  operator: { country: 'CN' },
};
const ROTATION = ['CNSHA', 'CNNGB', 'KRPUS', 'USLAX', 'USOAK', 'USSEA', 'JPTYO', 'CNQIN', 'USLAX', 'USLGB'];

/** `count` calls cycling through a trans-Pacific rotation, one every `hours` hours from 2025-10-14. */
function calls(count: number, hours: number): PortCallInput[] {
  const start = Date.UTC(2025, 9, 14);
  return Array.from({ length: count }, (_, i) => ({
    port: ROTATION[i % ROTATION.length]!,
    arrival: `${new Date(start + i * hours * 3_600_000).toISOString().slice(0, 19)}Z`,
    containersDischarged: i % 3 === 0 ? 1500 : undefined,
  }));
}

const voyage: QuoteInput = { vessel, portCalls: calls(10, 60) };
const year: QuoteInput = {
  vessel,
  portCalls: calls(100, 87),
  options: { assumptions: { 'us-301.after-suspension': 'resumed' } },
};

export async function engineBench() {
  const bench = new Bench({ time: 2000, warmup: true, warmupTime: 500 });
  bench.add('10-call voyage', () => {
    quote(voyage, env);
  });
  bench.add('100-call year', () => {
    quote(year, env);
  });
  await bench.run();
  return Object.fromEntries(
    bench.tasks.map((task) => {
      const r = task.result as { throughput?: { mean: number }; latency?: { mean: number; p99?: number } } | undefined;
      return [
        task.name,
        {
          quotesPerSecond: Math.round(r?.throughput?.mean ?? 0),
          meanMicros: Math.round((r?.latency?.mean ?? 0) * 1000 * 10) / 10,
        },
      ];
    }),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await engineBench(), null, 2));
}
