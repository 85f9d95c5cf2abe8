/**
 * The closed lists of the quote request, with labels. They mirror the API's
 * schema (tests/widget checks they match) without importing it: the schema
 * module would pull zod into the browser bundle.
 */
export const VESSEL_TYPES: ReadonlyArray<readonly [string, string]> = [
  ['container', 'Container ship'],
  ['dry_bulk', 'Dry bulk carrier'],
  ['tanker', 'Tanker'],
  ['chemical_tanker', 'Chemical tanker'],
  ['lng_carrier', 'LNG carrier'],
  ['lpg_carrier', 'LPG carrier'],
  ['ethane_carrier', 'Ethane carrier'],
  ['vehicle_carrier', 'Vehicle carrier (PCTC)'],
  ['roro', 'RoRo'],
  ['general_cargo', 'General cargo'],
  ['passenger', 'Passenger'],
  ['other', 'Other'],
];

export const PROGRAMS: ReadonlyArray<readonly [string, string]> = [
  ['MSP', 'Maritime Security Program'],
  ['TSP', 'Tanker Security Program'],
  ['CSP', 'Cable Security Fleet'],
  ['VISA', 'VISA'],
];

export const CARGO_STATES: ReadonlyArray<readonly [string, string]> = [
  ['laden', 'Laden'],
  ['ballast', 'In ballast'],
  ['empty', 'Empty'],
];

export const CALL_PURPOSES: ReadonlyArray<readonly [string, string]> = [
  ['cargo', 'Cargo'],
  ['repair', 'Repair only'],
  ['bunkers', 'Bunkers'],
  ['other', 'Other'],
];

/** Currencies the totals can be converted between. */
export const CURRENCIES = ['USD', 'CNY'] as const;
