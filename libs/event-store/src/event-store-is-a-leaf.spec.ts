import fs from 'node:fs';
import path from 'node:path';

/** Every TypeScript file under `dir`, recursively. */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const importsOf = (file: string): string[] =>
  [...fs.readFileSync(file, 'utf8').matchAll(/\bfrom\s+'([^']+)'|\brequire\('([^']+)'\)/g)].map(
    (match) => match[1] ?? match[2],
  );

describe('The event-store library', () => {
  // The command path (`command-handling/`) still lives here and uses the domain and the
  // integrity library; it is on its way out of this library (see docs/style.md).
  const files = sourceFiles(__dirname).filter(
    (file) => !file.includes(`${path.sep}command-handling${path.sep}`),
  );

  it('imports no other library of the project: the port and its adapters are a leaf', () => {
    const offending = files.flatMap((file) =>
      importsOf(file)
        .filter((specifier) => specifier.startsWith('@blue-ledger/'))
        .map((specifier) => `${path.relative(__dirname, file)} imports ${specifier}`),
    );

    expect(files.length).toBeGreaterThan(40);
    expect(offending).toEqual([]);
  });

  it('keeps its adapters apart: none imports another adapter', () => {
    const adapters = ['sqlite', 'eventstoredb', 'postgres'];
    const offending = files.flatMap((file) => {
      const own = adapters.find((a) => file.includes(`${path.sep}${a}${path.sep}`));
      if (!own) return [];
      return importsOf(file)
        .filter((specifier) =>
          adapters.some((other) => other !== own && specifier.includes(`../${other}`)),
        )
        .map((specifier) => `${path.relative(__dirname, file)} imports ${specifier}`);
    });

    expect(offending).toEqual([]);
  });
});
