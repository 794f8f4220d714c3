import * as fs from 'node:fs';
import * as path from 'node:path';
import { markdownTable, runDescription, type BenchResults } from './bench-results';

const START = '<!-- bench-table: generated from bench/results.json by `npm run bench:readme` -->';
const END = '<!-- /bench-table -->';

/** Replaces what stands between the markers of `readme` with the table of `results`. */
export function withTable(readme: string, results: BenchResults): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`the README has no ${START} ... ${END} section`);
  const generated = [START, '', `Run: ${runDescription(results)}`, '', markdownTable(results), ''];
  return readme.slice(0, start) + generated.join('\n') + readme.slice(end);
}

/** `npm run bench:readme [results.json] [README.md]`: the Performance table from the last run. */
if (require.main === module) {
  const root = path.resolve(__dirname, '../../..');
  const [
    resultsFile = path.join(root, 'bench/results.json'),
    readmeFile = path.join(root, 'README.md'),
  ] = process.argv.slice(2);
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as BenchResults;
  fs.writeFileSync(readmeFile, withTable(fs.readFileSync(readmeFile, 'utf8'), results));
  console.log(`${readmeFile}: Performance table from ${resultsFile} (${results.generatedAt})`);
}
