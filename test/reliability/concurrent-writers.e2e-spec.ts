import type { HttpResponse, LedgerClient } from '../support/http-client';
import { incidentReport, registerMissionAndContingent } from './support/ledger-fixtures';
import {
  brokenInvariants,
  eventsOfType,
  readModelsBehindTheEvents,
  recordedOutOfOrder,
} from './support/ledger-invariants';
import { LedgerProcesses } from '../support/ledger-processes';
import {
  auditTrailAtHead,
  readAuditTrail,
  readStream,
  type EnvelopeJson,
} from './support/ledger-reads';
import { writeBurst, type WriteAttempt, type Writer } from './support/write-burst';

const CLIENTS = 20;
const STALE_REVISION = 'urn:blue-ledger:problem:stale_revision';

const amendment = (summary: string) => ({
  changes: { summary },
  reason: `Correction from a later witness statement: ${summary}`,
});

const amendedSummaryOf = (event: EnvelopeJson): string | undefined => event.data.changes?.summary;

interface ConditionalAttempt {
  ifMatch: number;
  summary: string;
  response: HttpResponse;
}

/** Reads the incident's revision, then amends it with `If-Match: <that revision>`. */
async function amendIfUnchanged(
  investigator: LedgerClient,
  incidentId: string,
  summary: string,
): Promise<ConditionalAttempt> {
  const read = await investigator.get(`/incidents/${incidentId}`);
  expect(read.status).toBe(200);
  const ifMatch: number = read.body.revision;
  const response = await investigator.post(
    `/incidents/${incidentId}/amendments`,
    amendment(summary),
    {
      'If-Match': String(ifMatch),
    },
  );
  return { ifMatch, summary, response };
}

/** Answers that are neither a 201 nor a stale-revision 409 in problem+json. */
function unexpectedAnswers(attempts: ConditionalAttempt[]): string[] {
  return attempts
    .filter(({ response }) => {
      if (response.status === 201) return false;
      return !(
        response.status === 409 &&
        response.contentType?.startsWith('application/problem+json') &&
        response.body.type === STALE_REVISION
      );
    })
    .map(
      ({ ifMatch, response }) =>
        `If-Match ${ifMatch}: ${response.status} ${JSON.stringify(response.body)}`,
    );
}

/** Checks the incident stream against the 201s: one IncidentAmended per success, none per refusal. */
async function expectAmendmentsToMatchSuccesses(
  client: LedgerClient,
  incidentId: string,
  successes: string[],
) {
  const stream = await readStream(client, `incident-${incidentId}`);
  const amended = eventsOfType(stream, 'IncidentAmended').map(amendedSummaryOf);
  expect(amended.length).toBe(successes.length);
  expect([...amended].sort()).toEqual([...successes].sort());
  expect(stream.map((event) => event.streamRevision)).toEqual(
    stream.map((_, revision) => revision),
  );
}

describe('Concurrent writers', () => {
  const processes = new LedgerProcesses();
  let dataDir: string;

  beforeEach(() => {
    dataDir = processes.newDataDir();
  });

  afterEach(async () => {
    await processes.tearDown();
  });

  async function ledgerWithAnIncident() {
    const ledger = await processes.start(dataDir);
    const contingentId = await registerMissionAndContingent(ledger.client);
    const investigator = ledger.client.as('investigator');
    const incident = await investigator.create(
      '/incidents',
      incidentReport(contingentId, 'Attack on the POC site'),
    );
    return { ledger, investigator, contingentId, incidentId: incident.id };
  }

  describe('amending the same incident with If-Match', () => {
    it('lets exactly one of the clients that read the same revision win each round, and refuses the others as stale', async () => {
      const { ledger, investigator, incidentId } = await ledgerWithAnIncident();
      const rounds = 5;
      const attempts: ConditionalAttempt[] = [];
      for (let round = 0; round < rounds; round++) {
        const reads = await Promise.all(
          Array.from({ length: CLIENTS }, () => investigator.get(`/incidents/${incidentId}`)),
        );
        expect(new Set(reads.map((read) => read.body.revision))).toEqual(new Set([round]));
        const answers = await Promise.all(
          Array.from({ length: CLIENTS }, (_, client) => {
            const summary = `Round ${round}, client ${client}: the attackers entered through the south gate`;
            return investigator
              .post(`/incidents/${incidentId}/amendments`, amendment(summary), {
                'If-Match': String(round),
              })
              .then((response) => ({ ifMatch: round, summary, response }));
          }),
        );
        attempts.push(...answers);
        const winners = answers.filter(({ response }) => response.status === 201);
        expect(winners.map(({ response }) => response.body.revision)).toEqual([round + 1]);
      }

      expect(unexpectedAnswers(attempts)).toEqual([]);
      const successes = attempts
        .filter(({ response }) => response.status === 201)
        .map(({ summary }) => summary);
      expect(successes).toHaveLength(rounds);
      await expectAmendmentsToMatchSuccesses(ledger.client, incidentId, successes);
      const events = await readAuditTrail(ledger.client);
      expect(brokenInvariants(events)).toEqual([]);
      expect(await readModelsBehindTheEvents(ledger.client, events)).toEqual([]);
    });

    it('never lets two writes succeed on the same revision when the clients read and write freely', async () => {
      const { ledger, investigator, incidentId } = await ledgerWithAnIncident();
      const attemptsPerClient = 5;
      const attempts = (
        await Promise.all(
          Array.from({ length: CLIENTS }, async (_, client) => {
            const mine: ConditionalAttempt[] = [];
            for (let n = 0; n < attemptsPerClient; n++) {
              mine.push(
                await amendIfUnchanged(
                  investigator,
                  incidentId,
                  `Client ${client}, attempt ${n}: casualty count revised`,
                ),
              );
            }
            return mine;
          }),
        )
      ).flat();

      expect(unexpectedAnswers(attempts)).toEqual([]);
      const successes = attempts.filter(({ response }) => response.status === 201);
      const revisionsWon = successes.map(({ ifMatch }) => ifMatch);
      expect(new Set(revisionsWon).size).toBe(revisionsWon.length);
      for (const { ifMatch, response } of successes)
        expect(response.body.revision).toBe(ifMatch + 1);
      await expectAmendmentsToMatchSuccesses(
        ledger.client,
        incidentId,
        successes.map(({ summary }) => summary),
      );
      const events = await readAuditTrail(ledger.client);
      expect(brokenInvariants(events)).toEqual([]);
      expect(await readModelsBehindTheEvents(ledger.client, events)).toEqual([]);
    });
  });

  describe('amending the same incident without If-Match', () => {
    it('decides every write on the fresh state: none is lost, each success is one event', async () => {
      const { ledger, investigator, incidentId } = await ledgerWithAnIncident();
      const answers = await Promise.all(
        Array.from({ length: CLIENTS }, (_, client) => {
          const summary = `Unconditional amendment by client ${client}`;
          return investigator
            .post(`/incidents/${incidentId}/amendments`, amendment(summary))
            .then((response) => ({ summary, response }));
        }),
      );

      const notDecided = answers.filter(
        ({ response }) => response.status !== 201 && response.status !== 422,
      );
      expect(
        notDecided.map(({ response }) => `${response.status} ${JSON.stringify(response.body)}`),
      ).toEqual([]);
      const successes = answers.filter(({ response }) => response.status === 201);
      expect(successes).toHaveLength(CLIENTS);
      const revisions = successes
        .map(({ response }) => response.body.revision)
        .sort((a, b) => a - b);
      expect(revisions).toEqual(Array.from({ length: CLIENTS }, (_, i) => i + 1));
      await expectAmendmentsToMatchSuccesses(
        ledger.client,
        incidentId,
        successes.map(({ summary }) => summary),
      );
      const events = await readAuditTrail(ledger.client);
      expect(brokenInvariants(events)).toEqual([]);
      expect(recordedOutOfOrder(events)).toEqual([]);
      expect(await readModelsBehindTheEvents(ledger.client, events)).toEqual([]);
    });
  });

  describe('two ledger processes on the same data directory', () => {
    async function writeFromBothAtOnce(secondEnv: Record<string, string>) {
      const { ledger: first, contingentId, incidentId } = await ledgerWithAnIncident();
      const second = await processes.start(dataDir, secondEnv);

      const writersOn = (client: LedgerClient): Writer[] => {
        const investigator = client.as('investigator');
        const report: Writer = (tag) =>
          investigator.post('/incidents', incidentReport(contingentId, tag));
        const amend: Writer = (tag) =>
          investigator.post(`/incidents/${incidentId}/amendments`, amendment(tag));
        return [report, report, amend, amend];
      };
      const attempts = await writeBurst({
        writers: [...writersOn(first.client), ...writersOn(second.client)],
        writesPerWriter: 25,
        tagOf: (writer, sequence) =>
          `Two-process write ${sequence} of writer ${writer} on the ${writer < 4 ? 'first' : 'second'} process`,
      });

      expect(notAcknowledged(attempts)).toEqual([]);
      const seenByFirst = await auditTrailAtHead(first.client);
      const seenBySecond = await auditTrailAtHead(second.client);
      expect(seenBySecond.map((event) => event.eventId)).toEqual(
        seenByFirst.map((event) => event.eventId),
      );
      expect(brokenInvariants(seenByFirst)).toEqual([]);
      expect(missingOrDuplicated(attempts, seenByFirst)).toEqual([]);
      expect(await readModelsBehindTheEvents(first.client, seenByFirst)).toEqual([]);
      expect(await readModelsBehindTheEvents(second.client, seenBySecond)).toEqual([]);
    }

    it('loses and duplicates no event when both write at once, and both read the full set', async () => {
      await writeFromBothAtOnce({});
    });

    it('does the same when only the first runs the projections (LEDGER_PROJECTIONS=external on the second)', async () => {
      await writeFromBothAtOnce({ LEDGER_PROJECTIONS: 'external' });
    });
  });
});

/** The writes that were not acknowledged, counted by process and answer. */
function notAcknowledged(attempts: WriteAttempt[]): string[] {
  const counts = new Map<string, number>();
  for (const { tag, outcome } of attempts) {
    if (outcome.kind === 'acknowledged') continue;
    const onProcess = tag.slice(tag.indexOf(' on the ') + 1);
    const answer =
      outcome.kind === 'no_answer'
        ? `no answer (${outcome.error})`
        : `${outcome.status} ${(outcome.body as { type?: string }).type ?? ''}`;
    const key = `${onProcess}: ${answer}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => `${count} writes ${key}`);
}

/** Each acknowledged write stands exactly once, where its answer said. */
function missingOrDuplicated(attempts: WriteAttempt[], events: EnvelopeJson[]): string[] {
  const tagOf = (event: EnvelopeJson) =>
    event.type === 'IncidentReported' ? event.data.summary : amendedSummaryOf(event);
  const problems: string[] = [];
  for (const { tag, outcome } of attempts) {
    if (outcome.kind !== 'acknowledged') continue;
    const found = events.filter((event) => tagOf(event) === tag);
    if (found.length !== 1) {
      problems.push(`${tag}: acknowledged, found ${found.length} times`);
      continue;
    }
    const [event] = found;
    const { answer } = outcome;
    if (
      event.globalPosition !== answer.position ||
      event.streamId !== answer.streamId ||
      event.streamRevision !== answer.revision
    ) {
      problems.push(
        `${tag}: acknowledged as ${JSON.stringify(answer)}, found at ${event.streamId}@${event.streamRevision} (${event.globalPosition})`,
      );
    }
  }
  return problems;
}
