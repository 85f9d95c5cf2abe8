/**
 * Joint scenarios (docs/tariffs.md, "Joint scenarios"): `scenarios/*.json`
 * name the assumptions of both regimes at once; explicit assumptions win, a
 * mixed combination carries a note, an unknown name is a 400 listing the valid ones.
 */

import { describe, expect, it } from 'vitest';
import { compareScenarios } from '../../src/analysis/compare';
import { quote } from '../../src/engine/quote';
import { type QuoteInput, QuoteInputError } from '../../src/engine/types';
import { DataFileError } from '../../src/lib/data-file-error';
import { ScenarioRegistry } from '../../src/tariffs/scenarios';
import { shippedRegistry, shippedScenarios } from '../../src/tariffs/shipped';
import { thrown } from '../support/errors';
import { english, vessel } from '../support/requests';
import { call, postJson } from '../support/worker';

const env = { registry: shippedRegistry(), today: '2026-11-28', scenarios: shippedScenarios() };

/**
 * US-owned (cn-spf) and CN-operated (Annex I) ship of 60,000 NT after both suspension years:
 * resumed: Annex I 60,000 × 80 = 4,800,000.00 USD; cn-spf 60,000 × 640 = 38,400,000.00 CNY; extended: 0 and 0.
 */
const afterSuspension: QuoteInput = {
  vessel: vessel({ owner: { country: 'US' }, operator: { country: 'CN' } }),
  portCalls: [
    { port: 'CNSHA', arrival: '2026-11-20T08:00:00+08:00' },
    { port: 'USLAX', arrival: '2026-12-01T06:00:00-08:00' },
  ],
};
const amounts = (result: { voyages: Array<{ regime: string; fee: { amount: string } }> }) =>
  Object.fromEntries(result.voyages.map((voyage) => [voyage.regime, voyage.fee.amount]));

describe('scenarios as data', () => {
  it('GET /v1/scenarios lists fees-resumed (default) and suspension-extended with the assumptions each sets', async () => {
    const res = await call('/v1/scenarios');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { scenarios: Array<Record<string, unknown>> };
    expect(body.scenarios.map((s) => [s.id, s.default, s.assumptions])).toEqual([
      ['fees-resumed', true, { 'us-301.after-suspension': 'resumed', 'cn-spf.after-suspension': 'resumed' }],
      ['suspension-extended', false, { 'us-301.after-suspension': 'extended', 'cn-spf.after-suspension': 'extended' }],
    ]);
  });

  it('refuses a scenario file that sets an undeclared assumption, a value no version declares, or two defaults', () => {
    const good = shippedScenarios().get('fees-resumed')!;
    const file = (data: unknown, name = 'fees-resumed') => [{ file: `scenarios/${name}.json`, data }];
    const undeclared = thrown(
      () => new ScenarioRegistry(file({ ...good, assumptions: { 'us-301.no-such': 'x' } }), shippedRegistry()),
    );
    expect(undeclared).toBeInstanceOf(DataFileError);
    expect((undeclared as DataFileError).problems).toEqual([
      'assumptions.us-301.no-such is declared by no tariff version',
    ]);
    const badValue = thrown(
      () =>
        new ScenarioRegistry(file({ ...good, assumptions: { 'us-301.after-suspension': 'maybe' } }), shippedRegistry()),
    );
    expect((badValue as DataFileError).problems[0]).toMatch(/maybe is not one of resumed, extended/);
    const twoDefaults = thrown(
      () => new ScenarioRegistry([...file(good), ...file({ ...good, id: 'other' }, 'other')], shippedRegistry()),
    );
    expect((twoDefaults as DataFileError).problems).toEqual(['exactly one scenario must be the default; found 2']);
    expect(thrown(() => new ScenarioRegistry(file({ ...good, extra: 1 }), shippedRegistry()))).toBeInstanceOf(
      DataFileError,
    );
  });

  it('the default scenario is fees-resumed: both regimes charge after the suspension year, and the quote says so', () => {
    const result = quote(afterSuspension, env);
    expect(result.scenario).toBe('fees-resumed');
    expect(amounts(result)).toEqual({ 'us-301': '4800000.00', 'cn-spf': '38400000.00' });
    expect(result.notes.some((note) => note.id === 'scenario.mixed')).toBe(false);
  });

  it('suspension-extended sets both regimes to extended: 0 and 0, with resumed amounts as alternatives', () => {
    const result = quote({ ...afterSuspension, options: { scenario: 'suspension-extended' } }, env);
    expect(result.scenario).toBe('suspension-extended');
    expect(result.assumptions).toMatchObject({
      'us-301.after-suspension': 'extended',
      'cn-spf.after-suspension': 'extended',
    });
    expect(amounts(result)).toEqual({ 'us-301': '0.00', 'cn-spf': '0.00' });
    const us = result.voyages.find((voyage) => voyage.regime === 'us-301')!;
    expect(us.alternatives).toContainEqual({
      assumption: 'us-301.after-suspension',
      value: 'resumed',
      amount: '4800000.00',
      outcome: 'charged',
    });
  });

  it('explicit assumptions win over the scenario, and the mixed combination carries a note', () => {
    const result = quote(
      {
        ...afterSuspension,
        options: { scenario: 'suspension-extended', assumptions: { 'cn-spf.after-suspension': 'resumed' } },
      },
      env,
    );
    expect(amounts(result)).toEqual({ 'us-301': '0.00', 'cn-spf': '38400000.00' });
    expect(english(result.notes)).toContainEqual(
      expect.stringMatching(/^Mixed scenario: .*suspension-extended.*cn-spf\.after-suspension = resumed/),
    );
  });

  it('an explicit assumption equal to the scenario’s is not mixed', () => {
    const result = quote(
      { ...afterSuspension, options: { assumptions: { 'us-301.after-suspension': 'resumed' } } },
      env,
    );
    expect(result.notes.some((note) => note.id === 'scenario.mixed')).toBe(false);
  });

  it('POST /v1/quotes: options.scenario applies; an unknown one is a 400 listing the valid ones', async () => {
    const ok = await postJson('/v1/quotes', { ...afterSuspension, options: { scenario: 'suspension-extended' } });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { scenario: string; totals: Array<{ currency: string; amount: string }> };
    expect(body.scenario).toBe('suspension-extended');
    expect(body.totals.map((total) => total.amount)).toEqual(['0.00', '0.00']);
    const bad = await postJson('/v1/quotes', { ...afterSuspension, options: { scenario: 'fees-doubled' } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await bad.json()) as { errors: Array<{ path: string; message: string }> };
    expect(problem.errors).toEqual([
      {
        path: 'options.scenario',
        message: 'unknown scenario fees-doubled; valid scenarios: fees-resumed, suspension-extended',
      },
    ]);
  });

  it('compare: scenario is a variant field; an unknown one names variants[i].scenario', async () => {
    const result = compareScenarios(afterSuspension, [{}, { scenario: 'suspension-extended' }], env);
    expect(result.variants.map((variant) => [variant.label, variant.scenario])).toEqual([
      ['variant 1', 'fees-resumed'],
      ['scenario suspension-extended', 'suspension-extended'],
    ]);
    expect(result.variants[1]!.deltas).toEqual([
      { currency: 'CNY', amount: '-38400000.00' },
      { currency: 'USD', amount: '-4800000.00' },
    ]);
    const error = thrown(() => compareScenarios(afterSuspension, [{ scenario: 'nope' }], env));
    expect(error).toBeInstanceOf(QuoteInputError);
    expect((error as QuoteInputError).issues[0]!.path).toBe('variants[0].scenario');
    const res = await postJson('/v1/quotes/compare', {
      request: afterSuspension,
      variants: [{ label: 'world A' }, { label: 'world B', scenario: 'suspension-extended' }],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { variants: Array<{ totals: Array<{ amount: string }> }> };
    expect(body.variants[1]!.totals.map((total) => total.amount)).toEqual(['0.00', '0.00']);
  });

  it('batch: ?scenario= applies to every vessel; an unknown one is a 400 naming the scenario parameter', async () => {
    const res = await postJson('/v1/quotes/batch?scenario=suspension-extended', [afterSuspension]);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: Array<{ quote: { scenario: string; voyages: unknown[] } }> };
    expect(body.results[0]!.quote.scenario).toBe('suspension-extended');
    const bad = await postJson('/v1/quotes/batch?scenario=nope', [afterSuspension]);
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: Array<{ path: string; message: string }> };
    expect(problem.errors).toEqual([
      { path: 'scenario', message: 'unknown scenario nope; valid scenarios: fees-resumed, suspension-extended' },
    ]);
  });
});
