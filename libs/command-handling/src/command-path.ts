import { sealPersonalData, SubjectErasedError, type SubjectKeyStore } from '@blue-ledger/access';
import { RuleViolation } from '@blue-ledger/domain';
import type { EventStore } from '@blue-ledger/event-store';
import { AggregateReader } from './aggregate-reader';
import { checkAcrossAggregates, type CheckTools } from './checks/cross-aggregate-checks';
import { RecommendationFinder, type RecommendationLocator } from './checks/recommendation-finder';
import { References } from './checks/references';
import type { CommandContext, CommandResult } from './command-context';
import { handleCommand } from './handle-command';
import { AGGREGATES, type LedgerCommand } from './ledger-command';
import { DEFAULT_CACHED_STREAMS, StreamStateCache } from './stream-state-cache';

export interface CommandPathOptions {
  store: EventStore;
  /** Personal details are sealed under their subjects' keys before the events are hashed. */
  subjectKeys: SubjectKeyStore;
  /** Where the read models say a recommendation lives. */
  recommendations: RecommendationLocator;
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
 * read again), for the commands and for the checks.
 */
export class CommandPath {
  readonly reader: AggregateReader;
  readonly recommendations: RecommendationFinder;
  private readonly cache: StreamStateCache;
  private readonly tools: CheckTools;

  constructor(private readonly options: CommandPathOptions) {
    this.cache = new StreamStateCache(options.cachedStreams ?? DEFAULT_CACHED_STREAMS);
    this.reader = new AggregateReader(options.store, this.cache);
    this.recommendations = new RecommendationFinder(options.recommendations, this.reader);
    this.tools = {
      reader: this.reader,
      references: new References(this.reader),
      recommendations: this.recommendations,
    };
  }

  async execute(target: LedgerCommand, context: CommandContext): Promise<CommandResult> {
    await checkAcrossAggregates(target, context, this.tools);
    const { streamId, decider } = AGGREGATES[target.aggregate];
    const result = await handleCommand(
      this.options.store,
      streamId(target.id),
      decider,
      target.command,
      context,
      { cache: this.cache, seal: (eventId, data) => this.seal(eventId, data) },
    );
    await this.options.afterAppend?.(result.position);
    return result;
  }

  private seal(eventId: string, data: Record<string, unknown>): Record<string, unknown> {
    try {
      return sealPersonalData(data, eventId, this.options.subjectKeys);
    } catch (error) {
      if (!(error instanceof SubjectErasedError)) throw error;
      throw new RuleViolation('subject_erased', error.message, `personal.${error.subjectId}`);
    }
  }
}
