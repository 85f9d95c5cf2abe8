/** Fleet CSV errors name the cell a person must fix, once. */
import { describe, expect, it } from 'vitest';
import { call } from '../support/worker';

type Errors = Array<{ path: string; message: string; row?: number; column?: string | null }>;
interface Body {
  errors: Errors;
  results: Array<{ problem?: { errors: Errors } }>;
}

const post = (body: BodyInit, contentType: string) =>
  call('/v1/quotes/batch?asOf=2025-10-20', { method: 'POST', body, headers: { 'content-type': contentType } });

describe('fleet CSV errors', () => {
  it('a blank owner or operator country names the ownerCountry / operatorCountry column, the one that is required', async () => {
    const csv =
      'imo,name,type,flag,buildCountry,netTonnage,ownerName,ownerCountry,operatorName,operatorCountry,port,arrival\n9310006,ALPHA,container,PA,KR,60000,,,,,USLAX,2025-10-20\n';
    const res = await post(csv, 'text/csv');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Body;
    expect(body.results[0]!.problem!.errors.map((e) => [e.path, e.column])).toEqual([
      ['vessel.owner', 'ownerCountry'],
      ['vessel.operator', 'operatorCountry'],
    ]);
  });

  it('a syntax error says its row once', async () => {
    const res = await post('imo,port,arrival\n"9310006,USLAX,2025-10-20\n', 'text/csv');
    expect(res.status).toBe(400);
    const body = (await res.json()) as Body;
    expect(body.errors[0]!.message).toBe('row 2: a quoted field is never closed');
  });

  it('a calls part sent twice is refused for that, not also as missing', async () => {
    const part =
      'imo,name,type,flag,buildCountry,netTonnage,ownerCountry,operatorCountry,port,arrival\n9310006,A,container,PA,KR,60000,GR,CN,USLAX,2025-10-20\n';
    const form = new FormData();
    form.append('calls', new File([part], 'a.csv', { type: 'text/csv' }));
    form.append('calls', new File([part], 'b.csv', { type: 'text/csv' }));
    const res = await call('/v1/quotes/batch?asOf=2025-10-20', { method: 'POST', body: form });
    expect(res.status).toBe(400);
    const body = (await res.json()) as Body;
    expect(body.errors).toEqual([{ path: 'calls', message: 'the part appears more than once' }]);
  });
});
