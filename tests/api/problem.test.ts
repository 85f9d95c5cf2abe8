/** The one place errors become problem documents. */
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it, vi } from 'vitest';
import { formatPath, toProblem } from '../../src/api/problem';
import { QuoteInputError } from '../../src/engine/types';

describe('toProblem', () => {
  it('an unexpected fault is a logged 500 whose body carries no stack or message', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const problem = toProblem(new TypeError('secret internals at line 42'));
    expect(problem.status).toBe(500);
    expect(problem.message).not.toContain('secret');
    expect(problem.message).not.toContain('42');
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });

  it('engine input errors are 400 with their paths; HTTP errors keep their status', () => {
    expect(toProblem(new QuoteInputError([{ path: 'portCalls[1].arrival', message: 'out of order' }]))).toMatchObject({
      status: 400,
      errors: [{ path: 'portCalls[1].arrival' }],
    });
    expect(toProblem(new HTTPException(413, { message: 'too big' })).status).toBe(413);
  });

  it('paths are written the way clients name fields', () => {
    expect(formatPath(['portCalls', 2, 'arrival'])).toBe('portCalls[2].arrival');
    expect(formatPath(['vessel', 'owner', 'stakes', 0, 'equity'])).toBe('vessel.owner.stakes[0].equity');
  });
});
