import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
  Optional,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@blue-ledger/event-store';
import {
  ChainVerifier,
  feedStore,
  LedgerVerifier,
  type LedgerFailure,
} from '@blue-ledger/integrity';
import { Notary } from '@blue-ledger/projections';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { LEDGER_CONFIG, type LedgerConfig } from '@blue-ledger/runtime';
import { VerificationPasses } from './verification-passes';
import {
  VERIFICATION_TURNS,
  type FullPassResult,
  type VerificationTurns,
} from './verification-turns';

/** Thrown out of the first pass's progress when the ledger stops meanwhile. */
const STOPPED = Symbol('stopped');

/** Events read and checked in one turn of the event loop. */
const SLICE = 500;
/** How often new events are looked for. */
const FOLLOW_MS = 1000;

export interface IntegrityFailure {
  /** Global position of the first event that cannot be vouched for (a decimal string), or null. */
  position: string | null;
  reason: string;
  streamId: string | null;
  detail: string;
}

export interface IntegrityStatus {
  /** `verifying` until the first full pass is done; `failed` from the first failure on. */
  status: 'verifying' | 'ok' | 'failed';
  /** The global position up to which every chain was verified (a decimal string), or null. */
  checkedThrough: string | null;
  /** When the last full pass (chains, Merkle log and signed heads) ended. */
  lastFullPassAt: string | null;
  /**
   * Only where instances share the periodic pass (PostgreSQL): which instance ran that pass
   * (its LEDGER_INSTANCE_ID; this one's own for its pass at start), null if the pass was
   * recorded before instances were named.
   */
  lastFullPassBy?: string | null;
  failure?: IntegrityFailure;
}

/**
 * Verifies the store in the background, all the time: at start a full pass (every hash chain,
 * the Merkle root of every signed head, their signatures and consistency), then every new
 * event's chain as it arrives, and a full pass again every LEDGER_VERIFY_EVERY_SECONDS. It
 * reads and checks a slice of events per turn of the event loop, so requests go on meanwhile.
 * The first failure is logged as an error and stays on `/health` until the ledger restarts.
 */
@Injectable()
export class IntegrityWatch implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('IntegrityWatch');
  private chains = new ChainVerifier();
  private state: IntegrityStatus = {
    status: 'verifying',
    checkedThrough: null,
    lastFullPassAt: null,
  };
  private followed: bigint | null = null;
  private stopped = false;
  private following?: NodeJS.Timeout;
  private fullPasses?: NodeJS.Timeout;
  private running: Promise<void> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(Notary) private readonly notary: Notary,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly passes: VerificationPasses,
    @Optional()
    @Inject(VERIFICATION_TURNS)
    private readonly turns: VerificationTurns | null = null,
  ) {}

  status(): IntegrityStatus {
    return this.state;
  }

  onApplicationBootstrap(): void {
    this.running = this.firstPass().then(() => {
      if (this.stopped) return;
      this.following = setInterval(() => this.serially(() => this.follow()), FOLLOW_MS);
      const every = this.config.verifyEverySeconds;
      if (every > 0) {
        this.fullPasses = setInterval(() => this.serially(() => this.fullPass()), every * 1000);
      }
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.following);
    clearInterval(this.fullPasses);
    await this.running.catch(() => undefined);
  }

  /** One thing at a time: a follow step never runs beside a full pass. */
  private serially(step: () => Promise<void>): void {
    this.running = this.running.then(step).catch((error: unknown) => {
      this.logger.error(`verification could not run: ${String(error)}`);
    });
  }

  /**
   * Chains from the first event, and the signed heads against the events they cover. Each
   * event's hash is recomputed once (it was twice: the watch's chains and the ledger
   * verifier's), a page at a time with requests let in between pages; the watch then goes on
   * from the chains this pass verified.
   */
  private async firstPass(): Promise<void> {
    await this.notary.syncHeads();
    const ledger = new LedgerVerifier(this.notary.publicKey);
    for (const { id, head } of this.notary.heads(0, Number.MAX_SAFE_INTEGER)) {
      ledger.addHead(head, { label: `signed head #${id}` });
    }
    try {
      await feedStore(ledger, this.store, {
        // On this thread: at 1M events on 2 busy cores, hashing threads finished no sooner
        // (20 s either way) and took the server's peak RSS from 350 to 515 MiB.
        threads: 0,
        pageSize: SLICE,
        onProgress: async () => {
          await nextTurn();
          if (this.stopped) throw STOPPED;
        },
      });
    } catch (error) {
      if (error === STOPPED) return;
      throw error;
    }
    this.chains = ledger.chainVerifier;
    this.followed = this.chains.checkedThrough;
    if (this.followed !== null) {
      this.state = { ...this.state, checkedThrough: String(this.followed) };
    }
    const report = ledger.finish();
    if (!report.ok && report.failure) this.fail(fromLedgerFailure(report.failure));
    else this.passed();
  }

  /** Every event appended since the last one checked, a slice per turn. */
  private async follow(): Promise<void> {
    while (!this.stopped && this.state.status !== 'failed') {
      const from = this.followed;
      const page = await this.store.readAll({
        fromPosition: from ?? 'start',
        maxCount: SLICE + 1,
      });
      const fresh = from === null ? page : page.filter((e) => e.globalPosition > from);
      for (const event of fresh) {
        const failure = this.chains.add(event);
        if (failure) {
          this.fail({
            position: String(failure.position),
            reason: failure.reason,
            streamId: failure.streamId,
            detail: failure.detail,
          });
          return;
        }
        this.followed = event.globalPosition;
        this.state = { ...this.state, checkedThrough: String(event.globalPosition) };
      }
      if (fresh.length === 0 || page.length < SLICE + 1) return;
      await nextTurn();
    }
  }

  /**
   * The whole store again, from scratch: a change to an old event shows here. A pass a caller
   * of `POST /integrity/verification` started is shared rather than run twice. With several
   * instances on one PostgreSQL (`turns`), one instance at a time runs it; an instance whose
   * turn it is not reports the last pass any instance finished (its time and its outcome).
   */
  private async fullPass(): Promise<void> {
    if (this.stopped || this.state.status === 'failed') return;
    const pass = async (): Promise<FullPassResult> => {
      const { report, verifiedAt } = await this.passes.run();
      const failure = !report.ok && report.failure ? fromLedgerFailure(report.failure) : null;
      return { ok: failure === null, failure, finishedAt: verifiedAt };
    };
    const { result } = this.turns ? await this.turns.take(pass) : { result: await pass() };
    if (!result) return;
    if (result.failure) this.fail(result.failure);
    else this.passed(result.finishedAt, result.instance ?? null);
  }

  /** `by`: who ran the pass, where passes are shared; this instance's own pass by default. */
  private passed(at = new Date().toISOString(), by: string | null = this.config.instanceId): void {
    if (this.state.status === 'failed') return;
    if (this.state.lastFullPassAt && this.state.lastFullPassAt > at) return;
    this.state = {
      ...this.state,
      status: 'ok',
      lastFullPassAt: at,
      ...(this.turns && { lastFullPassBy: by }),
    };
  }

  private fail(failure: IntegrityFailure): void {
    if (this.state.status === 'failed') return;
    this.state = { ...this.state, status: 'failed', failure };
    this.logger.error(
      `integrity check failed at position ${failure.position ?? '(none)'}` +
        `${failure.streamId ? ` in ${failure.streamId}` : ''}: ${failure.reason} (${failure.detail})`,
    );
  }
}

const fromLedgerFailure = (failure: LedgerFailure): IntegrityFailure => ({
  position: failure.position === null ? null : String(failure.position),
  reason: failure.reason,
  streamId: failure.streamId,
  detail: failure.detail,
});
