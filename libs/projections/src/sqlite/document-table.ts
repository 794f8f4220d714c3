import { createQueryIndexes, type QueryIndex } from '../projection';
import type { SqliteDatabase } from './database';
import { positionBeingApplied } from './event-being-applied';
import { preparedStatements } from './prepared-statements';

export type SqlValue = string | number | null;

/** A column copied out of the document so that lists can filter and sort on it with an index. */
export interface IndexedColumn<Doc> {
  name: string;
  type: 'TEXT' | 'INTEGER';
  value(doc: Doc): SqlValue;
}

export interface DocumentTableSpec<Doc> {
  table: string;
  columns: IndexedColumn<Doc>[];
  /** Indexes for the queries, each as its list of columns. */
  indexes: string[][];
}

/**
 * Which versions of a versioned table a read sees, as a condition on its `valid_from` and
 * `valid_to` columns: the current ones (`upTo` undefined), or those valid once the events up
 * to the global position `upTo` (inclusive) were applied. For queries that write their own SQL
 * over a DocumentTable (joins, aggregates): `WHERE ${versionsAt(upTo, 'd').sql} AND ...`.
 */
export function versionsAt(
  upTo: number | undefined,
  alias?: string,
): { sql: string; params: number[] } {
  const column = (name: string) => (alias === undefined ? name : `${alias}.${name}`);
  if (upTo === undefined) return { sql: `${column('valid_to')} IS NULL`, params: [] };
  return {
    sql: `${column('valid_from')} <= ? AND (${column('valid_to')} IS NULL OR ${column('valid_to')} > ?)`,
    params: [upTo, upTo],
  };
}

interface StoredVersion {
  doc: string;
  valid_from: number;
}

/**
 * A table of JSON documents keyed by id, with some of their fields copied into indexed
 * columns. The read models keep a pure `evolve(doc | null, event)` and use this for the writes.
 *
 * It keeps every version of each document: a write made while applying the event at position
 * p closes the version it replaces (`valid_to = p`) and adds one valid from p (`valid_from = p`,
 * `valid_to` NULL while it is current), with the indexed columns copied into it. So the table
 * answers as of any position P (the version with `valid_from <= P < valid_to`) as well as now
 * (the open versions), lists included: each index of the spec exists twice, once over the open
 * versions only (`WHERE valid_to IS NULL`, what current queries use, as small as before), once
 * over every version with the validity columns appended (what queries as of P use). A version
 * is keyed by the position of the event that made it, so batching never changes the versions.
 * Documents are never deleted: the latest version of a document is its open one.
 */
export class DocumentTable<Doc> {
  private readonly statements = preparedStatements((db) => this.prepare(db));

  constructor(private readonly spec: DocumentTableSpec<Doc>) {}

  get name(): string {
    return this.spec.table;
  }

  get queryIndexes(): QueryIndex[] {
    const { table, indexes } = this.spec;
    return indexes.flatMap((columns) => [
      {
        name: `${table}_by_${columns.join('_')}`,
        table,
        columns,
        where: 'valid_to IS NULL',
      },
      {
        name: `${table}_versions_by_${columns.join('_')}`,
        table,
        columns: [...columns, 'valid_from', 'valid_to'],
      },
    ]);
  }

  create(db: SqliteDatabase): void {
    const { table, columns } = this.spec;
    const extra = columns.map((c) => `, ${c.name} ${c.type}`).join('');
    db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
      id TEXT NOT NULL,
      valid_from INTEGER NOT NULL,
      valid_to INTEGER${extra},
      doc TEXT NOT NULL,
      PRIMARY KEY (id, valid_from)
    )`);
    createQueryIndexes(db, this.queryIndexes);
  }

  drop(db: SqliteDatabase): void {
    this.statements.forget(db);
    db.exec(`DROP TABLE IF EXISTS ${this.spec.table}`);
  }

  /** The document now, or as of the global position `upTo`; null when it did not exist. */
  get(db: SqliteDatabase, id: string, upTo?: number): Doc | null {
    const { current, asOf } = this.statements.of(db);
    const doc = (upTo === undefined ? current.get(id) : asOf.get(id, upTo)) as string | undefined;
    return doc === undefined ? null : (JSON.parse(doc) as Doc);
  }

  /** The document's current version, as the event being applied made it. */
  put(db: SqliteDatabase, id: string, doc: Doc): void {
    const latest = this.latest(db, id);
    this.writeVersions(db, id, latest?.valid_from ?? null, [
      { position: positionBeingApplied(db), doc },
    ]);
  }

  /** Read, evolve, write back; a null result deletes nothing and writes nothing. */
  update(db: SqliteDatabase, id: string, evolve: (doc: Doc | null) => Doc | null): Doc | null {
    const before = this.get(db, id);
    const after = evolve(before);
    if (after !== null && after !== before) this.put(db, id, after);
    return after;
  }

  /** A write-back cache of documents for one transaction: read each once, write each once. */
  session(db: SqliteDatabase): DocumentSession<Doc> {
    return new DocumentSession(this, db);
  }

  /** The latest version stored, with the position it is valid from. */
  latest(db: SqliteDatabase, id: string): StoredVersion | null {
    return (this.statements.of(db).latest.get(id) as StoredVersion | undefined) ?? null;
  }

  /**
   * Stores `versions` (in the order of their positions, the last one current) after the
   * document's stored version valid from `openFrom`, which they close.
   */
  writeVersions(
    db: SqliteDatabase,
    id: string,
    openFrom: number | null,
    versions: readonly { position: number; doc: Doc }[],
  ): void {
    const { close, insert } = this.statements.of(db);
    const first = versions[0];
    if (first === undefined) return;
    if (openFrom !== null && openFrom > first.position) {
      throw new Error(
        `${this.spec.table} ${id}: a version from position ${first.position} after one from ${openFrom}`,
      );
    }
    if (openFrom !== null && openFrom < first.position) close.run(first.position, id, openFrom);
    versions.forEach(({ position, doc }, i) => {
      const next = versions[i + 1]?.position ?? null;
      const values = this.spec.columns.map((c) => c.value(doc));
      insert.run(id, position, next, ...values, JSON.stringify(doc));
    });
  }

  private prepare(db: SqliteDatabase) {
    const { table, columns } = this.spec;
    const names = ['id', 'valid_from', 'valid_to', ...columns.map((c) => c.name), 'doc'];
    const updates = names
      .slice(2)
      .map((n) => `${n} = excluded.${n}`)
      .join(', ');
    return {
      current: db
        .prepare(
          `SELECT doc FROM ${table} WHERE id = ? AND valid_to IS NULL ORDER BY valid_from DESC LIMIT 1`,
        )
        .pluck(),
      asOf: db
        .prepare(
          `SELECT doc FROM ${table} WHERE id = ? AND valid_from <= ? ORDER BY valid_from DESC LIMIT 1`,
        )
        .pluck(),
      latest: db.prepare(
        `SELECT doc, valid_from FROM ${table} WHERE id = ? ORDER BY valid_from DESC LIMIT 1`,
      ),
      close: db.prepare(`UPDATE ${table} SET valid_to = ? WHERE id = ? AND valid_from = ?`),
      // The same event writing the same document again (in two `put`s) replaces its version.
      insert: db.prepare(
        `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})
         ON CONFLICT(id, valid_from) DO UPDATE SET ${updates}`,
      ),
    };
  }
}

interface Known<Doc> {
  doc: Doc | null;
  /** The position the stored current version is valid from; null when none is stored. */
  storedFrom: number | null;
  /** Versions made in this session, in order, not yet stored. */
  pending: { position: number; doc: Doc }[];
}

/**
 * The documents one transaction reads and writes, each read once and written once at `flush`,
 * with every version the session's events made (one per event that changed it).
 */
export class DocumentSession<Doc> {
  private readonly known = new Map<string, Known<Doc>>();

  constructor(
    private readonly table: DocumentTable<Doc>,
    private readonly db: SqliteDatabase,
  ) {}

  get(id: string): Doc | null {
    return this.read(id).doc;
  }

  /** The document's new current version, made by the event being applied. */
  put(id: string, doc: Doc): void {
    const known = this.read(id);
    const position = positionBeingApplied(this.db);
    const last = known.pending.at(-1);
    if (last !== undefined && last.position === position) last.doc = doc;
    else known.pending.push({ position, doc });
    known.doc = doc;
  }

  /** Read, evolve, keep; a null result changes nothing. Documents are never mutated in place. */
  update(id: string, evolve: (doc: Doc | null) => Doc | null): Doc | null {
    const before = this.get(id);
    const after = evolve(before);
    if (after !== null && after !== before) this.put(id, after);
    return after;
  }

  flush(): void {
    for (const [id, known] of this.known) {
      if (known.pending.length === 0) continue;
      this.table.writeVersions(this.db, id, known.storedFrom, known.pending);
      known.storedFrom = known.pending[known.pending.length - 1].position;
      known.pending = [];
    }
  }

  private read(id: string): Known<Doc> {
    let known = this.known.get(id);
    if (known === undefined) {
      const stored = this.table.latest(this.db, id);
      known = {
        doc: stored === null ? null : (JSON.parse(stored.doc) as Doc),
        storedFrom: stored?.valid_from ?? null,
        pending: [],
      };
      this.known.set(id, known);
    }
    return known;
  }
}
