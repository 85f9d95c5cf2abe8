/** A data file (a tariff version, a countermeasure list version, a scenario, a charter clause) that cannot be loaded, with every problem found. */
export class DataFileError extends Error {
  constructor(
    readonly kind: 'tariff' | 'list' | 'scenario' | 'clause',
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${kind} file ${file} is invalid: ${problems.join('; ')}`);
    this.name = 'DataFileError';
  }
}
