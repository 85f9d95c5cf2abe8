/**
 * Dated versions of data files, grouped by what they version (a regime's
 * tariff, a countermeasure list) and kept oldest first: the one place that
 * picks the version known at a date. The tariff and list registries are shelves.
 * @example tariffRegistry.pick('us-301', '2025-10-20')?.id // 'us-301/2025-10-10'
 */
export class VersionShelf<V extends { id: string; published: string }> {
  private readonly byId = new Map<string, V>();
  private readonly byGroup = new Map<string, V[]>();

  constructor(private readonly groupOf: (version: V) => string) {}

  /** Shelves a version in its place (by publication date, then id); false when its id is already shelved. */
  protected add(version: V): boolean {
    if (this.byId.has(version.id)) return false;
    this.byId.set(version.id, version);
    const group = this.byGroup.get(this.groupOf(version)) ?? [];
    const later = group.findIndex((other) =>
      other.published === version.published ? other.id > version.id : other.published > version.published,
    );
    group.splice(later < 0 ? group.length : later, 0, version);
    this.byGroup.set(this.groupOf(version), group);
    return true;
  }

  /** The groups, sorted. */
  protected groups(): string[] {
    return [...this.byGroup.keys()].sort();
  }

  /** Versions of one group (or of all), oldest first. */
  versions(group?: string): V[] {
    if (group !== undefined) return [...(this.byGroup.get(group) ?? [])];
    return this.groups().flatMap((id) => this.byGroup.get(id) ?? []);
  }

  get(id: string): V | undefined {
    return this.byId.get(id);
  }

  /** The latest version of `group` published on or before the knowledge date `asOf`. */
  pick(group: string, asOf: string): V | undefined {
    let chosen: V | undefined;
    for (const version of this.byGroup.get(group) ?? []) if (version.published <= asOf) chosen = version;
    return chosen;
  }
}
