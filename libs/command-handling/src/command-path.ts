import {
  InvalidSubjectIdError,
  sealPersonalData,
  SubjectErasedError,
  type SubjectKeyStore,
} from '@blue-ledger/access';
import { RuleViolation } from '@blue-ledger/domain';
import type { EventStore } from '@blue-ledger/event-store';
import { AggregateReader } from './aggregate-reader';
import { AppointmentFinder, type AppointmentLocator } from './checks/appointment-finder';
import { checkAcrossAggregates, type CheckTools } from './checks/cross-aggregate-checks';
import type { InvestigationCoverage } from './checks/investigator-assignment';
import { RecommendationFinder, type RecommendationLocator } from './checks/recommendation-finder';
import { References } from './checks/references';
import type { CommandContext, CommandResult } from './command-context';
import {
  ConsequenceRecorder,
  IMPLEMENTATION_EVENT,
  type PendingConsequenceLocator,
  type RefusedConsequence,
} from './consequences/consequence-recorder';
import { handleCommand } from './handle-command';
import { AGGREGATES, type LedgerCommand } from './ledger-command';
import { StreamLocks } from './stream-locks';
import { DEFAULT_CACHED_STREAMS, StreamStateCache } from './stream-state-cache';

export interface CommandPathOptions {
  store: EventStore;
  /** Personal details are sealed under their subjects' keys before the events are hashed. */
  subjectKeys: SubjectKeyStore;
  /** Where the read models say a recommendation lives. */
  recommendations: RecommendationLocator;
  /** Who is assigned to the investigations covering an incident (the access scope). */
  coverage: InvestigationCoverage;
  /** Where the read models say a leader's appointment lives. */
  appointments: AppointmentLocator;
  /** Which implemented decisions the read models show without their consequence recorded. */
  pendingConsequences?: PendingConsequenceLocator;
  /** Told when the rules refuse an implementation's consequence (a race with another write). */
  onConsequenceRefused?: (refused: RefusedConsequence) => void;
  /**
   * Called once a command's events are durable, with the position of the last one (the API
   * waits there for its in-process read models: read your writes). It must not throw.
   */
  afterAppend?: (position: bigint) => Promise<void>;
  /** How many folded streams to keep (least recently used first out). */
  cachedStreams?: number;
}

/**
 * The ledger's one write path, for the API, the importers and the bench alike: the
 * cross-aggregate checks, then read, fold, decide, seal personal details, chain the hashes and
 * append with the revision read. Streams folded once are cached (only their newest events are
 * read again), for the commands and for the checks; commands on one stream take turns.
 */
export class CommandPath {
  readonly reader: AggregateReader;
  readonly recommendations: RecommendationFinder;
  readonly appointments: AppointmentFinder;
  private readonly cache: StreamStateCache;
  private readonly locks = new StreamLocks();
  private readonly tools: CheckTools;
  private readonly consequences: ConsequenceRecorder;

  constructor(private readonly options: CommandPathOptions) {
    this.cache = new StreamStateCache(options.cachedStreams ?? DEFAULT_CACHED_STREAMS);
    this.reader = new AggregateReader(options.store, this.cache);
    this.recommendations = new RecommendationFinder(options.recommendations, this.reader);
    this.appointments = new AppointmentFinder(options.appointments, this.reader);
    this.consequences = new ConsequenceRecorder(options.store, this.reader, {
      cache: this.cache,
      seal: (eventId, data) => this.seal(eventId, data),
      onRefused: options.onConsequenceRefused,
    });
    this.tools = {
      reader: this.reader,
      references: new References(this.reader),
      recommendations: this.recommendations,
      coverage: options.coverage,
      appointments: this.appointments,
      consequences: this.consequences,
    };
  }

  async execute(target: LedgerCommand, context: CommandContext): Promise<CommandResult> {
    await checkAcrossAggregates(target, context, this.tools);
    const { streamId, decider } = AGGREGATES[target.aggregate];
    const stream = streamId(target.id);
    const result = await this.locks.withLock(stream, () =>
      handleCommand(this.options.store, stream, decider, target.command, context, {
        cache: this.cache,
        seal: (eventId, data) => this.seal(eventId, data),
      }),
    );
    const implementation = result.events.find((e) => e.type === IMPLEMENTATION_EVENT);
    const consequence =
      target.aggregate === 'decision' && implementation !== undefined
        ? await this.consequences.follow(target.id, implementation)
        : null;
    const last =
      consequence !== null && consequence.position > result.position
        ? consequence.position
        : result.position;
    await this.options.afterAppend?.(last);
    return result;
  }

  /**
   * Records the consequences of implementations that were recorded without theirs (a crash
   * between the two appends): run at start. Returns how many it recorded.
   */
  async recordPendingConsequences(): Promise<number> {
    if (this.options.pendingConsequences === undefined) return 0;
    const recorded = await this.consequences.recordPending(this.options.pendingConsequences);
    const head = await this.options.store.headPosition();
    if (recorded > 0 && head !== null) await this.options.afterAppend?.(head);
    return recorded;
  }

  /**
   * Whether a look for pending consequences that covered `after` leaves anything to look at up
   * to `upTo`: an implementation recorded in between.
   */
  implementedBetween(after: bigint, upTo: bigint): Promise<boolean> {
    return this.consequences.implementedBetween(after, upTo);
  }

  private async seal(
    eventId: string,
    data: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    try {
      return await sealPersonalData(data, eventId, this.options.subjectKeys);
    } catch (error) {
      if (error instanceof InvalidSubjectIdError) {
        throw new RuleViolation('invalid_subject_id', error.message, `personal.${error.subjectId}`);
      }
      if (!(error instanceof SubjectErasedError)) throw error;
      throw new RuleViolation('subject_erased', error.message, `personal.${error.subjectId}`);
    }
  }
}
