import { describe, expect, it } from 'vitest';
import analystsDoc from '../../docs/analysts.md?raw';
import { CALL_COLUMNS, REQUEST_COLUMNS, VESSEL_COLUMNS } from '../../src/batch/columns';
import { BATCH_LIMITS } from '../../src/batch/limits';

/** docs/analysts.md, which documents the batch route's CSV columns and limits. */
const section = analystsDoc;
const prose = section.replace(/\s+/g, ' ');

/** The rows of the section's CSV column table: `| \`name\` | yes | meaning |`. */
function documentedColumns(): Array<{ name: string; required: boolean }> {
  return [...section.matchAll(/^\| `([A-Za-z]+)` \| (yes)? ?\| .+ \|$/gm)].map((m) => ({
    name: m[1]!,
    required: m[2] === 'yes',
  }));
}

describe('docs/analysts.md', () => {
  it('documents every CSV column the parser reads, in order, with whether it is required', () => {
    const columns = [...VESSEL_COLUMNS, ...REQUEST_COLUMNS, ...CALL_COLUMNS].map((column) => ({
      name: column.name,
      required: column.required,
    }));
    expect(documentedColumns()).toEqual(columns);
  });

  it('states the batch limits the route enforces', () => {
    // 2,000 vessels, 50,000 calls, 16 MiB = 16 × 1024 × 1024 bytes.
    expect(BATCH_LIMITS).toEqual({
      vessels: 2000,
      calls: 50000,
      bodyBytes: 16 * 1024 * 1024,
      multipartParts: 16,
      errorsPerVessel: 20,
      errorsPerBatch: 1000,
    });
    expect(prose).toContain('at most 16 parts');
    expect(prose).toContain('at most 20 errors per vessel and 1,000 per batch');
    expect(prose).toContain('at most 2,000 vessels and 50,000 port calls per batch');
    expect(prose).toContain('a body of at most 16 MiB');
  });
});
