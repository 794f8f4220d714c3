import type { LedgerClient } from '../support/http-client';
import type { LedgerProcess } from '../support/ledger-process';
import {
  evidenceLog,
  incidentReport,
  openInvestigationIntoNewIncident,
  registerMissionAndContingent,
} from './support/ledger-fixtures';
import { brokenInvariants, byStream, readModelsBehindTheEvents } from './support/ledger-invariants';
import { LedgerProcesses } from '../support/ledger-processes';
import { readAuditTrail, type EnvelopeJson } from './support/ledger-reads';
import { writeBurst, type WriteAttempt, type Writer } from './support/write-burst';

const INCIDENT_REPORTERS = 4;
const EVIDENCE_LOGGERS = 4;
/** Two evidence loggers share each investigation, so their appends race for the same stream. */
const INVESTIGATIONS = 2;
/** Bounds each writer's loop; the kill comes long before. */
const WRITES_PER_WRITER = 400;

interface Scene {
  contingentId: string;
  investigations: { incidentId: string; investigationId: string }[];
}

async function setTheScene(client: LedgerClient): Promise<Scene> {
  const contingentId = await registerMissionAndContingent(client);
  const investigations = [];
  for (let i = 0; i < INVESTIGATIONS; i++) {
    investigations.push(
      await openInvestigationIntoNewIncident(client, contingentId, `Board of Inquiry ${i + 1}`),
    );
  }
  return { contingentId, investigations };
}

function writersFor(client: LedgerClient, scene: Scene): Writer[] {
  const investigator = client.as('investigator');
  const reporters: Writer[] = Array.from(
    { length: INCIDENT_REPORTERS },
    () => (tag) => investigator.post('/incidents', incidentReport(scene.contingentId, tag)),
  );
  const loggers: Writer[] = Array.from({ length: EVIDENCE_LOGGERS }, (_, i) => {
    const { investigationId } = scene.investigations[i % INVESTIGATIONS];
    return (tag) =>
      investigator.post(`/investigations/${investigationId}/evidence`, evidenceLog(tag));
  });
  return [...reporters, ...loggers];
}

/** The text each write carries: the summary of a report, the description of evidence. */
function tagOfEvent(event: EnvelopeJson): string | undefined {
  if (event.type === 'IncidentReported') return event.data.summary;
  if (event.type === 'EvidenceLogged') return event.data.description;
  return undefined;
}

/** What does not hold of one attempt, given the events that carry its tag after the restart. */
function wrongOutcome(attempt: WriteAttempt, found: EnvelopeJson[]): string | undefined {
  const { outcome, tag } = attempt;
  if (outcome.kind === 'acknowledged') {
    if (found.length !== 1) return `${tag}: acknowledged, found ${found.length} times`;
    const [event] = found;
    const { answer } = outcome;
    const idInEvent =
      event.type === 'IncidentReported' ? event.data.incidentId : event.data.evidenceId;
    const matches =
      event.globalPosition === answer.position &&
      event.streamId === answer.streamId &&
      event.streamRevision === answer.revision &&
      idInEvent === answer.id;
    return matches
      ? undefined
      : `${tag}: acknowledged as ${JSON.stringify(answer)}, recorded at ${event.streamId}@${event.streamRevision} (position ${event.globalPosition}, id ${idInEvent})`;
  }
  if (outcome.kind === 'answered') {
    return found.length === 0 ? undefined : `${tag}: refused with ${outcome.status}, yet recorded`;
  }
  return found.length <= 1 ? undefined : `${tag}: unanswered, recorded ${found.length} times`;
}

describe('The ledger', () => {
  describe('when SIGKILLed in the middle of a burst of concurrent writes', () => {
    const processes = new LedgerProcesses();
    let dataDir: string;

    beforeEach(() => {
      dataDir = processes.newDataDir();
    });

    afterEach(async () => {
      await processes.tearDown();
    });

    it.each([100, 300, 600])(
      'keeps, after a kill at %i acknowledged writes, every acknowledged write exactly once and nothing half-written',
      async (killAfter) => {
        const first = await processes.start(dataDir);
        const scene = await setTheScene(first.client);
        let inFlightAtKill = -1;
        let killed: Promise<void> | undefined;

        const attempts = await writeBurst({
          writers: writersFor(first.client, scene),
          writesPerWriter: WRITES_PER_WRITER,
          tagOf: (writer, sequence) =>
            `Burst write ${sequence} of writer ${writer}, kill after ${killAfter}`,
          onAcknowledged: (acknowledged, inFlight) => {
            if (acknowledged !== killAfter) return;
            inFlightAtKill = inFlight;
            killed = first.kill();
          },
        });
        await killed;

        const acknowledged = attempts.filter((a) => a.outcome.kind === 'acknowledged');
        const serverErrors = attempts.filter(
          (a) => a.outcome.kind === 'answered' && a.outcome.status >= 500,
        );
        expect(killed).toBeDefined();
        expect(inFlightAtKill).toBeGreaterThan(0);
        expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter);
        expect(serverErrors).toEqual([]);

        const second = await processes.start(dataDir);
        const events = await readAuditTrail(second.client);
        expect(brokenInvariants(events)).toEqual([]);
        expect(await readModelsBehindTheEvents(second.client, events)).toEqual([]);

        const byTag = new Map<string, EnvelopeJson[]>();
        for (const event of events) {
          const tag = tagOfEvent(event);
          if (tag !== undefined) byTag.set(tag, [...(byTag.get(tag) ?? []), event]);
        }
        const wrong = attempts.map((a) => wrongOutcome(a, byTag.get(a.tag) ?? [])).filter(Boolean);
        expect(wrong).toEqual([]);
        const attempted = new Set(attempts.map((a) => a.tag));
        const burstEvents = [...byTag.keys()].filter((tag) => tag.startsWith('Burst write'));
        expect(burstEvents.filter((tag) => !attempted.has(tag))).toEqual([]);

        await expectTimelinesToHoldAllEvidence(second, scene, events);
        await expectToAcceptWritesAgain(second, scene, events);
      },
    );
  });
});

/** Evidence logged before the kill is on the timeline of the incident under investigation. */
async function expectTimelinesToHoldAllEvidence(
  ledger: LedgerProcess,
  scene: Scene,
  events: EnvelopeJson[],
) {
  const streams = byStream(events);
  for (const { incidentId, investigationId } of scene.investigations) {
    const response = await ledger.client
      .as('reviewer')
      .get(`/incidents/${incidentId}/timeline?order=recorded`);
    expect(response.status).toBe(200);
    const onTimeline = new Set(
      response.body.entries.map((entry: { position: number }) => entry.position),
    );
    const investigationEvents = streams.get(`investigation-${investigationId}`) ?? [];
    const missing = investigationEvents.filter((event) => !onTimeline.has(event.globalPosition));
    expect(missing.map((event) => `${event.type} at ${event.globalPosition}`)).toEqual([]);
  }
}

/** The restarted ledger carries on where the store ends: the next write takes the next position. */
async function expectToAcceptWritesAgain(
  ledger: LedgerProcess,
  scene: Scene,
  events: EnvelopeJson[],
) {
  const investigator = ledger.client.as('investigator');
  const answer = await investigator.create(
    '/incidents',
    incidentReport(scene.contingentId, 'Reported after the restart'),
  );
  expect(answer.position).toBe((events.at(-1)?.globalPosition ?? 0) + 1);
  const { investigationId } = scene.investigations[0];
  const streamEvents = byStream(events).get(`investigation-${investigationId}`) ?? [];
  const evidence = await investigator.create(
    `/investigations/${investigationId}/evidence`,
    evidenceLog('Logged after the restart'),
  );
  expect(evidence.revision).toBe(streamEvents.length);
  expect(evidence.position).toBe(answer.position + 1);
}
