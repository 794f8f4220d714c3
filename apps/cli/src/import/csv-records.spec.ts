import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MissingColumnsError, readCsvRecords } from './csv-records';

describe('Reading a CSV file', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'blue-ledger-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const file = (text: string) => {
    const filePath = path.join(dir, 'sample.csv');
    fs.writeFileSync(filePath, text);
    return filePath;
  };

  it('gives each record its fields by column name and the line it is on', () => {
    const { records } = readCsvRecords(file('a,b\n1,2\n\n"3\n4",5\n'), ['a', 'b']);
    expect(records).toEqual([
      { line: 2, fields: { a: '1', b: '2' } },
      { line: 5, fields: { a: '3\n4', b: '5' } },
    ]);
  });

  it('reports a record with the wrong number of fields and keeps reading', () => {
    const { records, unreadable } = readCsvRecords(file('a,b\n1\n2,3\n'), ['a', 'b']);
    expect(unreadable).toEqual([{ line: 2, reason: expect.stringContaining('got 1 on line 2') }]);
    expect(records).toEqual([{ line: 3, fields: { a: '2', b: '3' } }]);
  });

  it('reports an unclosed quote with the lines it swallowed', () => {
    const { records, unreadable } = readCsvRecords(file('a,b\n1,2\n"3,4\n5,6\n'), ['a', 'b']);
    expect(records).toHaveLength(1);
    expect(unreadable).toEqual([
      { line: 3, throughLine: 4, reason: expect.stringContaining('Quote Not Closed') },
    ]);
  });

  it('rejects a file whose first line lacks a column it needs', () => {
    expect(() => readCsvRecords(file('a,c\n1,2\n'), ['a', 'b'])).toThrow(MissingColumnsError);
  });
});
