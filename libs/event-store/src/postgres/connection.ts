import { Pool, type PoolConfig } from 'pg';

export interface ConnectionSettings {
  connectionString: string;
  /** Connections in the pool. */
  poolSize: number;
  connectTimeoutMs: number;
  /** Shown in pg_stat_activity. */
  applicationName: string;
}

/**
 * Every connection of the store commits with `synchronous_commit = on`: COMMIT returns once
 * the commit record is flushed to the WAL on disk (and, when the server has synchronous
 * standbys, once they have it), so an acknowledged append survives a crash of the server.
 * It is set at connection start, whatever the server's or the role's default.
 */
export function connectionConfig(settings: ConnectionSettings): PoolConfig {
  return {
    connectionString: settings.connectionString,
    max: settings.poolSize,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    idleTimeoutMillis: 10_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: settings.applicationName,
    options: '-c synchronous_commit=on',
  };
}

/**
 * A pool that outlives the server: a connection that breaks (the server restarted, the
 * network dropped) is thrown away, by the pool when it was idle and by the caller when it
 * failed a query; the next query opens a new one.
 */
export function createPool(settings: ConnectionSettings, onIdleError: (error: Error) => void) {
  const pool = new Pool(connectionConfig(settings));
  // Without a listener an idle connection's error would crash the process.
  pool.on('error', onIdleError);
  return pool;
}

/** SQLSTATEs after which the same statement may work on a new connection. */
const TRANSIENT_SQLSTATES = new Set([
  '57P01', // admin_shutdown: pg_ctl stop, a failover
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the server is starting or stopping
  '53300', // too_many_connections
]);

const TRANSIENT_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/** Messages of node-postgres for a connection that ended or could not be made in time. */
const TRANSIENT_MESSAGES = [
  'Connection terminated',
  'connection timeout',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'the database system is starting up',
  'the database system is shutting down',
  'the database system is in recovery mode',
];

/**
 * Whether an error means "the server could not be reached or went away" rather than "the
 * statement is wrong": only the former is worth retrying on a new connection.
 */
export function isConnectionFailure(error: unknown): boolean {
  // Duck-typed: errors of node's sockets may come from another realm (a test sandbox), where
  // \`instanceof Error\` is false.
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as {
    code?: unknown;
    message?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string') {
    if (code.startsWith('08') || TRANSIENT_SQLSTATES.has(code)) return true;
    if (TRANSIENT_SOCKET_CODES.has(code)) return true;
  }
  if (Array.isArray(errors) && errors.some(isConnectionFailure)) return true;
  return typeof message === 'string' && TRANSIENT_MESSAGES.some((text) => message.includes(text));
}
