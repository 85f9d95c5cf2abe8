import { describe, expect, it } from 'vitest';
import { QuoteRequest } from '../../src/api/openapi/quote-schemas';
import { zodErrors } from '../../src/api/problem';
import { readCell, VESSEL_COLUMNS } from '../../src/batch/columns';
import { fromCsv } from '../../src/batch/fleet-csv';
import { BatchFormatError, BatchLimitError, fromJson, type ValidateRequest } from '../../src/batch/items';
import { thrown } from '../support/errors';
import { annexIVessel } from '../support/requests';

const validate: ValidateRequest = (raw) => {
  const parsed = QuoteRequest.safeParse(raw);
  return parsed.success ? { request: parsed.data } : { issues: zodErrors(parsed.error) };
};
const limits = { vessels: 10, calls: 20 };

const HEADER = 'imo,type,flag,buildCountry,netTonnage,ownerCountry,operatorCountry,port,arrival';

describe('fromCsv, one file with the vessel columns repeated', () => {
  it('groups rows by IMO; blank vessel cells inherit the vessel’s values', () => {
    const csv = [
      HEADER,
      '9310006,container,PA,KR,60000,GR,CN,CNSHA,2025-09-25',
      '9321483,container,US,US,30224,US,US,CNSHA,2025-10-14',
      '9310006,,,,,,,USLAX,2025-10-20',
    ].join('\n');
    const { items, orphans } = fromCsv({ calls: csv }, validate, limits);
    expect(orphans).toEqual([]);
    expect(items.map((item) => [item.imo, item.rows, item.calls])).toEqual([
      ['9310006', [2, 4], 2],
      ['9321483', [3], 1],
    ]);
    expect(items[0]!.request?.vessel).toMatchObject({
      imo: '9310006',
      netTonnage: 60000,
      owner: { country: 'GR' },
      operator: { country: 'CN' },
    });
    expect(items[0]!.request?.portCalls.map((call) => call.port)).toEqual(['CNSHA', 'USLAX']);
  });

  it('reads granted exemptions once per vessel and places them at the top of its request', () => {
    const csv = [
      `${HEADER},grantedExemptions`,
      '9321483,container,US,US,30224,US,US,CNSHA,2025-10-20,cn-spf:MSA decision 2025-117@2025-10-14..2025-11-09; us-301:USTR waiver',
      '9321483,,,,,,,USLAX,2025-11-20,',
    ].join('\n');
    const [item] = fromCsv({ calls: csv }, validate, limits).items;
    expect(item!.errors).toEqual([]);
    expect(item!.request?.grantedExemptions).toEqual([
      { regime: 'cn-spf', reference: 'MSA decision 2025-117', from: '2025-10-14', to: '2025-11-09' },
      { regime: 'us-301', reference: 'USTR waiver' },
    ]);
    expect(item!.request?.vessel).not.toHaveProperty('grantedExemptions');
  });

  it('places an unreadable granted exemption on its row and column', () => {
    const csv = [`${HEADER},grantedExemptions`, '9321483,container,US,US,30224,US,US,CNSHA,2025-10-20,MSA 117'].join(
      '\n',
    );
    const [item] = fromCsv({ calls: csv }, validate, limits).items;
    expect(item!.errors).toEqual([
      {
        path: 'grantedExemptions',
        row: 2,
        column: 'grantedExemptions',
        message: expect.stringContaining('cannot read granted exemption "MSA 117"'),
      },
    ]);
  });

  it('reports a vessel value that differs between rows, at the later row and its column', () => {
    const csv = [
      HEADER,
      '9310006,container,PA,KR,60000,GR,CN,CNSHA,2025-09-25',
      '9310006,container,PA,KR,61000,GR,CN,USLAX,2025-10-20',
    ].join('\n');
    const [item] = fromCsv({ calls: csv }, validate, limits).items;
    expect(item!.request).toBeUndefined();
    expect(item!.errors).toEqual([
      {
        path: 'vessel.netTonnage',
        row: 3,
        column: 'netTonnage',
        message: 'netTonnage "61000" differs from "60000" on row 2 for the same vessel',
      },
    ]);
  });

  it('places validation errors on the row and column they come from, header names as written', () => {
    const csv = [
      'IMO,Type,Flag,Build_Country,Net Tonnage,owner_country,operator-country,Port,Arrival',
      '9310006,container,PA,KR,60000,GR,CN,CNSHA,2025-09-25',
      '9310006,,,,,,,USLAX,2025-10-2x',
      '9310007,container,PA,KR,0,GR,CN,USLAX,2025-10-20',
    ].join('\r\n');
    const { items } = fromCsv({ calls: csv }, validate, limits);
    expect(items[0]!.errors).toEqual([
      expect.objectContaining({ path: 'portCalls[1].arrival', row: 3, column: 'Arrival' }),
    ]);
    // 9310007 fails the IMO check digit (9+18+5+0+0+0 = 32 → 2, not 7) and has a zero net tonnage.
    expect(items[1]!.errors.map((e) => [e.path, e.row, e.column])).toEqual([
      ['vessel.imo', 4, 'IMO'],
      ['vessel.netTonnage', 4, 'Net Tonnage'],
    ]);
  });

  it('reads stakes, lists and booleans', () => {
    const csv = [
      `${HEADER},ownerStakes,programs,usGovernment`,
      '9310006,container,PA,KR,60000,GR,CN,CNSHA,2025-09-25,US:30/10/0; HK:25,MSP;TSP,no',
    ].join('\n');
    const [item] = fromCsv({ calls: csv }, validate, limits).items;
    expect(item!.request?.vessel.owner.stakes).toEqual([
      { country: 'US', equity: 30, voting: 10, board: 0 },
      { country: 'HK', equity: 25 },
    ]);
    expect(item!.request?.vessel.programs).toEqual(['MSP', 'TSP']);
    expect(item!.request?.vessel.usGovernment).toBe(false);
    expect(readCell(VESSEL_COLUMNS.find((c) => c.name === 'ownerStakes')!, 'US=30').error).toMatch(/country:equity/);
  });

  it('reads holders as a JSON column, names a bad cell and a bad holder by column', () => {
    const holders =
      '[{""name"":""Majuro Holdings"",""country"":""MH"",""equity"":40,""holders"":[{""country"":""US"",""equity"":60}]}]';
    const csv = [
      `${HEADER},ownerHolders,managerName,managerCountry`,
      `9310006,container,PA,KR,60000,GR,CN,CNSHA,2025-09-25,"${holders}",Hanwha Shipping LLC,US`,
      '9310018,container,PA,KR,60000,GR,CN,CNSHA,2025-09-25,"{""country"":""US""}",,',
      '9310020,container,PA,KR,60000,GR,CN,CNSHA,2025-09-25,"[{""country"":""US"",""equity"":140}]",,',
    ].join('\n');
    const [first, second, third] = fromCsv({ calls: csv }, validate, limits).items;
    expect(first!.request?.vessel.owner.holders).toEqual([
      { name: 'Majuro Holdings', country: 'MH', equity: 40, holders: [{ country: 'US', equity: 60 }] },
    ]);
    expect(first!.request?.vessel.manager).toEqual({ name: 'Hanwha Shipping LLC', country: 'US' });
    expect(second!.errors.map((e) => [e.path, e.column])).toEqual([['vessel.owner.holders', 'ownerHolders']]);
    expect(second!.errors[0]!.message).toContain('must be a JSON array of holders');
    // 140% is out of range for the holder, and more than 100% for the owner's holders together.
    expect(third!.errors.map((e) => [e.path, e.column])).toEqual([
      ['vessel.owner.holders[0].equity', 'ownerHolders'],
      ['vessel.owner.holders', 'ownerHolders'],
    ]);
  });

  it('refuses a header with unknown or missing columns, and a file with too many rows', () => {
    expect(() => fromCsv({ calls: 'imo,port,arrival,colour\n' }, validate, limits)).toThrow(BatchFormatError);
    {
      const error = thrown(() => fromCsv({ calls: 'imo,port,arival\n9310006,USLAX,2025-10-20\n' }, validate, limits));
      expect(error).toBeInstanceOf(BatchFormatError);
      const messages = (error as BatchFormatError).errors.map((e) => `${e.column}: ${e.message}`);
      expect(messages).toContain(
        'arival: unknown column "arival"; the calls columns are: imo, name, type, flag, buildCountry, netTonnage, deadweight, teuCapacity, ceuCapacity, ownerName, ownerCountry, ownerStakes, operatorName, operatorCountry, operatorStakes, ownerHolders, operatorHolders, managerName, managerCountry, chartererName, chartererCountry, programs, usGovernment, usBuiltOrderedOn, usBuiltDeliveredOn, usBuiltNetTonnage, usBuiltVesselType, grantedExemptions, port, arrival, cargo, purpose, containersDischarged, distanceNm, usGovernmentCargo',
      );
      expect(messages).toContain('arrival: missing required column arrival');
    }
    const rows = Array.from(
      { length: 21 },
      (_, i) => `9310006,container,PA,KR,60000,GR,CN,USLAX,2025-10-${String(i + 1).padStart(2, '0')}`,
    );
    expect(() => fromCsv({ calls: [HEADER, ...rows].join('\n') }, validate, limits)).toThrow(BatchLimitError);
  });

  it('reports rows without an IMO apart, as belonging to no vessel', () => {
    const csv = [
      HEADER,
      '9310006,container,PA,KR,60000,GR,CN,CNSHA,2025-09-25',
      ',container,PA,KR,60000,GR,CN,USLAX,2025-10-20',
    ].join('\n');
    const { items, orphans } = fromCsv({ calls: csv }, validate, limits);
    expect(items).toHaveLength(1);
    expect(orphans).toEqual([
      { path: 'vessel.imo', row: 3, column: 'imo', message: 'every row needs the IMO number of its vessel' },
    ]);
  });
});

describe('fromCsv, calls and vessels in two files', () => {
  const vessels = [
    'imo,type,flag,buildCountry,netTonnage,ownerCountry,operatorCountry',
    '9310006,container,PA,KR,60000,GR,CN',
    '9321483,container,US,US,30224,US,US',
    '9074729,dry_bulk,PA,CN,50000,GR,DK',
  ].join('\n');

  it('joins calls to vessels by IMO and names the file of each error', () => {
    const calls = [
      'imo,port,arrival',
      '9310006,CNSHA,2025-09-25',
      '9321483,CNSHA,2025-10-14',
      '9310006,USLAX,2025-10-20',
      '9999999,USLAX,2025-10-20',
    ].join('\n');
    const { items } = fromCsv({ calls, vessels }, validate, limits);
    expect(items.map((item) => [item.imo, item.calls, item.request ? 'ok' : 'failed'])).toEqual([
      ['9310006', 2, 'ok'],
      ['9321483', 1, 'ok'],
      ['9074729', 0, 'failed'],
      ['9999999', 1, 'failed'],
    ]);
    expect(items[2]!.errors).toEqual([
      { path: 'portCalls', row: 4, column: null, file: 'vessels', message: 'no port calls for vessel 9074729' },
    ]);
    expect(items[3]!.errors[0]).toMatchObject({
      row: 5,
      column: 'imo',
      file: 'calls',
      message: 'no row for vessel 9999999 in the vessels file',
    });
  });

  it('refuses vessel columns in the calls file', () => {
    expect(() => fromCsv({ calls: 'imo,port,arrival,netTonnage\n', vessels }, validate, limits)).toThrow(
      /unknown column "netTonnage"/,
    );
  });
});

describe('fromJson', () => {
  const request = (imo: string) => ({
    vessel: annexIVessel({ imo }),
    portCalls: [{ port: 'USLAX', arrival: '2025-10-20' }],
  });

  it('takes an array or { requests }, validates each request on its own and refuses a second request for one vessel', () => {
    const items = fromJson({ requests: [request('9310006'), { vessel: {} }, request('9310006')] }, validate, limits, {
      asOf: '2025-10-20',
    });
    expect(items[0]!.request?.options).toEqual({ asOf: '2025-10-20' });
    expect(items[1]!.errors.map((e) => [e.index, e.path])).toContainEqual([1, 'vessel.imo']);
    expect(items[1]!.errors.map((e) => e.path)).toContain('portCalls');
    expect(items[2]!.errors[0]!.message).toMatch(/already quoted by request 0/);
    expect(() => fromJson({ vessels: [] }, validate, limits)).toThrow(BatchFormatError);
    expect(() =>
      fromJson(
        Array.from({ length: 11 }, (_, i) => request(String(i))),
        validate,
        limits,
      ),
    ).toThrow(/at most 10/);
  });
});
