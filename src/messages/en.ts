/**
 * The English catalogue: every message the engine emits, by id. `{name}`
 * names a param; zh-CN.ts has the same ids with the same names (a test holds
 * them together). Sections follow the order of the engine's steps; add a new
 * family of lines as a section of its own in both files.
 */
export const en = {
  // Words from a data file, shown as they are (or as their shipped translation).
  'data.text': '{text}',
  'data.cited': '{text} {cite}',

  // The voyage and the version.
  'voyage.charging-point': '{calls}: charging point is the first port, {port}{portName}, arriving {arrival}{dateOnly}.',
  'voyage.port-name': ' ({name})',
  'voyage.date-only': ' (date only: 00:00 local time)',
  'voyage.tariff': 'Tariff {tariff} ({choice}).',
  'voyage.charged': 'Charged {amount} at {port}.',
  'voyage.only-under-reading':
    '{calls}: not a {regime} voyage under {assumption} = {current}; it is one under {assumption} = {value} (see alternatives).',
  'voyage.reading-used': 'the reading used',
  'version.pinned': 'pinned by options.tariffVersions',
  'version.latest': 'the latest version published on or before asOf {asOf}',
  'version.none': 'No {regime} tariff version was published on or before asOf {asOf}; that regime is not quoted.',

  // Coverage.
  'coverage.none': 'Not covered: no coverage test of this regime holds for the vessel.',
  'coverage.none-because': 'Not covered: {reason} {cite}.',
  'coverage.covered': 'Covered by {rule}: {reason} ({because}) {cite}.',
  'coverage.vessel-type': 'vessel type {type}',
  'coverage.built-in': 'built in {country}',
  'coverage.not-built-in': 'built in {country}, not in {countries}',
  'coverage.flag': 'flag {country}',
  'coverage.party': '{party}: {why}',
  'coverage.parties-not-of': '{parties} not of {countries}',
  'party.country-is': 'its country is {country}',
  'party.persons-hold': 'persons of {countries} hold {share}% of its {measure} (threshold {threshold}%)',
  'party.persons-hold-less': 'its country is {country} and persons of {countries} hold less than {threshold}% of it',
  // Ownership look-through lines go here (the holders of a party).

  // Trigger and status.
  'trigger.fallback':
    '{regime} charges on {event} ({note}); no berthing time was given for {port}, so the arrival stands in for it: give portCalls[].berthing.',
  'trigger.berthed': 'Charged on berthing ({note}): berthed {at}{dateOnly}.',
  'trigger.date-only': ' (date only)',
  'status.line': 'Status at arrival: {status}{unconfirmed}. {note}{scenario}',
  'status.unconfirmed': ' (unconfirmed)',
  'status.not-in-force-note': 'The regime is not in force at this arrival.',
  'status.assumed': ' Assumed {assumption} = {value}.',
  'status.suspended-zero': 'Suspended: no liability accrues, fee 0.',
  'status.not-in-force-zero': 'Not in force at this arrival: fee 0.',

  // Rates.
  'rate.step': 'Rate from {from}: {rates}{higher} {cite}.',
  'rate.per-unit': '{rate} {currency}/{unit}',
  'rate.higher-charged': ' (the higher amount is charged)',
  'rate.line': '{quantity} {unit} × {rate} = {amount}.',
  'rate.none': 'No rate step is in force at this arrival: fee 0.',
  'tonnage.rounded-up': 'Net tonnage {given} rounded up to {charged}: {note}',
  'unit.net-ton': 'net-ton',
  'unit.container': 'container',
  'unit.ceu': 'ceu',

  // Exemptions.
  'exemption.applies': 'Exempt: {exemptions}.',
  'exemption.item': '{id} ({reason}){cite}',
  'exemption.none': 'No exemption applies.',
  'exemption.arrives': 'arrives {cargo} at {port}, the first port of the rotation',
  'exemption.no-size-threshold': 'no size threshold is set for {type} vessels',
  'exemption.size-not-given': 'not evaluated: vessel.{field} is not given (limit for {label}: {limit} {unit})',
  'exemption.size-not-given-note': 'The small-vessel exemption was not evaluated: give vessel.{field}.',
  'exemption.size-within': '{value} {unit} ≤ {limit} {unit}, the limit for {label}',
  'exemption.size-over': '{value} {unit} > {limit} {unit}, the limit for {label}',
  'exemption.distance-given-less':
    'sea distance given: {given} nm from the farthest foreign port to {port} (less than {limit} nm)',
  'exemption.distance-given-not-less':
    'sea distance given: {given} nm from the farthest foreign port to {port} (not less than {limit} nm)',
  'exemption.no-foreign-call': 'not evaluated: no foreign call before {port} and no distanceNm given',
  'exemption.no-foreign-call-note':
    'The short-sea exemption at {port} was not evaluated: no foreign call before the rotation and no distanceNm.',
  'exemption.no-coordinates': 'not evaluated: no coordinates for {ports}; give distanceNm',
  'exemption.no-coordinates-note':
    'The short-sea exemption at {port} was not evaluated: unknown port coordinates; give distanceNm.',
  'exemption.by-sea-route': 'by {method}',
  'exemption.by-great-circle': 'by great circle (not on the sea-route network: the line may cross land)',
  'exemption.farthest-foreign-port': 'farthest foreign port',
  'exemption.last-foreign-port': 'last foreign port',
  'exemption.distance-estimate': '{which} {from} is about {distance} nm {method} from {port} (estimated)',
  'exemption.distance-estimate-note':
    'Distance from {from} to {port} estimated {method}; give distanceNm to replace the estimate.',
  'exemption.within-margin': ', within {margin}% of the limit',
  'exemption.less-than': 'less than {limit} nm',
  'exemption.not-less-than': 'not less than {limit} nm',
  'exemption.distance-reason': '{estimate}{within}: {side}',
  'exemption.distance-other-side': '{estimate}{within}: read on the other side of the limit, {side}',
  'exemption.party-country': "the {party}'s country is {country}",
  'exemption.party-persons-hold': "persons of {countries} hold {share}% of the {party}'s {measure} (≥ {threshold}%)",
  'exemption.party-persons-hold-less':
    "the {party}'s country is {country} and persons of {countries} hold {share}% (< {threshold}%)",
  'exemption.enrolled': 'enrolled in {programs}',
  'exemption.not-enrolled': 'not enrolled in {programs}',
  'exemption.government-cargo': 'US government cargo at {ports}',
  'exemption.no-government-cargo': 'no call of the rotation is marked usGovernmentCargo',
  'exemption.call-purpose': 'arrives {cargo} at {port}; call purposes: {purposes} (needs {cargoes} and only {allowed})',
  'exemption.vessel-type': 'vessel type {type}',
  'exemption.vessel-type-not': 'vessel type {type}, not {types}',
  'exemption.government-vessel': 'owned or chartered by the US government',
  'exemption.not-government-vessel': 'not marked usGovernment',
  'exemption.built-in': 'built in {country}',
  'exemption.granted': 'granted by {reference}{note}, covering {window}; asserted by the caller, not verified',
  'exemption.granted-outside': 'granted by {reference}{note} for {window}; arrival {date} is outside it',
  'exemption.granted-note': ' ({note})',
  'exemption.window': '{from} to {to}',
  'exemption.any-date': 'any date',
  'exemption.every-arrival': 'every arrival',

  // Remission.
  'remission.applies': 'Remitted: {reason} {cite}.',
  'remission.none': 'No remission: {reason}.',
  'remission.no-order': 'no US-built vessel order given',
  'remission.outside': 'arrival {date} is outside {from} – {until} ({years} years from the order)',
  'remission.late-delivery': 'delivery on {date} is not within {years} years of the order',
  'remission.order-type': 'the ordered vessel must be a {types} (give usBuiltOrder.vesselType)',
  'remission.no-tonnage': 'usBuiltOrder.netTonnage is not given',
  'remission.smaller': "ordered vessel of {ordered} NT is smaller than this vessel's {tonnage} NT",
  'remission.granted': 'US-built vessel of {ordered} NT ordered {orderedOn} ({delivery}); remitted until {until}',
  'remission.delivered': 'delivered {date}',
  'remission.pending': 'delivery pending',

  // The cap.
  'cap.own-payment': "Already paid: {which} ({date}, {port}) is this voyage's own payment, not an earlier charge.",
  'cap.ledger-charge': 'ledger charge {id}',
  'cap.prior-charge': 'the prior charge',
  'cap.reached': 'Capped: {count} charges already count in cap year {year} (limit {limit}) {cite}; fee 0.',
  'cap.counted': 'Cap year {year}: charge {count} of at most {limit} {cite}.',
  'cap.repeated-payment':
    'The {regime} payment of {date}{port} is listed {times} times (same regime, date and port); it is counted once.',
  'cap.ledger-duplicate': '{index} is ledger charge {id} (same regime, date and port); it is counted once.',
  'cap.repeated-at': ' at {port}',
  'cap.repeated-no-port': ' (no port)',

  // Other readings.
  'reading.other': 'Under {assumption} = {value} this voyage would be {amount}{outcome}: {rung}.',
  'reading.outcome': ' ({outcome})',
  'reading.no-voyage': ' (no such voyage under that reading)',
  'reading.arrival-time':
    'The {event} is a date without a time, and the amount changes inside that day (at {when}): read at 00:00 it is {amount}, at the end of the day {other}. Give the time (ISO 8601 with offset) to settle it.',
  'reading.distance':
    'The sea distance is an estimate close to the limit: read on the other side of it, the voyage is {outcome} at {amount}. Give portCalls[].distanceNm to settle it.',

  // Scenarios.
  'scenario.mixed':
    'Mixed scenario: options.assumptions override scenario {scenario} with {changes}{kept}. The regimes are quoted under different worlds.',
  'scenario.override': '{assumption} = {value} (the scenario sets {scenarioValue})',
  'scenario.kept': '; the scenario still sets {settings}',
  'scenario.setting': '{assumption} = {value}',

  // Who pays under a charter party.
  'payer.decided': 'Payer{under}: {payer}, because {reason}.',
  'payer.none': 'Payer{under}: none; {reason}.',
  'payer.under': ' under the {clause}',
  'payer.no-clause': 'no charter-party clause given for {regime} fees',
  'payer.nothing-charged': 'nothing to allocate: no fee is charged ({outcome})',

  // Pages: the error page, for a browser that asked for a page.
  'page.back': 'Back to the calculator',
  'page.error.not-found': 'Nothing at this address',
  'page.error.bad-request': 'This address cannot be shown as it is',
  'page.error.failed': 'This page could not be shown',
  'page.error.not-found-hint': 'The address {path} names no page. Check it, or start again from the calculator.',
  'page.error.bad-request-hint':
    'Part of the address is not understood; the details below name each part and what it takes.',
  'page.error.failed-hint':
    'The request failed ({status}); the details below say why. Try again, or start again from the calculator.',
  'page.error.embed-hint':
    'This page is the quote widget, made to be framed inside another site. Give the origin of the page that frames it, as in {example}; that origin must be listed in ALLOWED_ORIGINS or bound to a publishable key. To quote fees yourself, use the calculator.',
  'page.error.job-hint':
    'A fleet job’s page opens only with the link the API gave for it (links.page, which carries its token), and that link expires. Ask {request} with the account’s secret key for a fresh link.',
  'page.error.details': 'Details, as the API states them',
  'page.error.request-id': 'Request id {id}',

  // Words for codes: outcomes, certainty, regimes, payers, cargo.
  'code.charged': 'charged',
  'code.exempt': 'exempt',
  'code.not-covered': 'not covered',
  'code.not-in-force': 'not in force',
  'code.suspended': 'suspended',
  'code.capped': 'capped',
  'code.remitted': 'remitted',
  'code.in-force': 'in force',
  'code.confirmed': 'confirmed',
  'code.assumed': 'assumed',
  'code.estimated': 'estimated',
  'code.time-dependent': 'time-dependent',
  'code.unconfirmed': 'unconfirmed',
  'code.us-301': 'US Section 301 port fees',
  'code.cn-spf': 'China special port fees',
  'code.charterers': 'charterers',
  'code.owners': 'owners',
  'code.owner': 'owner',
  'code.operator': 'operator',
  'code.laden': 'laden',
  'code.ballast': 'ballast',
  'code.empty': 'empty',
  'code.arrival': 'arrival',
  'code.berthing': 'berthing',
  'code.equity': 'equity',
  'code.voting': 'voting rights',
  'code.board': 'board seats',
  'code.cargo': 'cargo',
  'code.repair': 'repair',
  'code.bunkers': 'bunkers',
  'code.other': 'other',
  'code.container': 'container',
  'code.dry_bulk': 'dry bulk',
  'code.tanker': 'tanker',
  'code.chemical_tanker': 'chemical tanker',
  'code.lng_carrier': 'LNG carrier',
  'code.lpg_carrier': 'LPG carrier',
  'code.ethane_carrier': 'ethane carrier',
  'code.vehicle_carrier': 'vehicle carrier',
  'code.roro': 'RoRo',
  'code.general_cargo': 'general cargo',
  'code.passenger': 'passenger',
  'code.not-charged': 'not charged',
} as const;
