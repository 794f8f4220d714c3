import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The structure of the repository, held by test (architecture.md, "Dependencies point one
 * way"): apps → libs; no library imports an app; `event-store` is a leaf; no two libraries
 * import each other, directly or around a longer cycle; no app imports another app.
 */
const ROOT = path.resolve(__dirname, '../..');
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** `libs/<name>` or `apps/<name>` of a file, or of what an import names. */
function unitOf(file: string): string | undefined {
  const match = /^(libs|apps)\/([^/]+)\//.exec(path.relative(ROOT, file).split(path.sep).join('/'));
  return match ? `${match[1]}/${match[2]}` : undefined;
}

function importedUnits(file: string): Set<string> {
  const units = new Set<string>();
  const text = fs.readFileSync(file, 'utf8');
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2];
    const alias = /^@blue-ledger\/([^/]+)$/.exec(specifier);
    if (alias) units.add(`libs/${alias[1]}`);
    else if (specifier.startsWith('.')) {
      const unit = unitOf(path.resolve(path.dirname(file), specifier) + '/');
      if (unit) units.add(unit);
    }
  }
  return units;
}

/** Every unit and what it imports, from its source files (tests included). */
function dependencyGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const top of ['apps', 'libs']) {
    for (const file of sourceFiles(path.join(ROOT, top))) {
      const unit = unitOf(file)!;
      const edges = graph.get(unit) ?? new Set<string>();
      for (const imported of importedUnits(file)) if (imported !== unit) edges.add(imported);
      graph.set(unit, edges);
    }
  }
  return graph;
}

function cycleThrough(graph: Map<string, Set<string>>, start: string): string[] | undefined {
  const search = (unit: string, trail: string[]): string[] | undefined => {
    for (const next of graph.get(unit) ?? []) {
      if (next === start) return [...trail, next];
      if (!trail.includes(next)) {
        const found = search(next, [...trail, next]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return search(start, [start]);
}

/** What each library may import (architecture.md); `runtime` wires the others for the apps. */
const ALLOWED: Record<string, string[]> = {
  'libs/domain': [],
  'libs/event-store': [],
  'libs/integrity': ['libs/event-store'],
  'libs/access': ['libs/domain'],
  'libs/projections': ['libs/domain', 'libs/event-store', 'libs/integrity'],
  'libs/command-handling': ['libs/domain', 'libs/event-store', 'libs/integrity', 'libs/access'],
  'libs/runtime': [
    'libs/domain',
    'libs/event-store',
    'libs/integrity',
    'libs/access',
    'libs/projections',
    'libs/command-handling',
  ],
};

describe('The dependency direction', () => {
  const graph = dependencyGraph();
  const libs = [...graph.keys()].filter((unit) => unit.startsWith('libs/'));
  const apps = [...graph.keys()].filter((unit) => unit.startsWith('apps/'));

  it('finds the libraries and apps it checks', () => {
    expect(libs).toEqual(
      expect.arrayContaining(['libs/domain', 'libs/event-store', 'libs/command-handling']),
    );
    expect(apps).toEqual(expect.arrayContaining(['apps/api', 'apps/cli', 'apps/projector']));
  });

  it.each(libs)('%s imports no app', (lib) => {
    expect([...graph.get(lib)!].filter((unit) => unit.startsWith('apps/'))).toEqual([]);
  });

  it.each(libs)('%s imports only the libraries it may', (lib) => {
    expect(ALLOWED[lib]).toBeDefined();
    expect([...graph.get(lib)!].filter((unit) => !ALLOWED[lib].includes(unit))).toEqual([]);
  });

  it('keeps libs/event-store a leaf: it imports no other library of the project', () => {
    expect([...graph.get('libs/event-store')!]).toEqual([]);
  });

  it.each(libs)('%s is on no cycle of libraries', (lib) => {
    expect(cycleThrough(graph, lib)).toBeUndefined();
  });

  it.each(apps)('%s imports no other app', (app) => {
    expect([...graph.get(app)!].filter((unit) => unit.startsWith('apps/'))).toEqual([]);
  });

  it('sees a cycle when there is one (the check itself works)', () => {
    const looped = new Map([
      ['libs/a', new Set(['libs/b'])],
      ['libs/b', new Set(['libs/c'])],
      ['libs/c', new Set(['libs/a'])],
    ]);
    expect(cycleThrough(looped, 'libs/a')).toEqual(['libs/a', 'libs/b', 'libs/c', 'libs/a']);
  });
});
