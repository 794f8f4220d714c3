import type { ConfiguredPrincipal } from '@blue-ledger/access';
import type { DeadlinePolicy } from '@blue-ledger/domain';
import * as os from 'node:os';
import * as path from 'node:path';
import { z } from 'zod';
import { accessConfigOf, accessEnvSchema, type AccessConfig } from './access-config';

const principalSchema = z.object({
  token: z.string().min(16, 'tokens must be at least 16 characters'),
  id: z.string().min(1),
  name: z.string().min(1),
  roles: z
    .array(
      z.enum([
        'admin',
        'investigator',
        'decision_authority',
        'tcc_liaison',
        'oversight',
        'reviewer',
      ]),
    )
    .min(1),
  country: z
    .string()
    .regex(/^[A-Z]{3}$/, 'country must be an ISO 3166-1 alpha-3 code')
    .optional(),
});

const principalsFromJson = z
  .string()
  .transform((raw, ctx) => {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'is not valid JSON' });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(principalSchema)
      .min(1)
      .refine(
        (ps) => ps.every((p) => !p.roles.includes('tcc_liaison') || p.country),
        'a tcc_liaison principal needs a country',
      ),
  );

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    LEDGER_DATA_DIR: z.string().min(1).default('./data'),
    LEDGER_PRINCIPALS: principalsFromJson.optional(),
    LEDGER_STORE: z.enum(['sqlite', 'eventstoredb', 'postgres']).default('sqlite'),
    EVENTSTORE_URL: z.string().url().optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// connection URL')
      .optional(),
    LEDGER_PROJECTIONS: z.enum(['in-process', 'external']).default('in-process'),
    LEDGER_READ_MODELS_FILE: z.string().min(1).optional(),
    PROJECTOR_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    LEDGER_NOTARY_EVERY_EVENTS: z.coerce.number().int().min(1).default(1000),
    LEDGER_NOTARY_EVERY_SECONDS: z.coerce.number().int().min(1).default(60),
    LEDGER_NOTARY_KEY_DIR: z.string().min(1).optional(),
    LEDGER_SESSION_IDLE_SECONDS: z.coerce.number().int().min(1).default(1800),
    LEDGER_SESSION_ABSOLUTE_SECONDS: z.coerce.number().int().min(1).default(43200),
    LEDGER_VERIFY_EVERY_SECONDS: z.coerce.number().int().min(0).max(31_536_000).default(3600),
    LEDGER_REPLY_WINDOW_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    LEDGER_DECISION_WINDOW_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    LEDGER_RECORD_PENDING_CONSEQUENCES: z.enum(['true', 'false']).default('true'),
    LEDGER_INSTANCE_ID: z.string().trim().min(1).max(200).optional(),
    LEDGER_READ_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
    LEDGER_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  })
  .refine((env) => env.LEDGER_STORE !== 'eventstoredb' || env.EVENTSTORE_URL, {
    message: 'EVENTSTORE_URL is required when LEDGER_STORE=eventstoredb',
    path: ['EVENTSTORE_URL'],
  })
  .refine((env) => env.LEDGER_STORE !== 'postgres' || env.DATABASE_URL, {
    message: 'DATABASE_URL is required when LEDGER_STORE=postgres',
    path: ['DATABASE_URL'],
  });

export interface LedgerConfig {
  port: number;
  host: string;
  dataDir: string;
  principals?: ConfiguredPrincipal[];
  store: 'sqlite' | 'eventstoredb' | 'postgres';
  eventStoreUrl?: string;
  /** LEDGER_STORE=postgres: the database every instance shares (events and the API's state). */
  databaseUrl?: string;
  projections: 'in-process' | 'external';
  /**
   * The SQLite file of the read models: by default `ledger.sqlite` (the embedded store's own
   * file) on SQLite and `read-models.sqlite` on EventStoreDB and PostgreSQL, in the data
   * directory. With
   * `LEDGER_PROJECTIONS=external` the projector writes it and the API only reads it.
   */
  readModelsFile: string;
  /** Where the projector answers `GET /health`. */
  projectorPort: number;
  logLevel: string;
  /** The notary signs a tree head once this many events or seconds have passed since the last. */
  notary: {
    everyEvents: number;
    everySeconds: number;
    /** Where the notary's key files are (made on first start): the data directory by default. */
    keyDir: string;
  };
  /** A full background verification of the store this often (0: only at start). */
  verifyEverySeconds: number;
  /**
   * The ledger's own deadline windows, in days: the contributing country's reply to a
   * notification, and the decision on a recommendation. Policy, not law.
   */
  deadlines: DeadlinePolicy;
  /**
   * At start, record the consequences of implemented decisions that lack them (a crash between
   * the implementation and its consequence). Off only for ledgers written around the command
   * path, such as the bench's generated one.
   */
  recordPendingConsequences: boolean;
  /**
   * This instance's name where several share one store (PostgreSQL): written beside the work
   * it does for all (the shared verification pass, the work at start). `LEDGER_INSTANCE_ID`,
   * or `hostname:pid`.
   */
  instanceId: string;
  /**
   * On PostgreSQL, how long an instance doing work for all (the work at start, the periodic
   * full verification pass) may go without renewing its heartbeat before another instance ends
   * its turn (its backend) and takes it. `LEDGER_LEASE_SECONDS`, 30 by default.
   */
  leaseSeconds: number;
  /** Bearer JWTs from an identity provider; rate limits. */
  access: AccessConfig;
  /** The web pages' sessions end after this long unused, and this long after sign-in in any case. */
  sessions: { idleSeconds: number; absoluteSeconds: number };
  /**
   * How long a read asked to reflect a position (`Ledger-Min-Position`, or a page after its
   * session's last write) waits for this instance's read models to apply it, in milliseconds.
   */
  readWaitMs: number;
}

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** Reads and validates the environment once, at start; a bad value stops the start with a clear message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const parsed = envSchema.safeParse(env);
  const access = accessEnvSchema.safeParse(env);
  if (!parsed.success || !access.success) {
    const issues = [...(parsed.error?.issues ?? []), ...(access.error?.issues ?? [])];
    const lines = issues.map((i) => `  ${i.path.join('.') || 'environment'}: ${i.message}`);
    throw new ConfigurationError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.LEDGER_DATA_DIR);
  const defaultReadModels = e.LEDGER_STORE === 'sqlite' ? 'ledger.sqlite' : 'read-models.sqlite';
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    principals: e.LEDGER_PRINCIPALS,
    store: e.LEDGER_STORE,
    eventStoreUrl: e.EVENTSTORE_URL,
    databaseUrl: e.DATABASE_URL,
    projections: e.LEDGER_PROJECTIONS,
    readModelsFile: e.LEDGER_READ_MODELS_FILE
      ? path.resolve(e.LEDGER_READ_MODELS_FILE)
      : path.join(dataDir, defaultReadModels),
    projectorPort: e.PROJECTOR_PORT,
    logLevel: e.LOG_LEVEL,
    notary: {
      everyEvents: e.LEDGER_NOTARY_EVERY_EVENTS,
      everySeconds: e.LEDGER_NOTARY_EVERY_SECONDS,
      keyDir: e.LEDGER_NOTARY_KEY_DIR ? path.resolve(e.LEDGER_NOTARY_KEY_DIR) : dataDir,
    },
    verifyEverySeconds: e.LEDGER_VERIFY_EVERY_SECONDS,
    deadlines: {
      replyWindowDays: e.LEDGER_REPLY_WINDOW_DAYS,
      decisionWindowDays: e.LEDGER_DECISION_WINDOW_DAYS,
    },
    recordPendingConsequences: e.LEDGER_RECORD_PENDING_CONSEQUENCES === 'true',
    instanceId: e.LEDGER_INSTANCE_ID ?? `${os.hostname()}:${process.pid}`,
    leaseSeconds: e.LEDGER_LEASE_SECONDS,
    access: accessConfigOf(access.data),
    sessions: {
      idleSeconds: e.LEDGER_SESSION_IDLE_SECONDS,
      absoluteSeconds: e.LEDGER_SESSION_ABSOLUTE_SECONDS,
    },
    readWaitMs: e.LEDGER_READ_WAIT_MS,
  };
}

export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');
