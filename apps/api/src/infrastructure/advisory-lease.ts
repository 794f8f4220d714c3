import type { ClientBase, Pool } from 'pg';

/**
 * How long the holder of a session-level advisory lock (work done by one instance for all) may
 * go without renewing its heartbeat before the others end its backend, and so its lock.
 */
export interface Lease {
  /** The lease, in seconds (`LEDGER_LEASE_SECONDS`). */
  seconds: number;
  /**
   * How often the holder renews its heartbeat, and another looks at it, in milliseconds: a
   * quarter of the lease by default (three renewals may be missed before the lease runs out).
   */
  everyMs?: number;
  /** How long the one ending a stale holder waits for its backend to be gone, in milliseconds. */
  terminateTimeoutMs?: number;
}

export const DEFAULT_LEASE: Lease = { seconds: 30 };

/** What an instance saw of the holder whose backend it ended. */
export interface LeaseTakeover {
  /** The holder's instance, or null when it never wrote its heartbeat (it stopped before). */
  from: string | null;
  /** The holder's backend, ended. */
  backendPid: number;
  /** How long its heartbeat had not been renewed (or, without one, how long it was seen holding). */
  staleSeconds: number;
  leaseSeconds: number;
}

/** A takeover as the log says it: `api-b took over the erasures turn from api-a: ...`. */
export function takeoverMessage(instance: string, turn: string, takeover: LeaseTakeover): string {
  const { from, backendPid, staleSeconds, leaseSeconds } = takeover;
  return `${instance} took over the ${turn} turn from ${from ?? 'a holder without a heartbeat'}: its heartbeat was ${staleSeconds} s old (lease ${leaseSeconds} s); ended its backend ${backendPid}`;
}

/** What one instance saw of the holders at its earlier looks (kept between looks). */
export interface HoldersSeen {
  /**
   * The holder seen without a heartbeat of its own at every look since, and since when (the
   * database's clock, s).
   */
  unbeating: Map<number, number>;
  /** The holder and heartbeat found stale at the last look, if it was. */
  stale: string | null;
}

export const nothingSeen = (): HoldersSeen => ({ unbeating: new Map(), stale: null });

/** Where a lease is kept, and which advisory lock it is the lease of. */
export interface LeaseOf {
  /**
   * The table of heartbeats, schema-qualified and quoted, with the columns (task text PRIMARY
   * KEY, instance text, backend_pid integer, lease_seconds integer, taken_at timestamptz,
   * renewed_at timestamptz), each made by its component's own migration.
   */
  table: string;
  /** The row of that table: which work. */
  task: string;
  /** The advisory lock: `(lockClass, hashtext(lockKey))`. */
  lockClass: number;
  lockKey: string;
  /** This instance's name, written in its heartbeat. */
  instance: string;
}

/**
 * The lease on a session-level advisory lock (`pg_advisory_lock(class, hashtext(key))`) held
 * on a connection of its own. A holder that dies loses its connection, hence its lock; one that
 * hangs without dying (stopped, its event loop stuck, cut off while its TCP connection stays
 * open) would keep it for ever. So the holder renews a heartbeat (the database's `now()`, never
 * a clock of its own) from a timer, on its lock connection; another instance that sees the
 * heartbeat of the backend holding the lock older than the lease the holder declared, at two
 * looks in a row, ends that backend (`pg_terminate_backend`, waiting until it is gone), and so
 * the lock is let go. What the holder then does on its lock connection fails: it records
 * nothing. The database clock only; the lease the holder declared, not the looker's.
 */
export class AdvisoryLease {
  readonly everyMs: number;
  private readonly terminateTimeoutMs: number;

  constructor(
    private readonly pool: Pool,
    private readonly of: LeaseOf,
    private readonly lease: Lease = DEFAULT_LEASE,
  ) {
    this.everyMs = lease.everyMs ?? Math.max(100, Math.floor((lease.seconds * 1000) / 4));
    this.terminateTimeoutMs = lease.terminateTimeoutMs ?? 10_000;
  }

  get seconds(): number {
    return this.lease.seconds;
  }

  /**
   * Called by the holder, on its lock connection, right after it took the lock: writes its
   * heartbeat, then renews it every `everyMs` from a timer of its own, until `stop`. A renewal
   * that fails (the connection is gone) is left: what the holder records at the end fails the
   * same way.
   */
  async hold(client: ClientBase): Promise<{ stop(): void }> {
    const { table, task, instance } = this.of;
    await client.query(
      `INSERT INTO ${table} (task, instance, backend_pid, lease_seconds, taken_at, renewed_at)
       VALUES ($1, $2, pg_backend_pid(), $3, now(), now())
       ON CONFLICT (task) DO UPDATE SET instance = EXCLUDED.instance,
         backend_pid = EXCLUDED.backend_pid, lease_seconds = EXCLUDED.lease_seconds,
         taken_at = EXCLUDED.taken_at, renewed_at = EXCLUDED.renewed_at`,
      [task, instance, this.lease.seconds],
    );
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      client
        .query(
          `UPDATE ${table} SET renewed_at = now() WHERE task = $1 AND backend_pid = pg_backend_pid()`,
          [task],
        )
        .catch(() => undefined)
        .finally(() => (busy = false));
    }, this.everyMs);
    timer.unref();
    return { stop: () => clearInterval(timer) };
  }

  /**
   * While this instance waits for the lock: looks at the holder every `everyMs` and ends it
   * once it is stale; `tookOver` is told of each takeover, `failed` once of each failure (e.g.
   * the role may not end others' backends), and waiting goes on.
   */
  watch(events: { tookOver(takeover: LeaseTakeover): void; failed(message: string): void }): {
    stop(): Promise<void>;
  } {
    const seen = nothingSeen();
    let looking: Promise<void> | undefined;
    let stopped = false;
    let failure: string | undefined;
    const timer = setInterval(() => {
      if (looking !== undefined || stopped) return;
      looking = this.endStaleHolder(seen)
        .then((takeover) => {
          if (takeover) events.tookOver(takeover);
        })
        .catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          if (message !== failure && !stopped) {
            failure = message;
            events.failed(message);
          }
        })
        .finally(() => (looking = undefined));
    }, this.everyMs);
    timer.unref();
    return {
      // The look under way ends first: a takeover is told before the work begins.
      stop: async () => {
        stopped = true;
        clearInterval(timer);
        await looking;
      },
    };
  }

  /**
   * For an instance that does not wait (it tried the lock, and found it held): one look, and
   * when the holder is stale at it, a second one `everyMs` later; the holder's backend is
   * ended when it is stale at two looks in a row with the same heartbeat. `seen` is kept
   * between calls: how long a holder without a heartbeat has been seen holding, and the stale
   * heartbeat of the last look (so a holder found stale at the last call, its heartbeat the
   * same, is ended at the first look of this one).
   */
  async endIfStale(seen: HoldersSeen): Promise<LeaseTakeover | null> {
    const first = await this.endStaleHolder(seen);
    if (first !== null || seen.stale === null) return first;
    await new Promise((resolve) => setTimeout(resolve, this.everyMs));
    return this.endStaleHolder(seen);
  }

  /**
   * One look at the holder: null when none holds, it is not stale, or this is the first look
   * at which it is; otherwise its backend, ended (if it still holds and has not beaten since).
   */
  async endStaleHolder(seen: HoldersSeen): Promise<LeaseTakeover | null> {
    const { table, task, lockClass, lockKey } = this.of;
    const { rows } = await this.pool.query<{
      pid: number;
      instance: string | null;
      lease_seconds: number | null;
      stale_seconds: number | null;
      renewed: string | null;
      now: number;
    }>(
      `SELECT l.pid, h.instance, h.lease_seconds,
              extract(epoch FROM now() - h.renewed_at)::float8 AS stale_seconds,
              h.renewed_at::text AS renewed,
              extract(epoch FROM now())::float8 AS now
         FROM pg_locks l
         LEFT JOIN ${table} h ON h.task = $3 AND h.backend_pid = l.pid
        WHERE ${HOLDING}`,
      [lockClass, lockKey, task],
    );
    if (rows.length === 0) {
      seen.stale = null;
      seen.unbeating.clear();
      return null;
    }
    const [holder] = rows;
    let staleSeconds: number;
    let leaseSeconds: number;
    if (holder.stale_seconds === null || holder.lease_seconds === null) {
      // Holding without a heartbeat: stopped between the lock and its first beat, or an
      // instance of a version without leases. Counted from when this instance first saw it
      // so, at every look since (a pooled connection's backend, holding again later, is not
      // counted from the earlier time).
      const since = seen.unbeating.get(holder.pid) ?? holder.now;
      seen.unbeating.clear();
      seen.unbeating.set(holder.pid, since);
      staleSeconds = holder.now - since;
      leaseSeconds = this.lease.seconds;
    } else {
      seen.unbeating.clear();
      staleSeconds = holder.stale_seconds;
      leaseSeconds = holder.lease_seconds;
    }
    if (staleSeconds <= leaseSeconds) {
      seen.stale = null;
      return null;
    }
    // Stale at two looks in a row, the same heartbeat: a pause of this process (which may
    // have paused a holder in it too, or kept this instance from hearing a renewal) ends
    // nothing by itself; the holder's own timer, as late as this one, renews first.
    const sighting = `${holder.pid}@${holder.renewed ?? 'none'}`;
    if (seen.stale !== sighting) {
      seen.stale = sighting;
      return null;
    }
    // Ended only if it still holds the lock and has not beaten since (it may have woken).
    const ended = await this.pool.query<{ ended: boolean }>(
      `SELECT pg_terminate_backend(l.pid, $5) AS ended
         FROM pg_locks l
         LEFT JOIN ${table} h ON h.task = $3 AND h.backend_pid = l.pid
        WHERE ${HOLDING} AND l.pid = $4
          AND (h.renewed_at IS NULL OR h.renewed_at < now() - make_interval(secs => h.lease_seconds))`,
      [lockClass, lockKey, task, holder.pid, this.terminateTimeoutMs],
    );
    if (!ended.rows[0]?.ended) return null;
    return {
      from: holder.instance,
      backendPid: holder.pid,
      staleSeconds: Math.round(staleSeconds * 10) / 10,
      leaseSeconds,
    };
  }
}

/** `l` (pg_locks) is the granted lock of key ($1, hashtext($2)) in this database. */
const HOLDING = `l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
  AND l.classid::bigint = $1 AND l.objid::bigint = (hashtext($2)::bigint & 4294967295)
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
