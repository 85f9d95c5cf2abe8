/** Builders for quote inputs, so each test states only what matters to it. */

import { quote } from '../../src/engine/quote';
import type { PortCallInput, QuoteInput, VesselInput, VoyageQuote } from '../../src/engine/types';
import type { Message } from '../../src/messages/message';
import { renderMessage } from '../../src/messages/render';
import { shippedRegistry } from '../../src/tariffs/shipped';

/** A Greek-owned, Danish-operated, Korean-built 8,000 TEU container ship: covered by neither regime. */
export function vessel(overrides: Partial<VesselInput> = {}): VesselInput {
  return {
    imo: '9310006',
    type: 'container',
    flag: 'PA',
    buildCountry: 'KR',
    netTonnage: 60000,
    deadweight: 100000,
    teuCapacity: 8000,
    owner: { country: 'GR' },
    operator: { country: 'DK' },
    ...overrides,
  };
}

export function portCall(port: string, arrival: string, extra: Partial<PortCallInput> = {}): PortCallInput {
  return { port, arrival, ...extra };
}

/** The same ship operated from China: Annex I of us-301 (docs/rules.md, Worked checks, first check). */
export const annexIVessel = (overrides: Partial<VesselInput> = {}): VesselInput =>
  vessel({ operator: { country: 'CN' }, ...overrides });

/** Shanghai on 2025-09-25, then Los Angeles on 2025-10-20 (first US call). */
export const SHANGHAI_TO_LOS_ANGELES: ReadonlyArray<PortCallInput> = [
  { port: 'CNSHA', arrival: '2025-09-25T08:00:00+08:00' },
  { port: 'USLAX', arrival: '2025-10-20T06:00:00-07:00' },
];

/**
 * The first worked check (docs/rules.md): {@link annexIVessel} on `portCalls` (Shanghai, then Los Angeles on
 * 2025-10-20: 60,000 NT × 50 USD = 3,000,000.00 USD), with `extra` request fields.
 * @example postJson('/v1/quotes', annexIRequest([portCall('USLAX', '2025-10-20')], { options: { asOf: '2025-10-20' } }))
 */
export function annexIRequest(
  portCalls: ReadonlyArray<PortCallInput> = SHANGHAI_TO_LOS_ANGELES,
  extra: Partial<QuoteInput> = {},
) {
  return { vessel: annexIVessel(), portCalls: portCalls.map((call) => ({ ...call })), ...extra };
}

export const TODAY = '2026-11-28';

export function quoteOf(input: QuoteInput, today = TODAY) {
  return quote(input, { registry: shippedRegistry(), today });
}

/** The voyages of one regime, in order. */
export function voyagesOf(input: QuoteInput, regime: 'us-301' | 'cn-spf', today = TODAY): VoyageQuote[] {
  return quoteOf(input, today).voyages.filter((voyage) => voyage.regime === regime);
}

/** The single voyage of a regime (fails loudly when there is not exactly one). */
export function onlyVoyage(input: QuoteInput, regime: 'us-301' | 'cn-spf', today = TODAY): VoyageQuote {
  const voyages = voyagesOf(input, regime, today);
  if (voyages.length !== 1) throw new Error(`expected one ${regime} voyage, got ${voyages.length}`);
  return voyages[0]!;
}

export const applying = (voyage: VoyageQuote) => voyage.exemptions.filter((e) => e.applies).map((e) => e.id);

/** Messages (from the engine, or as the API renders them) in English words, one per line. */
export function english(messages: ReadonlyArray<Message | { text: string }>): string[] {
  return messages.map((line) => ('text' in line ? line.text : renderMessage(line, 'en')));
}

/** One message in English words. */
export function englishLine(line: Message | { text: string } | undefined): string {
  return line === undefined ? '' : english([line])[0]!;
}
