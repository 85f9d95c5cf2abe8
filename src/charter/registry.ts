/**
 * Loads and validates the charter-party clause files. Pure: the files come
 * in as parsed JSON (see `shipped.ts` for the ones in `clauses/`).
 */
import { DataFileError } from '../lib/data-file-error';
import { CharterClause } from './schema';

function load(source: unknown, file: string): CharterClause {
  const parsed = CharterClause.safeParse(source);
  if (!parsed.success) {
    throw new DataFileError(
      'clause',
      file,
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const clause = parsed.data;
  const problems: string[] = [];
  if (!file.endsWith(`/${clause.id}.json`)) problems.push(`the file name must be ${clause.id}.json`);
  if (new Set(clause.shifts.map((shift) => shift.id)).size !== clause.shifts.length)
    problems.push('shift ids are not unique');
  if (clause.shifts.some((shift) => shift.payer === clause.allocation.payer))
    problems.push('a shift must move the fee away from the default payer');
  if (problems.length > 0) throw new DataFileError('clause', file, problems);
  return clause;
}

/**
 * The known charter-party clauses, by id.
 * @example new ClauseRegistry(files).get('bimco-ustr-2025')?.regime // 'us-301'
 */
export class ClauseRegistry {
  private readonly byId = new Map<string, CharterClause>();

  constructor(sources: ReadonlyArray<{ file: string; data: unknown }>) {
    for (const { file, data } of sources) {
      const clause = load(data, file);
      if (this.byId.has(clause.id)) throw new DataFileError('clause', file, [`duplicate clause id ${clause.id}`]);
      this.byId.set(clause.id, clause);
    }
  }

  /** Every clause, sorted by id. */
  all(): CharterClause[] {
    return [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  ids(): string[] {
    return this.all().map((clause) => clause.id);
  }

  get(id: string): CharterClause | undefined {
    return this.byId.get(id);
  }
}
