/**
 * Reads the version names analysts type: a publication date (`2025-10-10`)
 * or a full id (`us-301/2025-10-10`), always within one regime.
 */
import type { LoadedTariff, TariffRegistry } from '../tariffs/registry';

/**
 * The version of `regime` named by `text`, or undefined.
 * @example findVersion(registry, 'us-301', '2025-10-10')?.id // 'us-301/2025-10-10'
 */
export function findVersion(registry: TariffRegistry, regime: string, text: string): LoadedTariff | undefined {
  const id = text.includes('/') ? text : `${regime}/${text}`;
  const tariff = registry.get(id);
  return tariff?.regime === regime ? tariff : undefined;
}

/** The versions of `regime` from `a` to `b` inclusive, in the direction a → b (oldest first when a is older). */
export function versionChain(registry: TariffRegistry, a: LoadedTariff, b: LoadedTariff): LoadedTariff[] {
  const all = registry.versions(a.regime);
  const i = all.findIndex((tariff) => tariff.id === a.id);
  const j = all.findIndex((tariff) => tariff.id === b.id);
  return i <= j ? all.slice(i, j + 1) : all.slice(j, i + 1).reverse();
}

/** The latest version of `regime` (by publication date). */
export function latestVersion(registry: TariffRegistry, regime: string): LoadedTariff | undefined {
  return registry.versions(regime).at(-1);
}
