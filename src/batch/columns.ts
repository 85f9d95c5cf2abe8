/**
 * The columns of the fleet CSV files: where each one goes in a quote
 * request, how its text is read, and what it means. The README's column
 * table mirrors this list (a test keeps them in step).
 */

export type ColumnKind = 'text' | 'number' | 'integer' | 'boolean' | 'list' | 'stakes' | 'grants' | 'holders';

export interface ColumnSpec {
  /** Header name; matching ignores case, spaces, `_` and `-` (`net_tonnage` is `netTonnage`). */
  name: string;
  /** Where the value goes: inside `vessel`, at the request's top level (given once per vessel), or inside one port call. */
  scope: 'vessel' | 'request' | 'call';
  path: string[];
  kind: ColumnKind;
  required: boolean;
  meaning: string;
}

const vessel = (name: string, path: string[], kind: ColumnKind, required: boolean, meaning: string): ColumnSpec => ({
  name,
  scope: 'vessel',
  path,
  kind,
  required,
  meaning,
});
const call = (name: string, path: string[], kind: ColumnKind, required: boolean, meaning: string): ColumnSpec => ({
  name,
  scope: 'call',
  path,
  kind,
  required,
  meaning,
});

/** Vessel columns, in the order the README lists them. `imo` is the key that joins calls to their vessel. */
export const VESSEL_COLUMNS: ReadonlyArray<ColumnSpec> = [
  vessel('imo', ['imo'], 'text', true, 'IMO number, 7 digits with a valid check digit; the key of the vessel'),
  vessel('name', ['name'], 'text', false, 'vessel name'),
  vessel(
    'type',
    ['type'],
    'text',
    true,
    'container, dry_bulk, tanker, chemical_tanker, lng_carrier, lpg_carrier, ethane_carrier, vehicle_carrier, roro, general_cargo, passenger or other',
  ),
  vessel('flag', ['flag'], 'text', true, 'flag state, ISO 3166-1 alpha-2'),
  vessel('buildCountry', ['buildCountry'], 'text', true, 'country of the building yard, ISO 3166-1 alpha-2'),
  vessel('netTonnage', ['netTonnage'], 'number', true, 'net tonnage (ITC 69), decimals allowed'),
  vessel('deadweight', ['deadweight'], 'number', false, 'deadweight tonnes (small-vessel exemption)'),
  vessel('teuCapacity', ['teuCapacity'], 'number', false, 'container capacity in TEU'),
  vessel('ceuCapacity', ['ceuCapacity'], 'number', false, 'vehicle capacity in CEU (per-CEU tariff versions)'),
  vessel('ownerName', ['owner', 'name'], 'text', false, 'registered owner'),
  vessel('ownerCountry', ['owner', 'country'], 'text', true, "owner's country, ISO 3166-1 alpha-2"),
  vessel(
    'ownerStakes',
    ['owner', 'stakes'],
    'stakes',
    false,
    'stakes in the owner: `US:30/10/0; HK:25` = country:equity/voting/board percent',
  ),
  vessel('operatorName', ['operator', 'name'], 'text', false, 'operator (CBP Form 1300 / COFR holder)'),
  vessel('operatorCountry', ['operator', 'country'], 'text', true, "operator's country, ISO 3166-1 alpha-2"),
  vessel('operatorStakes', ['operator', 'stakes'], 'stakes', false, 'stakes in the operator, as ownerStakes'),
  vessel(
    'ownerHolders',
    ['owner', 'holders'],
    'holders',
    false,
    'holders of the owner as a JSON array, as the request\'s `holders`: `[{"name":"A","country":"MH","equity":40,"holders":[{"country":"US","equity":60}]}]`',
  ),
  vessel('operatorHolders', ['operator', 'holders'], 'holders', false, 'holders of the operator, as ownerHolders'),
  vessel('managerName', ['manager', 'name'], 'text', false, 'ship manager (screened against the countermeasure lists)'),
  vessel(
    'managerCountry',
    ['manager', 'country'],
    'text',
    false,
    "manager's country, ISO 3166-1 alpha-2 (with managerName)",
  ),
  vessel(
    'chartererName',
    ['charterer', 'name'],
    'text',
    false,
    'charterer (screened against the countermeasure lists)',
  ),
  vessel(
    'chartererCountry',
    ['charterer', 'country'],
    'text',
    false,
    "charterer's country, ISO 3166-1 alpha-2 (with chartererName)",
  ),
  vessel('programs', ['programs'], 'list', false, 'US programs, separated by `;`: MSP, TSP, CSP, VISA'),
  vessel('usGovernment', ['usGovernment'], 'boolean', false, 'owned or chartered by the US government (true/false)'),
  vessel(
    'usBuiltOrderedOn',
    ['usBuiltOrder', 'orderedOn'],
    'text',
    false,
    'date a US-built vessel was ordered (remission)',
  ),
  vessel('usBuiltDeliveredOn', ['usBuiltOrder', 'deliveredOn'], 'text', false, 'its delivery date, if delivered'),
  vessel('usBuiltNetTonnage', ['usBuiltOrder', 'netTonnage'], 'number', false, 'its net tonnage'),
  vessel('usBuiltVesselType', ['usBuiltOrder', 'vesselType'], 'text', false, 'its vessel type'),
];

/** Request columns: given once per vessel like the vessel columns, placed at the top of its quote request. */
export const REQUEST_COLUMNS: ReadonlyArray<ColumnSpec> = [
  {
    name: 'grantedExemptions',
    scope: 'request',
    path: ['grantedExemptions'],
    kind: 'grants',
    required: false,
    meaning:
      'exemptions granted case by case, separated by `;`: `regime:reference` with an optional window `@from..to`, such as `cn-spf:MSA decision 2025-117@2025-10-14..2025-11-09`',
  },
];

/** Port-call columns: one row per call, in chronological order per vessel. */
export const CALL_COLUMNS: ReadonlyArray<ColumnSpec> = [
  call('port', ['port'], 'text', true, 'UN/LOCODE of the port, such as USLAX or CNSHA'),
  call('arrival', ['arrival'], 'text', true, 'ISO 8601 date-time with offset, or a date read in the port’s time zone'),
  call('cargo', ['cargo'], 'text', false, 'laden (default), ballast or empty'),
  call('purpose', ['purpose'], 'text', false, 'cargo (default), repair, bunkers or other'),
  call('containersDischarged', ['containersDischarged'], 'integer', false, 'containers discharged at this call'),
  call(
    'distanceNm',
    ['distanceNm'],
    'number',
    false,
    'sea distance in nautical miles from the farthest foreign port of the voyage',
  ),
  call(
    'usGovernmentCargo',
    ['usGovernmentCargo'],
    'boolean',
    false,
    'the call carries US government cargo (true/false)',
  ),
];

/** `Net_Tonnage`, `net tonnage` and `netTonnage` all read as `nettonnage`. */
export function normalizeHeader(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export interface CellValue {
  value?: unknown;
  error?: string;
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

const GRANT_WINDOW = /@(\d{4}-\d{2}-\d{2})?\.\.(\d{4}-\d{2}-\d{2})?$/;

/** `cn-spf:MSA decision 2025-117@2025-10-14..2025-11-09; us-301:USTR waiver` → grantedExemptions. */
function readGrants(text: string): CellValue {
  const grants: Array<Record<string, string>> = [];
  for (const part of text
    .split(';')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const colon = part.indexOf(':');
    const window = GRANT_WINDOW.exec(part);
    const reference = part.slice(colon + 1, window ? window.index : undefined).trim();
    if (colon < 1 || reference === '')
      return {
        error: `cannot read granted exemption "${part}"; write regime:reference@from..to, such as cn-spf:MSA decision 2025-117@2025-10-14..2025-11-09`,
      };
    grants.push({
      regime: part.slice(0, colon).trim(),
      reference,
      ...(window?.[1] ? { from: window[1] } : {}),
      ...(window?.[2] ? { to: window[2] } : {}),
    });
  }
  return { value: grants };
}

function readStakes(text: string): CellValue {
  const stakes: Array<Record<string, unknown>> = [];
  for (const part of text
    .split(';')
    .map((item) => item.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z]{2})\s*:\s*([^/]*)(?:\/([^/]*))?(?:\/([^/]*))?$/.exec(part);
    if (!match) return { error: `cannot read stake "${part}"; write country:equity/voting/board, such as US:30/10/0` };
    const stake: Record<string, unknown> = { country: match[1]!.toUpperCase() };
    const measures = ['equity', 'voting', 'board'] as const;
    for (const [i, measure] of measures.entries()) {
      const raw = match[i + 2]?.trim();
      if (!raw) continue;
      if (!NUMBER.test(raw)) return { error: `stake "${part}": ${measure} must be a percentage number` };
      stake[measure] = Number(raw);
    }
    stakes.push(stake);
  }
  return { value: stakes };
}

/** A JSON array of holders; its content is checked by the request schema like any other field. */
function readHolders(text: string): CellValue {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      error: `must be a JSON array of holders, such as [{"country":"US","equity":60}]: ${(error as Error).message}`,
    };
  }
  return Array.isArray(value)
    ? { value }
    : { error: 'must be a JSON array of holders, such as [{"country":"US","equity":60}]' };
}

/**
 * Reads one cell by its column's kind; an empty cell has no value.
 * @example readCell(columnNamed('netTonnage')!, '30000.4') // { value: 30000.4 }
 */
export function readCell(column: ColumnSpec, raw: string): CellValue {
  const text = raw.trim();
  if (text === '') return {};
  switch (column.kind) {
    case 'text':
      return { value: text };
    case 'number':
    case 'integer':
      if (!NUMBER.test(text))
        return {
          error: `must be a ${column.kind === 'integer' ? 'whole number' : 'number'} such as 1200 or 30000.4, not "${text}"`,
        };
      if (column.kind === 'integer' && text.includes('.')) return { error: `must be a whole number, not "${text}"` };
      return { value: Number(text) };
    case 'boolean': {
      const lower = text.toLowerCase();
      if (TRUE.has(lower)) return { value: true };
      if (FALSE.has(lower)) return { value: false };
      return { error: `must be true or false, not "${text}"` };
    }
    case 'list':
      return { value: text.split(/[;|,\s]+/).filter(Boolean) };
    case 'stakes':
      return readStakes(text);
    case 'grants':
      return readGrants(text);
    case 'holders':
      return readHolders(text);
  }
}

/** Sets `value` at `path` inside `target`, creating objects on the way. */
export function setPath(target: Record<string, unknown>, path: ReadonlyArray<string>, value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[path.at(-1)!] = value;
}

/** The column a request field path comes from (`owner.stakes[0].equity` → ownerStakes), by the longest matching prefix. */
export function columnForPath(columns: ReadonlyArray<ColumnSpec>, path: string): ColumnSpec | undefined {
  let best: ColumnSpec | undefined;
  for (const column of columns) {
    const dotted = column.path.join('.');
    const matches = path === dotted || path.startsWith(`${dotted}.`) || path.startsWith(`${dotted}[`);
    if (matches && (!best || dotted.length > best.path.join('.').length)) best = column;
  }
  // A whole object (`owner`, `usBuiltOrder`) is named by its first required column, else its first column.
  const inside = columns.filter((column) => column.path.length > 1 && column.path[0] === path);
  return best ?? inside.find((column) => column.required) ?? inside[0];
}
