/// <reference types="vite/client" />
/**
 * The worked checks as data: each tests/cases/*.json file is one check of docs/rules.md, quoted with the shipped
 * tariffs on the suite's fixed knowledge date. A case holds:
 * - `title`, `rules` (the docs/rules.md sections it checks, `; `-separated) and `arithmetic` (the figures by hand);
 * - the request: `vessel` as fields over tests/support/requests.ts's `vessel()` (`null` drops a field), `portCalls`,
 *   and optionally `priorCharges` and `options` (a pinned `tariffVersions`, `assumptions`);
 * - the answer: `regime` and its `voyages` in order, exactly that many. Each expected voyage lists fields the quoted
 *   voyage must match (outcome, rule, tariff, fee, basis, certainty, alternatives, cap, …) and optionally `applies`:
 *   exemption id → whether it applies, where every exemption that applies must be listed. `notesMention` lists
 *   words the quote's notes must contain (in English).
 * The file's shape is checked first, so a misspelt key fails rather than checking nothing.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import rulesDoc from '../../docs/rules.md?raw';
import type { QuoteInput, VoyageQuote } from '../../src/engine/types';
import { english, quoteOf, vessel } from '../support/requests';

const expectedVoyage = z.looseObject({ applies: z.record(z.string(), z.boolean()).optional() });

const workedCase = z.strictObject({
  title: z.string().min(1),
  rules: z.string().startsWith('docs/rules.md, '),
  arithmetic: z.string().min(1),
  vessel: z.record(z.string(), z.unknown()),
  portCalls: z.array(z.record(z.string(), z.unknown())).min(1),
  priorCharges: z.array(z.record(z.string(), z.unknown())).optional(),
  options: z.record(z.string(), z.unknown()).optional(),
  regime: z.enum(['us-301', 'cn-spf']),
  voyages: z.array(expectedVoyage).min(1),
  notesMention: z.array(z.string().min(1)).optional(),
});
type WorkedCase = z.infer<typeof workedCase>;

const files = import.meta.glob('../cases/*.json', { eager: true, import: 'default' });
const headings = new Set([...rulesDoc.matchAll(/^#+ (.+)$/gm)].map((match) => match[1]!.trim()));

/** The sections a case cites: "docs/rules.md, Worked checks (US Section 301); US rates" → Worked checks, US rates. */
const citedSections = (rules: string) =>
  rules
    .slice('docs/rules.md, '.length)
    .split('; ')
    .map((section) => section.replace(/ \(.*\)$/, ''));

function requestOf(check: WorkedCase): QuoteInput {
  const overrides = Object.entries(check.vessel);
  const base: Record<string, unknown> = { ...vessel() };
  for (const [field, value] of overrides) {
    if (value === null) delete base[field];
    else base[field] = value;
  }
  const request = {
    vessel: base,
    portCalls: check.portCalls,
    priorCharges: check.priorCharges,
    options: check.options,
  };
  return request as unknown as QuoteInput;
}

/** Which exemptions the voyage evaluated, as id → applies, restricted to those the case names or that apply. */
function exemptionsAsNamed(voyage: VoyageQuote, named: Record<string, boolean>): Record<string, boolean | 'absent'> {
  const result: Record<string, boolean | 'absent'> = {};
  for (const id of Object.keys(named)) result[id] = voyage.exemptions.find((e) => e.id === id)?.applies ?? 'absent';
  for (const exemption of voyage.exemptions) if (exemption.applies) result[exemption.id] = true;
  return result;
}

describe('docs/rules.md, Worked checks (tests/cases)', () => {
  it('has cases, each of the documented shape and citing sections docs/rules.md has', () => {
    expect(Object.keys(files).length).toBeGreaterThanOrEqual(27);
    for (const [file, data] of Object.entries(files)) {
      const check = workedCase.parse(data, { reportInput: false });
      for (const section of citedSections(check.rules)) expect(headings, `${file}: ${section}`).toContain(section);
    }
  });

  it.each(
    Object.entries(files).map(([file, data]) => [(data as WorkedCase).title, file, data] as const),
  )('%s', (_, file, data) => {
    const check = workedCase.parse(data);
    const result = quoteOf(requestOf(check));
    const voyages = result.voyages.filter((voyage) => voyage.regime === check.regime);
    expect(voyages, `${file}: ${check.regime} voyages`).toHaveLength(check.voyages.length);
    check.voyages.forEach(({ applies, ...fields }, index) => {
      const voyage = voyages[index]!;
      for (const field of Object.keys(fields)) expect(voyage, `${file}: voyage ${index + 1}`).toHaveProperty(field);
      expect(voyage, `${file}: voyage ${index + 1}`).toMatchObject(fields);
      if (applies) expect(exemptionsAsNamed(voyage, applies), `${file}: voyage ${index + 1}`).toEqual(applies);
    });
    const notes = english(result.notes).join('\n');
    for (const words of check.notesMention ?? []) expect(notes, file).toContain(words);
  });
});
