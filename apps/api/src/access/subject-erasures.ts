import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandPath, metaOf, type CommandContext } from '@blue-ledger/command-handling';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@blue-ledger/event-store';
import type { LedgerSubjectKeys } from '@blue-ledger/runtime';
import { IDEMPOTENCY_KEYS, type IdempotencyKeys } from '../http/idempotency.store';
import { START_WORK, type StartWork, type StartWorkRun } from '../infrastructure/start-work';
import { ProblemException } from '../problems/problem.exception';
import { SUBJECT_KEYS } from './subject-keys.token';

const BATCH = 1000;

/**
 * Erasing a data subject: first the fact, as a `SubjectErased` event in the subject's own
 * stream (who, when, why; nothing personal), so that the record of erasures is in the hash
 * chains and the Merkle log like every other fact; then what follows from it: the subject's
 * wrapped key destroyed, new details for it refused, and the idempotency records of requests
 * that named it forgotten. At start, every recorded erasure is applied again, so that a crash
 * between the event and the key's destruction never leaves a key behind; with several instances
 * on one PostgreSQL, one does it and the others wait for it before they serve.
 */
@Injectable()
export class SubjectErasures implements OnApplicationBootstrap {
  private readonly logger = new Logger('SubjectErasures');

  constructor(
    private readonly path: CommandPath,
    @Inject(SUBJECT_KEYS) private readonly keys: LedgerSubjectKeys,
    @Inject(IDEMPOTENCY_KEYS) private readonly idempotency: IdempotencyKeys,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(START_WORK) private readonly startWork: StartWork,
  ) {}

  async erase(subjectId: string, reason: string, context: CommandContext) {
    if (!(await this.keys.has(subjectId)) && !(await this.keys.erasureOf(subjectId))) {
      // Never sealed for: nothing to erase, and nothing recorded that would block the id.
      throw new ProblemException(
        404,
        'subject_not_found',
        `The ledger holds no personal details of a subject ${subjectId}.`,
      );
    }
    const result = await this.path.execute(
      {
        aggregate: 'subject',
        id: subjectId,
        command: { type: 'EraseSubject', data: { subjectId, reason }, meta: metaOf(context) },
      },
      context,
    );
    const [event] = result.events;
    const erasure = await this.apply({
      subjectId,
      reason,
      erasedAt: event.recordedAt,
      erasedBy: event.actor.id,
    });
    return {
      ...erasure,
      streamId: result.streamId,
      revision: Number(result.revision),
      position: Number(result.position),
    };
  }

  /**
   * Every recorded erasure applied again, before the instance serves: on PostgreSQL by one
   * instance at a time (the others wait for it), each going on from the last erasure the last
   * run went through, which is usually the last there is.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.startWork.inTurn('erasures', (covered) => this.replay(covered));
  }

  /**
   * The erasures recorded after position `covered` applied again where unfinished: answers the
   * position of the last one read and how many needed it, or null when there was none.
   */
  private async replay(covered: bigint | null): Promise<StartWorkRun | null> {
    let from: bigint | 'start' = covered ?? 'start';
    let last: bigint | null = null;
    let applied = 0;
    for (;;) {
      const events: RecordedEvent[] = await this.store.readAll({
        fromPosition: from,
        maxCount: BATCH,
        filter: { eventTypes: ['SubjectErased'] },
      });
      const after = from;
      const fresh = after === 'start' ? events : events.filter((e) => e.globalPosition > after);
      for (const event of fresh) {
        const { subjectId, reason } = event.data as { subjectId: string; reason: string };
        last = event.globalPosition;
        if ((await this.keys.erasureOf(subjectId)) && !(await this.keys.has(subjectId))) continue;
        await this.apply({
          subjectId,
          reason,
          erasedAt: event.recordedAt,
          erasedBy: event.actor.id,
        });
        applied += 1;
      }
      if (events.length < BATCH || fresh.length === 0) break;
      from = events[events.length - 1].globalPosition;
    }
    if (applied > 0) this.logger.warn(`applied ${applied} recorded erasures left unfinished`);
    return last === null ? null : { covered: last, done: applied };
  }

  private async apply(erasure: {
    subjectId: string;
    reason: string;
    erasedAt: string;
    erasedBy: string;
  }) {
    const done = (await this.keys.erasureOf(erasure.subjectId)) ?? erasure;
    await this.idempotency.forgetSubject(erasure.subjectId);
    // Last: it also empties the write-ahead log of the forgotten hashes.
    await this.keys.erase(done);
    return done;
  }
}
