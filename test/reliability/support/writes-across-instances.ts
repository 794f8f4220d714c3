import type { RecordedEvent } from '@blue-ledger/event-store';
import type { HttpResponse, LedgerClient } from '../../support/http-client';
import type { WriteAttempt } from './write-burst';

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
export async function amendAtOnce(
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
