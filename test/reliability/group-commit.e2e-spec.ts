import type { HttpResponse, LedgerClient } from '../support/http-client';
import type { LedgerProcess } from '../support/ledger-process';
import {
  evidenceLog,
  incidentReport,
  openInvestigationIntoNewIncident,
  registerMissionAndContingent,
} from './support/ledger-fixtures';
import { brokenInvariants, readModelsBehindTheEvents } from './support/ledger-invariants';
import { LedgerProcesses } from '../support/ledger-processes';
import { readAuditTrail, readStream, type EnvelopeJson } from './support/ledger-reads';
import { writeBurst, type WriteAttempt, type Writer } from './support/write-burst';

/** As many writers as the benchmark's HTTP load: their appends commit in groups. */
const WRITERS = 32;
const INVESTIGATIONS = 4;
const STALE_REVISION = 'urn:blue-ledger:problem:stale_revision';
const IN_FLIGHT = 'urn:blue-ledger:problem:idempotency_key_in_flight';

interface GroupStats {
  groups: number;
  appends: number;
}

async function groupCommits(client: LedgerClient): Promise<GroupStats> {
  const response = await client.get<{ groupCommits: GroupStats }>('/health');
  return response.body.groupCommits;
}

/** The text each write carries: the summary of a report, the description of evidence. */
const tagOf = (event: EnvelopeJson): string | undefined =>
  event.type === 'IncidentReported'
    ? event.data.summary
    : event.type === 'EvidenceLogged'
      ? event.data.description
      : undefined;

function eventsByTag(events: EnvelopeJson[]): Map<string, EnvelopeJson[]> {
  const byTag = new Map<string, EnvelopeJson[]>();
  for (const event of events) {
    const tag = tagOf(event);
    if (tag !== undefined) byTag.set(tag, [...(byTag.get(tag) ?? []), event]);
  }
  return byTag;
}

/** What does not hold of one attempt, given the events that carry its tag. */
function wrongOutcome(attempt: WriteAttempt, found: EnvelopeJson[]): string | undefined {
  const { outcome, tag } = attempt;
  if (outcome.kind === 'acknowledged') {
    if (found.length !== 1) return `${tag}: acknowledged, found ${found.length} times`;
    const [event] = found;
    const { answer } = outcome;
    return event.globalPosition === answer.position &&
      event.streamId === answer.streamId &&
      event.streamRevision === answer.revision
      ? undefined
      : `${tag}: acknowledged as ${JSON.stringify(answer)}, recorded at ${event.streamId}@${event.streamRevision} (${event.globalPosition})`;
  }
  if (outcome.kind === 'answered') {
    return found.length === 0 ? undefined : `${tag}: refused with ${outcome.status}, yet recorded`;
  }
  return found.length <= 1 ? undefined : `${tag}: unanswered, recorded ${found.length} times`;
}

describe('Group commit, with 32 concurrent writers over HTTP', () => {
  const processes = new LedgerProcesses();
  let dataDir: string;
  let ledger: LedgerProcess;
  let contingentId: string;
  let investigations: string[];

  beforeEach(async () => {
    dataDir = processes.newDataDir();
    ledger = await processes.start(dataDir);
    contingentId = await registerMissionAndContingent(ledger.client);
    investigations = [];
    for (let i = 0; i < INVESTIGATIONS; i++) {
      const opened = await openInvestigationIntoNewIncident(
        ledger.client,
        contingentId,
        `Board of Inquiry ${i + 1}`,
      );
      investigations.push(opened.investigationId);
    }
  });

  afterEach(async () => {
    await processes.tearDown();
  });

  /** Half report incidents, half log evidence in investigations two or more of them share. */
  const writersOn = (client: LedgerClient): Writer[] => {
    const investigator = client.as('investigator');
    return Array.from({ length: WRITERS }, (_, writer) =>
      writer % 2 === 0
        ? (tag: string) => investigator.post('/incidents', incidentReport(contingentId, tag))
        : (tag: string) =>
            investigator.post(
              `/investigations/${investigations[writer % INVESTIGATIONS]}/evidence`,
              evidenceLog(tag),
            ),
    );
  };

  describe('when SIGKILLed in the middle of grouped commits', () => {
    it('keeps every acknowledged write exactly once, where its answer said, and nothing half-written', async () => {
      const before = await groupCommits(ledger.client);
      let killed: Promise<void> | undefined;
      let inFlightAtKill = 0;
      let groupsAtKill: GroupStats | undefined;
      const first = ledger;

      const attempts = await writeBurst({
        writers: writersOn(first.client),
        writesPerWriter: 200,
        tagOf: (writer, sequence) => `Grouped write ${sequence} of writer ${writer}`,
        onAcknowledged: (acknowledged, inFlight) => {
          if (acknowledged === 250) {
            void groupCommits(first.client).then((stats) => (groupsAtKill = stats));
          }
          if (acknowledged !== 400) return;
          inFlightAtKill = inFlight;
          killed = first.kill();
        },
      });
      await killed;

      expect(inFlightAtKill).toBeGreaterThan(0);
      const serverErrors = attempts.filter(
        (a) => a.outcome.kind === 'answered' && a.outcome.status >= 500,
      );
      expect(serverErrors).toEqual([]);
      // The burst did commit in groups: fewer transactions than appends.
      expect(groupsAtKill).toBeDefined();
      const grouped = groupsAtKill as GroupStats;
      expect(grouped.appends - before.appends).toBeGreaterThan(
        (grouped.groups - before.groups) * 2,
      );

      ledger = await processes.start(dataDir);
      const events = await readAuditTrail(ledger.client);
      expect(brokenInvariants(events)).toEqual([]);
      expect(await readModelsBehindTheEvents(ledger.client, events)).toEqual([]);
      const byTag = eventsByTag(events);
      const wrong = attempts.map((a) => wrongOutcome(a, byTag.get(a.tag) ?? [])).filter(Boolean);
      expect(wrong).toEqual([]);
      const attempted = new Set(attempts.map((a) => a.tag));
      const burstTags = [...byTag.keys()].filter((tag) => tag.startsWith('Grouped write'));
      expect(burstTags.filter((tag) => !attempted.has(tag))).toEqual([]);
    });
  });

  describe('when two writes of a burst are conditional on the same revision', () => {
    it('answers the one that loses 409 and commits every other write of the burst', async () => {
      const investigator = ledger.client.as('investigator');
      const incident = await investigator.create(
        '/incidents',
        incidentReport(contingentId, 'The incident two clients amend at once'),
      );
      const amend = (summary: string) =>
        investigator.post(
          `/incidents/${incident.id}/amendments`,
          { changes: { summary }, reason: `Correction: ${summary}` },
          { 'If-Match': '0' },
        );

      const reports = Array.from({ length: WRITERS - 2 }, (_, i) =>
        investigator.post('/incidents', incidentReport(contingentId, `Report ${i} of the burst`)),
      );
      const [first, second, ...others] = await Promise.all([
        amend('First amendment at revision 0'),
        amend('Second amendment at revision 0'),
        ...reports,
      ]);

      const amendments = [first, second];
      expect(amendments.map((a) => a.status).sort()).toEqual([201, 409]);
      const refused = amendments.find((a) => a.status === 409) as HttpResponse;
      expect(refused.contentType).toMatch(/^application\/problem\+json/);
      expect(refused.body.type).toBe(STALE_REVISION);
      expect(others.map((o) => o.status)).toEqual(others.map(() => 201));
      const stream = await readStream(ledger.client, `incident-${incident.id}`);
      expect(stream.map((e) => e.type)).toEqual(['IncidentReported', 'IncidentAmended']);
      const events = await readAuditTrail(ledger.client);
      const byTag = eventsByTag(events);
      for (let i = 0; i < WRITERS - 2; i++) {
        expect(byTag.get(`Report ${i} of the burst`)).toHaveLength(1);
      }
      expect(brokenInvariants(events)).toEqual([]);
    });
  });

  describe('when a request with an Idempotency-Key is sent again within a burst', () => {
    it('appends it once: every copy answers the first answer, or 409 while it is in flight', async () => {
      const investigator = ledger.client.as('investigator');
      const summary = 'Reported once, sent eight times among a burst of other reports';
      const keyed = () =>
        investigator.post('/incidents', incidentReport(contingentId, summary), {
          'Idempotency-Key': 'grouped-retry-1',
        });
      const burst = Array.from({ length: WRITERS }, (_, i) =>
        i % 4 === 0
          ? keyed()
          : investigator.post('/incidents', incidentReport(contingentId, `Other report ${i}`)),
      );

      const answers = await Promise.all(burst);
      const copies = answers.filter((_, i) => i % 4 === 0);
      const retry = await keyed();

      const created = copies.filter((a) => a.status === 201);
      const inFlight = copies.filter((a) => a.status === 409 && a.body.type === IN_FLIGHT);
      expect(created.length + inFlight.length).toBe(copies.length);
      expect(created.length).toBeGreaterThanOrEqual(1);
      for (const answer of [...created, retry]) expect(answer.body).toEqual(created[0].body);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      const events = await readAuditTrail(ledger.client);
      expect(eventsByTag(events).get(summary)).toHaveLength(1);
      expect(answers.filter((_, i) => i % 4 !== 0).every((a) => a.status === 201)).toBe(true);
      expect(brokenInvariants(events)).toEqual([]);
    });
  });
});
