import fs from 'node:fs';
import path from 'node:path';

/**
 * The adapters share only what sits beside the port (`append-signal.ts`, `reconnect-backoff.ts`,
 * `testing/`...): none imports another's folder, so each can be read, changed or dropped alone.
 * That the library as a whole is a leaf is held by test/architecture/dependency-direction.spec.ts.
 */
const ADAPTERS = ['sqlite', 'eventstoredb', 'postgres'];

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

describe('The event-store adapters', () => {
  it.each(ADAPTERS)('%s imports no other adapter', (adapter) => {
    const folder = path.join(__dirname, adapter);
    const files = sourceFiles(folder);
    const offending = files.flatMap((file) =>
      importsOf(file)
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => path.resolve(path.dirname(file), specifier))
        .filter((target) =>
          ADAPTERS.some(
            (other) =>
              other !== adapter &&
              `${target}${path.sep}`.startsWith(path.join(__dirname, other, path.sep)),
          ),
        )
        .map(
          (target) =>
            `${path.relative(__dirname, file)} imports ${path.relative(__dirname, target)}`,
        ),
    );

    expect(files.length).toBeGreaterThan(5);
    expect(offending).toEqual([]);
  });
});
