import * as fs from 'node:fs';
import * as readline from 'node:readline';

/** The lines of a file, read as a stream: an export of any size fits. */
export function fileLines(file: string): AsyncIterable<string> {
  return readline.createInterface({
    input: fs.createReadStream(file, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
}
