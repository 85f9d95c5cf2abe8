import { describe, expect, it } from 'vitest';
import { call } from '../support/worker';

describe('GET /v1/ports', () => {
  it('finds a port by name, with its code, country and zone', async () => {
    const res = await call('/v1/ports?q=los%20angeles');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      ports: [{ code: 'USLAX', name: 'Los Angeles', country: 'US', zone: 'America/Los_Angeles' }],
    });
  });

  it('puts UN/LOCODE prefix matches first', async () => {
    const { ports } = (await (await call('/v1/ports?q=cnsh')).json()) as { ports: Array<{ code: string }> };
    expect(ports.length).toBeGreaterThan(0);
    expect(ports.every((port) => port.code.startsWith('CNSH'))).toBe(true);
    expect(ports.map((port) => port.code)).toContain('CNSHA');
  });

  it('honours limit', async () => {
    const { ports } = (await (await call('/v1/ports?q=us&limit=3')).json()) as { ports: unknown[] };
    expect(ports).toHaveLength(3);
  });

  it.each([
    ['/v1/ports', 'q'],
    ['/v1/ports?q=', 'q'],
    [`/v1/ports?q=${'a'.repeat(41)}`, 'q'],
    ['/v1/ports?q=los&limit=0', 'limit'],
    ['/v1/ports?q=los&limit=51', 'limit'],
    ['/v1/ports?q=los&limit=2.5', 'limit'],
    ['/v1/ports?q=los&limit=many', 'limit'],
  ])('%s is a 400 problem naming %s', async (path, field) => {
    const res = await call(path);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem = (await res.json()) as { errors: Array<{ path: string }> };
    expect(problem.errors.map((error) => error.path)).toEqual([field]);
  });
});
