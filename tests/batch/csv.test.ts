import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, CsvTooLargeError, csvLine, parseCsv } from '../../src/batch/csv';
import { thrown } from '../support/errors';

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF and embedded newlines, keeping each record’s first line', () => {
    const text = '\uFEFFa,b,c\r\n1,"x, y","say ""hi"""\r\n\r\n2,"two\nlines",\n3,,z';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'x, y', 'say "hi"'] },
      // Line 3 is blank; the record on line 4 spans lines 4–5.
      { line: 4, fields: ['2', 'two\nlines', ''] },
      { line: 6, fields: ['3', '', 'z'] },
    ]);
  });

  it('numbers the records after the header from the line a later range of the file starts on', () => {
    // The header of a file, then its range from line 41: records and errors keep the file's lines.
    expect(parseCsv('\n\na,b\r\n1,"x\ny"\n\n2,z\n', {}, 37)).toEqual([
      { line: 3, fields: ['a', 'b'] },
      { line: 41, fields: ['1', 'x\ny'] },
      { line: 44, fields: ['2', 'z'] },
    ]);
    expect((thrown(() => parseCsv('a,b\n1,2\n3,x"y\n', {}, 10)) as CsvSyntaxError).line).toBe(13);
  });

  it('names the line of a malformed record', () => {
    expect(() => parseCsv('a,b\n1,"open\n')).toThrow(CsvSyntaxError);
    const error = thrown(() => parseCsv('a,b\n1,2\n3,x"y\n'));
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).line).toBe(3);
    expect(() => parseCsv('a\n"q"x\n')).toThrow(/after a closing quote/);
  });

  it('stops at the record limit and at over-long fields', () => {
    expect(() => parseCsv('h\n1\n2\n3\n', { maxRecords: 3 })).toThrow(CsvTooLargeError);
    expect(parseCsv('h\n1\n2\n', { maxRecords: 3 })).toHaveLength(3);
    expect(() => parseCsv(`h\n${'x'.repeat(20)}\n`, { maxFieldLength: 10 })).toThrow(/longer than 10/);
  });
});

describe('csvLine', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas, but not negative amounts', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', null, 3])).toBe('a,"b,c","say ""hi""",,3\r\n');
    expect(csvLine(['=HYPERLINK("x")', '-4800000.00', '@cmd'])).toBe('"\'=HYPERLINK(""x"")",-4800000.00,"\'@cmd"\r\n');
  });

  it.each([
    ['=1+2', `"'=1+2"`],
    ['+1', `"'+1"`],
    ['-1+2', `"'-1+2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tx', `"'\tx"`],
    ['\rx', `"'\rx"`],
    // After a separator of another locale, a tab or a line break inside the cell.
    ['1;=2+5', `"'1;=2+5"`],
    ['a,=cmd', `"'a,=cmd"`],
    ['x\t@y', `"'x\t@y"`],
    ['x\r+y', `"'x\r+y"`],
    ['x\n-y', `"'x\n-y"`],
    ['say "=1"', '"say ""=1"""'],
    ['1;2', '1;2'],
    ['a-b', 'a-b'],
    ['USLAX', 'USLAX'],
    ['-5', '-5'],
    ['3000000.00', '3000000.00'],
  ])('writes %j as %j', (cell, written) => {
    expect(csvLine([cell])).toBe(`${written}\r\n`);
  });

  it('neutralises every cell of which some split could start a formula (generated text)', () => {
    const alphabet = ['=', '+', '-', '@', '\t', '\r', '\n', ';', ',', '"', 'a', '1', ' '];
    for (let n = 0; n < 5000; n++) {
      let text = '';
      for (let i = 0, length = 1 + (n % 7); i < length; i++) text += alphabet[(n * 7919 + i * 104729) % 13];
      const cell = parseCsv(`${csvLine([text])}`)[0]?.fields[0] ?? '';
      // Split as any locale might (on ; , tab, CR or LF): does some cell then start a formula?
      const dangerous = [';', ',', '\t', '\r', '\n'].some((separator) =>
        text.split(separator).some((piece) => /^[=+\-@\t\r]/.test(piece)),
      );
      if (dangerous && !/^-?\d+(\.\d+)?$/.test(text)) expect(cell, JSON.stringify(text)).toBe(`'${text}`);
      else expect(cell, JSON.stringify(text)).toBe(text);
    }
  });
});
