import { createQueryIndexes, type QueryIndex } from '../projection';
import type { SqliteDatabase } from './database';
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
 * A table of JSON documents keyed by id, with some of their fields copied into indexed
 * columns. The read models keep a pure `evolve(doc | null, event)` and use this for the writes.
 */
export class DocumentTable<Doc> {
  private readonly statements = preparedStatements((db) => this.prepare(db));

  constructor(private readonly spec: DocumentTableSpec<Doc>) {}

  get name(): string {
    return this.spec.table;
  }

  get queryIndexes(): QueryIndex[] {
    const { table, indexes } = this.spec;
    return indexes.map((columns) => ({ name: `${table}_by_${columns.join('_')}`, table, columns }));
  }

  create(db: SqliteDatabase): void {
    const { table, columns } = this.spec;
    const extra = columns.map((c) => `, ${c.name} ${c.type}`).join('');
    db.exec(`CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY${extra}, doc TEXT NOT NULL)`);
    createQueryIndexes(db, this.queryIndexes);
  }

  drop(db: SqliteDatabase): void {
    this.statements.forget(db);
    db.exec(`DROP TABLE IF EXISTS ${this.spec.table}`);
  }

  get(db: SqliteDatabase, id: string): Doc | null {
    const row = this.statements.of(db).get.get(id) as { doc: string } | undefined;
    return row === undefined ? null : (JSON.parse(row.doc) as Doc);
  }

  put(db: SqliteDatabase, id: string, doc: Doc): void {
    const values = this.spec.columns.map((c) => c.value(doc));
    this.statements.of(db).put.run(id, ...values, JSON.stringify(doc));
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

  private prepare(db: SqliteDatabase) {
    const { table, columns } = this.spec;
    const names = ['id', ...columns.map((c) => c.name), 'doc'];
    const updates = names
      .slice(1)
      .map((n) => `${n} = excluded.${n}`)
      .join(', ');
    return {
      get: db.prepare(`SELECT doc FROM ${table} WHERE id = ?`),
      put: db.prepare(
        `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})
         ON CONFLICT(id) DO UPDATE SET ${updates}`,
      ),
    };
  }
}

export class DocumentSession<Doc> {
  private readonly docs = new Map<string, Doc | null>();
  private readonly changed = new Set<string>();

  constructor(
    private readonly table: DocumentTable<Doc>,
    private readonly db: SqliteDatabase,
  ) {}

  get(id: string): Doc | null {
    if (this.docs.has(id)) return this.docs.get(id) ?? null;
    const doc = this.table.get(this.db, id);
    this.docs.set(id, doc);
    return doc;
  }

  put(id: string, doc: Doc): void {
    this.docs.set(id, doc);
    this.changed.add(id);
  }

  /** Read, evolve, keep; a null result changes nothing. Documents are never mutated in place. */
  update(id: string, evolve: (doc: Doc | null) => Doc | null): Doc | null {
    const before = this.get(id);
    const after = evolve(before);
    if (after !== null && after !== before) this.put(id, after);
    return after;
  }

  flush(): void {
    for (const id of this.changed) this.table.put(this.db, id, this.docs.get(id) as Doc);
    this.changed.clear();
  }
}
