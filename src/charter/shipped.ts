/**
 * The clauses shipped in `clauses/`, validated once per isolate on first use.
 */
import { shippedClauseFiles } from './clauses.generated';
import { ClauseRegistry } from './registry';

let registry: ClauseRegistry | undefined;

export function shippedClauses(): ClauseRegistry {
  registry ??= new ClauseRegistry(shippedClauseFiles);
  return registry;
}
