/**
 * The engine's one public entry: quoting, the version and assumption choices
 * it makes, cap years, and the types of its input and output. Nothing outside
 * `src/engine` imports a file inside it but this one.
 */
export { capYearOfCharge } from './cap-year';
export {
  amountRange,
  type QuoteEnvironment,
  quote,
  resolveAssumptions,
  scenarioAssumptions,
  selectVersions,
} from './quote';
export { capYearOf } from './rules/cap';
export { paramValues, resolveParam } from './rules/params';
export * from './types';
