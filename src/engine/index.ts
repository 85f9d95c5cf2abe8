/**
 * The engine's one public entry: quoting, the version and assumption choices
 * it makes, cap years, and the types of its input and output. Nothing outside
 * `src/engine` imports a file inside it but this one.
 */
export { capYearOfCharge, capYearOfVoyage } from './cap-year';
export {
  amountRange,
  type QuoteEnvironment,
  quote,
  resolveAssumptions,
  scenarioAssumptions,
  selectVersions,
} from './quote';
export { paramValues } from './rules/params';
export { quoteTitles, type TitleSource } from './titles';
export * from './types';
