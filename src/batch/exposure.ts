/**
 * The exposure report of a fleet: fees and voyage counts by regime,
 * currency, cap year, month, operator, rule and exemption, each figure per
 * scenario (a fleet may be quoted under several at once, such as fees
 * resumed or suspension extended). One module for the synchronous batch
 * (`?report=true`) and for fleet jobs, whose chunks each aggregate their
 * vessels and are merged: a merge of partial reports equals the report of
 * the whole fleet, figure for figure.
 */
import { CERTAINTIES, type Certainty, type Outcome, type Quote, type VesselInput } from '../engine';
import { addAmount, type Decimal, decimal, formatAmount, ZERO } from '../lib/money';
import { isMatch } from '../lists/screen';
import type { QuoteSummary } from './run';

/** One figure for one scenario. */
export interface ExposureCell {
  amount: string;
  voyages: number;
  charged: number;
  exempt: number;
  capped: number;
}

/** A row of one breakdown: its keys (regime, currency, …) and one cell per scenario. */
export interface ExposureRow {
  keys: Record<string, string>;
  values: Record<string, ExposureCell>;
}

export const EXPOSURE_DIMENSIONS = {
  /** Fees per regime and currency. */
  regime: ['regime', 'currency'],
  /** Per cap year (the year the five-charge cap counts in). */
  capYear: ['regime', 'currency', 'capYear'],
  /** Per month of arrival (YYYY-MM of the arrival as the port's local time) and rule. */
  month: ['month', 'regime', 'rule', 'currency'],
  /** Per operator: its name when given, else its country. */
  operator: ['operator', 'currency'],
  /** Per rule of the tariff (annex-i, cn-spf, …; `none` when no rule applies). */
  rule: ['regime', 'rule', 'currency'],
  /** Exempt voyages per exemption id. */
  exemption: ['regime', 'exemption'],
  /** Voyages per outcome. */
  outcome: ['regime', 'outcome'],
  /** Voyages that touch a listed party, per listed entry (`list: entry`): a voyage touching two counts under each. */
  listed: ['listed', 'regime', 'currency'],
} as const satisfies Record<string, ReadonlyArray<string>>;

export type ExposureDimension = keyof typeof EXPOSURE_DIMENSIONS;

/**
 * How sure a currency's total is under one scenario: the amount split by the
 * certainty of each voyage (confirmed, assumed, estimated, time-dependent,
 * unconfirmed; they add up to `amount`), and `low`–`high`, the sums of each
 * voyage's lowest and highest amount over its alternatives.
 */
export type CertaintyRow = { currency: string; scenario: string; amount: string; low: string; high: string } & Record<
  Certainty,
  string
>;

export interface ExposureReport {
  /** Scenario names in order; each cell of each row has one value per scenario. */
  scenarios: string[];
  vessels: { total: number; quoted: number; failed: number };
  /** Whole-fleet counts per scenario and currency. */
  totals: ExposureRow[];
  /** Per currency and scenario, the total split by certainty, with its low–high range. */
  certainty: CertaintyRow[];
  breakdowns: Record<ExposureDimension, ExposureRow[]>;
}

interface MutableCell {
  amount: Decimal;
  voyages: number;
  charged: number;
  exempt: number;
  capped: number;
}

const emptyCell = (): MutableCell => ({ amount: ZERO, voyages: 0, charged: 0, exempt: 0, capped: 0 });

interface MutableCertainty {
  low: Decimal;
  high: Decimal;
  amounts: Record<Certainty, Decimal>;
}

const emptyCertainty = (): MutableCertainty => ({
  low: ZERO,
  high: ZERO,
  amounts: Object.fromEntries(CERTAINTIES.map((rung) => [rung, ZERO])) as Record<Certainty, Decimal>,
});

class Table {
  private readonly rows = new Map<string, { keys: Record<string, string>; values: Map<string, MutableCell> }>();

  constructor(private readonly names: ReadonlyArray<string>) {}

  cell(keys: Record<string, string>, scenario: string): MutableCell {
    const id = this.names.map((name) => keys[name] ?? '').join('\u0000');
    let row = this.rows.get(id);
    if (!row) {
      row = { keys: Object.fromEntries(this.names.map((name) => [name, keys[name] ?? ''])), values: new Map() };
      this.rows.set(id, row);
    }
    let cell = row.values.get(scenario);
    if (!cell) {
      cell = emptyCell();
      row.values.set(scenario, cell);
    }
    return cell;
  }

  list(scenarios: ReadonlyArray<string>): ExposureRow[] {
    const rows = [...this.rows.values()].map((row) => ({
      keys: row.keys,
      values: Object.fromEntries(
        scenarios.map((scenario) => {
          const cell = row.values.get(scenario) ?? emptyCell();
          return [scenario, { ...cell, amount: formatAmount(cell.amount) }];
        }),
      ),
    }));
    return rows.sort((a, b) => {
      for (const name of this.names) {
        const order = (a.keys[name] ?? '').localeCompare(b.keys[name] ?? '');
        if (order !== 0) return order;
      }
      return 0;
    });
  }
}

function addTo(cell: MutableCell, amount: string, outcome: Outcome): void {
  cell.amount = addAmount(cell.amount, amount);
  cell.voyages += 1;
  if (outcome === 'charged') cell.charged += 1;
  if (outcome === 'exempt') cell.exempt += 1;
  if (outcome === 'capped') cell.capped += 1;
}

function foldInto(cell: MutableCell, other: MutableCell): void {
  cell.amount = cell.amount.plus(other.amount);
  cell.voyages += other.voyages;
  cell.charged += other.charged;
  cell.exempt += other.exempt;
  cell.capped += other.capped;
}

function mergeInto(cell: MutableCell, other: ExposureCell): void {
  cell.amount = cell.amount.plus(decimal(other.amount));
  cell.voyages += other.voyages;
  cell.charged += other.charged;
  cell.exempt += other.exempt;
  cell.capped += other.capped;
}

/** Who the report files a vessel under: its operator's name, else the operator's country. */
export function operatorOf(vessel: Pick<VesselInput, 'operator'>): string {
  return vessel.operator.name?.trim() || vessel.operator.country;
}

/**
 * Aggregates quoted vessels, scenario by scenario; `merge` adds a partial report.
 * @example const exposure = new Exposure(['resumed', 'extended']); exposure.addQuote('resumed', vessel, full, summary);
 */
export class Exposure {
  private readonly totals = new Table(['currency']);
  private readonly tables = Object.fromEntries(
    Object.entries(EXPOSURE_DIMENSIONS).map(([name, keys]) => [name, new Table(keys)]),
  ) as Record<ExposureDimension, Table>;
  /**
   * Voyages summed per scenario and combination of all their keys, folded into
   * the breakdowns when the report is made: one map update per voyage rather
   * than one per breakdown (sums of decimals do not depend on their order).
   */
  private readonly voyages = new Map<string, { scenario: string; keys: Record<string, string>; cell: MutableCell }>();
  /** Per scenario and currency (`scenario\u0000currency`): the amount by certainty, and the low–high sums. */
  private readonly certainty = new Map<string, MutableCertainty>();
  readonly vessels = { total: 0, quoted: 0, failed: 0 };

  constructor(readonly scenarios: ReadonlyArray<string>) {}

  /** Counts a vessel once (not once per scenario): quoted, or failed under any scenario. */
  countVessel(quoted: boolean): void {
    this.vessels.total += 1;
    if (quoted) this.vessels.quoted += 1;
    else this.vessels.failed += 1;
  }

  /**
   * Adds one vessel's quote under one scenario: `full` is the engine's quote
   * (for the exemption ids), `summary` its batch summary (for the cap years);
   * their voyages are in the same order.
   */
  addQuote(scenario: string, vessel: Pick<VesselInput, 'operator'>, full: Quote, summary: QuoteSummary): void {
    const operator = operatorOf(vessel);
    summary.voyages.forEach((voyage, i) => {
      const { regime, outcome } = voyage;
      const currency = voyage.fee.currency;
      const exemption = full.voyages[i]?.exemptions.find((candidate) => candidate.applies)?.id ?? '';
      const month = voyage.arrival.slice(0, 7);
      const rule = voyage.rule ?? 'none';
      const id = `${scenario}\u0000${regime}\u0000${currency}\u0000${voyage.capYear}\u0000${month}\u0000${operator}\u0000${rule}\u0000${outcome}\u0000${exemption}`;
      let entry = this.voyages.get(id);
      if (!entry) {
        const keys = { regime, currency, capYear: voyage.capYear, month, operator, rule, outcome, exemption };
        entry = { scenario, keys, cell: emptyCell() };
        this.voyages.set(id, entry);
      }
      addTo(entry.cell, voyage.fee.amount, outcome);
      // Listed parties (matches only, never `possible`), once per entry whatever the party or its status.
      const entries = new Set(
        (full.voyages[i]?.screening ?? []).filter(isMatch).map((hit) => `${hit.list}: ${hit.entry}`),
      );
      for (const listed of entries)
        addTo(this.tables.listed.cell({ listed, regime, currency }, scenario), voyage.fee.amount, outcome);
      const sure = this.certaintyOf(scenario, currency);
      sure.amounts[voyage.certainty] = addAmount(sure.amounts[voyage.certainty], voyage.fee.amount);
      sure.low = addAmount(sure.low, voyage.low);
      sure.high = addAmount(sure.high, voyage.high);
    });
  }

  private certaintyOf(scenario: string, currency: string): MutableCertainty {
    const id = `${scenario}\u0000${currency}`;
    let entry = this.certainty.get(id);
    if (!entry) {
      entry = emptyCertainty();
      this.certainty.set(id, entry);
    }
    return entry;
  }

  /** The certainty rows, by currency then scenario in the report's order. */
  private certaintyRows(): CertaintyRow[] {
    const rows = [...this.certainty.entries()].map(([id, entry]) => {
      const [scenario = '', currency = ''] = id.split('\u0000');
      const amount = CERTAINTIES.reduce((sum, rung) => sum.plus(entry.amounts[rung]), ZERO);
      return {
        currency,
        scenario,
        amount: formatAmount(amount),
        low: formatAmount(entry.low),
        high: formatAmount(entry.high),
        ...(Object.fromEntries(CERTAINTIES.map((rung) => [rung, formatAmount(entry.amounts[rung])])) as Record<
          Certainty,
          string
        >),
      };
    });
    return rows.sort(
      (a, b) =>
        a.currency.localeCompare(b.currency) || this.scenarios.indexOf(a.scenario) - this.scenarios.indexOf(b.scenario),
    );
  }

  /** Files the voyages added so far into the totals and each breakdown. */
  private fold(): void {
    for (const { scenario, keys, cell } of this.voyages.values()) {
      foldInto(this.totals.cell(keys, scenario), cell);
      for (const name of Object.keys(EXPOSURE_DIMENSIONS) as ExposureDimension[]) {
        if (name === 'exemption' && keys.outcome !== 'exempt') continue;
        if (name === 'listed') continue;
        foldInto(this.tables[name].cell(keys, scenario), cell);
      }
    }
    this.voyages.clear();
  }

  /** Adds a partial report (of other vessels) made with the same scenarios. */
  merge(other: ExposureReport): void {
    this.vessels.total += other.vessels.total;
    this.vessels.quoted += other.vessels.quoted;
    this.vessels.failed += other.vessels.failed;
    const mergeRows = (table: Table, rows: ExposureRow[]) => {
      for (const row of rows)
        for (const [scenario, cell] of Object.entries(row.values)) mergeInto(table.cell(row.keys, scenario), cell);
    };
    mergeRows(this.totals, other.totals);
    // Reports kept before certainty was reported have none to add.
    for (const row of other.certainty ?? []) {
      const entry = this.certaintyOf(row.scenario, row.currency);
      entry.low = entry.low.plus(decimal(row.low));
      entry.high = entry.high.plus(decimal(row.high));
      for (const rung of CERTAINTIES) entry.amounts[rung] = entry.amounts[rung].plus(decimal(row[rung] ?? '0'));
    }
    for (const name of Object.keys(EXPOSURE_DIMENSIONS) as ExposureDimension[])
      mergeRows(this.tables[name], other.breakdowns[name] ?? []);
  }

  report(): ExposureReport {
    this.fold();
    const breakdowns = Object.fromEntries(
      Object.keys(EXPOSURE_DIMENSIONS).map((name) => [
        name,
        this.tables[name as ExposureDimension].list(this.scenarios),
      ]),
    ) as Record<ExposureDimension, ExposureRow[]>;
    // Operators from the largest exposure down (first scenario, then name), the way a top-N reads.
    breakdowns.operator.sort((a, b) => {
      const first = this.scenarios[0] ?? '';
      const diff = decimal(b.values[first]?.amount ?? '0').comparedTo(decimal(a.values[first]?.amount ?? '0'));
      return (
        diff || a.keys.operator!.localeCompare(b.keys.operator!) || a.keys.currency!.localeCompare(b.keys.currency!)
      );
    });
    return {
      scenarios: [...this.scenarios],
      vessels: { ...this.vessels },
      totals: this.totals.list(this.scenarios),
      certainty: this.certaintyRows(),
      breakdowns,
    };
  }
}
