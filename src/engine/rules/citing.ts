/** Pinpoint references of tariff values, as the explanation prints them. */
import type { LoadedTariff } from '../../tariffs/registry';
import type { Ref } from '../../tariffs/schema';

/**
 * `[<instrument>: <pinpoint>]` for a value's reference.
 * @example cite(tariff, { instrument: 0, pinpoint: 'Art. 3' }) // '[交办水〔2025〕59号: Art. 3]'
 */
export function cite(tariff: LoadedTariff, ref: Ref): string {
  const instrument = tariff.data.instruments[ref.instrument];
  return `[${instrument?.reference ?? instrument?.title ?? 'unknown instrument'}: ${ref.pinpoint}]`;
}
