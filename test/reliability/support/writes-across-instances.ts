import type { RecordedEvent } from '@blue-ledger/event-store';
import type { HttpResponse, LedgerClient } from '../../support/http-client';
import { incidentReport } from './ledger-fixtures';
import { writeBurst, type WriteAttempt, type Writer } from './write-burst';

/**
 * What the tests of several API instances writing to one store at once (EventStoreDB's scale
 * out, PostgreSQL's three instances) write and check: incidents reported and amended, each
 * write carrying a unique tag in its summary.
 */
export const STALE_REVISION = 'urn:blue-ledger:problem:stale_revision';

export const amendment = (summary: string) => ({
  changes: { summary },
  reason: `Correction from a later witness statement: ${summary}`,
});

/** The summary a write carried: how each write is found among the events. */
export const tagOf = (event: RecordedEvent): unknown =>
  event.type === 'IncidentReported'
    ? event.data.summary
    : (event.data.changes as { summary?: string } | undefined)?.summary;

export const isStaleRevision = (response: HttpResponse) =>
  response.status === 409 &&
  response.contentType?.startsWith('application/problem+json') === true &&
  response.body.type === STALE_REVISION;

/**
 * Round `round` of amendments with If-Match: `clientsPerApi` clients through each instance
 * amend the incident at `revision`, all at once. What won (its summary and the revision it
 * made), and what was answered neither with a 201 nor with a stale-revision 409.
 */
async function amendAtOnce(
  investigators: LedgerClient[],
  {
    incidentId,
    revision,
    round,
    clientsPerApi,
  }: {
    incidentId: string;
    revision: number;
    round: number;
    clientsPerApi: number;
  },
): Promise<{ won: { summary: string; revision: unknown }[]; otherwise: string[] }> {
  const answers = await Promise.all(
    investigators.flatMap((investigator, api) =>
      Array.from({ length: clientsPerApi }, async (_, client) => {
        const summary = `Round ${round}: client ${client} of API ${api + 1}`;
        const response = await investigator.post(
          `/incidents/${incidentId}/amendments`,
          amendment(summary),
          { 'If-Match': String(revision) },
        );
        return { summary, response };
      }),
    ),
  );
  return {
    won: answers
      .filter(({ response }) => response.status === 201)
      .map(({ summary, response }) => ({ summary, revision: response.body.revision })),
    otherwise: answers
      .filter(({ response }) => response.status !== 201 && !isStaleRevision(response))
      .map(({ response }) => `${response.status} ${JSON.stringify(response.body)}`),
  };
}

/**
 * `rounds` rounds of `amendAtOnce`, each at the incident's revision then (`revisionNow`): in
 * each, exactly one write wins and makes the next revision, and every other is a stale-revision
 * 409. Answers the winners' summaries, in order.
 */
export async function amendInRounds(
  investigators: LedgerClient[],
  revisionNow: () => Promise<number>,
  options: { incidentId: string; rounds: number; clientsPerApi: number },
): Promise<string[]> {
  const winners: string[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const revision = await revisionNow();
    const { won, otherwise } = await amendAtOnce(investigators, { ...options, revision, round });
    expect(won.map((write) => write.revision)).toEqual([revision + 1]);
    expect(otherwise).toEqual([]);
    winners.push(won[0].summary);
  }
  return winners;
}

/**
 * A burst of unconditional writes through every instance: on each, `reports` writers report
 * incidents and `amendments` writers amend the one incident, `writesPerWriter` writes each,
 * every write tagged with its writer and its instance.
 */
export function burstFromEveryInstance(
  investigators: LedgerClient[],
  options: {
    contingentId: string;
    incidentId: string;
    reports: number;
    amendments: number;
    writesPerWriter: number;
  },
): Promise<WriteAttempt[]> {
  const { contingentId, incidentId, reports, amendments, writesPerWriter } = options;
  const writersOn = (investigator: LedgerClient): Writer[] => [
    ...Array.from(
      { length: reports },
      (): Writer => (tag) => investigator.post('/incidents', incidentReport(contingentId, tag)),
    ),
    ...Array.from(
      { length: amendments },
      (): Writer => (tag) =>
        investigator.post(`/incidents/${incidentId}/amendments`, amendment(tag)),
    ),
  ];
  const writersPerApi = reports + amendments;
  return writeBurst({
    writers: investigators.flatMap(writersOn),
    writesPerWriter,
    tagOf: (writer, sequence) =>
      `Write ${sequence} of writer ${writer} (API ${Math.floor(writer / writersPerApi) + 1})`,
  });
}

/** Writes that got neither a 201 nor a stale-revision 409. */
export function answeredOtherwise(attempts: WriteAttempt[]): string[] {
  return attempts.flatMap(({ tag, outcome }) => {
    if (outcome.kind === 'acknowledged') return [];
    if (outcome.kind === 'no_answer') return [`${tag}: no answer (${outcome.error})`];
    const body = outcome.body as { type?: string };
    if (outcome.status === 409 && body.type === STALE_REVISION) return [];
    return [`${tag}: ${outcome.status} ${JSON.stringify(body)}`];
  });
}

/** Each acknowledged write stands exactly once, where its answer said; a refused one not at all. */
export function missingOrDuplicated(attempts: WriteAttempt[], events: RecordedEvent[]): string[] {
  const problems: string[] = [];
  for (const { tag, outcome } of attempts) {
    const found = events.filter((event) => tagOf(event) === tag);
    if (outcome.kind === 'acknowledged') {
      if (found.length !== 1) {
        problems.push(`${tag}: acknowledged, found ${found.length} times`);
        continue;
      }
      const [event] = found;
      if (
        Number(event.globalPosition) !== outcome.answer.position ||
        event.streamId !== outcome.answer.streamId ||
        Number(event.streamRevision) !== outcome.answer.revision
      ) {
        problems.push(
          `${tag}: acknowledged as ${JSON.stringify(outcome.answer)}, stored at ${event.streamId}@${event.streamRevision} (${event.globalPosition})`,
        );
      }
    } else if (outcome.kind === 'answered' && found.length > 0) {
      problems.push(`${tag}: refused with ${outcome.status}, yet stored ${found.length} times`);
    } else if (found.length > 1) {
      problems.push(`${tag}: unanswered, stored ${found.length} times`);
    }
  }
  return problems;
}
