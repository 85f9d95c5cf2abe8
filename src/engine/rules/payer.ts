/**
 * Who pays: owners or charterers, under the charter-party clauses a quote
 * names (the BIMCO 2025 clauses). The clause files say which rules a clause
 * covers, who pays by default and which facts shift the fee; this module only
 * applies them to each voyage.
 */
import type { ClauseRegistry } from '../../charter/registry';
import { CHARTER_FACTS, type CharterClause, type CharterFact, type Payer } from '../../charter/schema';
import { codeMessage, dataText, type Message, message } from '../../messages/message';
import { type CharterPartyInput, type ClauseReference, QuoteInputError, type VoyageQuote } from '../types';

export type CharterFacts = Record<CharterFact, boolean>;

export interface PayerDecision {
  payer: Payer | null;
  payerReason: Message;
  clause: ClauseReference | null;
}

/** The facts the request states, each defaulting as `CHARTER_FACTS` says. */
export function charterFacts(input: CharterPartyInput): CharterFacts {
  const facts = { ...CHARTER_FACTS } as CharterFacts;
  for (const fact of Object.keys(CHARTER_FACTS) as CharterFact[]) {
    const given = input[fact];
    if (typeof given === 'boolean') facts[fact] = given;
  }
  return facts;
}

/**
 * The clauses a request names, looked up and checked: every id known, at most
 * one clause per regime (one time charter can carry both BIMCO clauses).
 * @throws QuoteInputError naming `charterParty.clause` (or its index) and the valid ids.
 */
export function resolveClauses(registry: ClauseRegistry | undefined, input: CharterPartyInput): CharterClause[] {
  const ids = Array.isArray(input.clause) ? input.clause : [input.clause];
  const pathOf = (i: number) => (Array.isArray(input.clause) ? `charterParty.clause[${i}]` : 'charterParty.clause');
  const valid = registry?.ids() ?? [];
  const issues: Array<{ path: string; message: string }> = [];
  const byRegime = new Map<string, string>();
  const clauses: CharterClause[] = [];
  ids.forEach((id, i) => {
    const clause = registry?.get(id);
    if (!clause) {
      issues.push({ path: pathOf(i), message: `unknown clause ${id}; valid clauses: ${valid.join(', ') || 'none'}` });
      return;
    }
    const earlier = byRegime.get(clause.regime);
    if (earlier) {
      issues.push({
        path: pathOf(i),
        message: `${earlier === id ? `${id} is named twice` : `${id} and ${earlier} both cover ${clause.regime}`}; name one clause per regime`,
      });
      return;
    }
    byRegime.set(clause.regime, id);
    clauses.push(clause);
  });
  if (issues.length > 0) throw new QuoteInputError(issues);
  return clauses;
}

/** The clause as a voyage cites it: id, title and its first citation. */
export function clauseReference(clause: CharterClause): ClauseReference {
  return { id: clause.id, title: clause.title, url: clause.citations[0]!.url };
}

/**
 * Who bears one voyage's fee. A fee is allocated only when it is charged, a
 * clause covers its regime and the clause covers its rule (Annex III is
 * outside the USTR clause); then the first shift whose fact holds moves it,
 * otherwise the clause's default payer bears it.
 * @example decidePayer(annexIVoyage, [ustrClause], { ownersDeclarationAccurate: false, ownerChangeAfterFixture: false }).payer // 'owners'
 */
export function decidePayer(
  voyage: Pick<VoyageQuote, 'regime' | 'rule' | 'outcome'>,
  clauses: ReadonlyArray<CharterClause>,
  facts: CharterFacts,
): PayerDecision {
  const clause = clauses.find((candidate) => candidate.regime === voyage.regime);
  if (!clause) return { payer: null, payerReason: message('payer.no-clause', { regime: voyage.regime }), clause: null };
  const clauseRef = clauseReference(clause);
  if (voyage.outcome !== 'charged')
    return {
      payer: null,
      payerReason: message('payer.nothing-charged', { outcome: codeMessage(voyage.outcome) }),
      clause: clauseRef,
    };
  if (voyage.rule === null || !clause.covers.rules.includes(voyage.rule)) {
    return { payer: null, payerReason: dataText(clause.covers.outsideReason), clause: clauseRef };
  }
  const shifts = clause.shifts.filter((shift) => facts[shift.when.fact] === shift.when.equals);
  const shift = shifts[0];
  if (shift) {
    const reasons = shifts
      .filter((candidate) => candidate.payer === shift.payer)
      .map((candidate) => ({ text: candidate.reason }));
    const payerReason =
      reasons.length === 1
        ? dataText(reasons[0]!.text)
        : message('data.text', { text: { list: reasons, join: 'and' } });
    return { payer: shift.payer, payerReason, clause: clauseRef };
  }
  return { payer: clause.allocation.payer, payerReason: dataText(clause.allocation.reason), clause: clauseRef };
}

/** Adds `payer`, `payerReason` and `clause` to every voyage, with a line of explanation. */
export function allocatePayers(
  voyages: VoyageQuote[],
  registry: ClauseRegistry | undefined,
  input: CharterPartyInput,
): void {
  const clauses = resolveClauses(registry, input);
  const facts = charterFacts(input);
  for (const voyage of voyages) {
    const decision = decidePayer(voyage, clauses, facts);
    voyage.payer = decision.payer;
    voyage.payerReason = decision.payerReason;
    voyage.clause = decision.clause;
    const under = decision.clause ? message('payer.under', { clause: { text: decision.clause.title } }) : '';
    voyage.explanation.push(
      decision.payer
        ? message('payer.decided', { under, payer: codeMessage(decision.payer), reason: decision.payerReason })
        : message('payer.none', { under, reason: decision.payerReason }),
    );
  }
}
