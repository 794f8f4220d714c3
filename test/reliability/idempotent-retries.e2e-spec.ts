import { isDeepStrictEqual } from 'node:util';
import type { HttpResponse, LedgerClient } from '../support/http-client';
import type { LedgerProcess } from '../support/ledger-process';
import {
  evidenceLog,
  incidentReport,
  openInvestigationIntoNewIncident,
  registerMissionAndContingent,
} from './support/ledger-fixtures';
import {
  brokenInvariants,
  inBatches,
  readModelsBehindTheEvents,
} from './support/ledger-invariants';
import { LedgerProcesses } from '../support/ledger-processes';
import { headPosition, readAuditTrail, type EnvelopeJson } from './support/ledger-reads';
import { writeBurst, type Writer } from './support/write-burst';

const IN_FLIGHT = 'urn:blue-ledger:problem:idempotency_key_in_flight';
const REUSED = 'urn:blue-ledger:problem:idempotency_key_reused';

const isReplay = (response: HttpResponse) => response.headers.get('idempotent-replayed') === 'true';

/** The events whose report summary or evidence description is `text`. */
const eventsCarrying = (events: EnvelopeJson[], text: string) =>
  events.filter((event) => event.data.summary === text || event.data.description === text);

/** An Idempotency-Key (visible ASCII, no spaces) for a write recognisable by `tag`. */
const keyFor = (tag: string) => `key:${tag.replace(/[^A-Za-z0-9]+/g, '-')}`;

describe('Retries with an Idempotency-Key', () => {
  const processes = new LedgerProcesses();
  let dataDir: string;
  let ledger: LedgerProcess;
  let contingentId: string;

  beforeEach(async () => {
    dataDir = processes.newDataDir();
    ledger = await processes.start(dataDir);
    contingentId = await registerMissionAndContingent(ledger.client);
  });

  afterEach(async () => {
    await processes.tearDown();
  });

  const investigator = () => ledger.client.as('investigator');
  const report = (client: LedgerClient, summary: string, key: string) =>
    client.post('/incidents', incidentReport(contingentId, summary), { 'Idempotency-Key': key });

  describe('sent one after another', () => {
    it('create one event, and every retry answers the first answer, marked as replayed', async () => {
      const summary = 'Shelling near the POC site perimeter, reported once, sent five times';
      const answers: HttpResponse[] = [];
      for (let n = 0; n < 5; n++)
        answers.push(await report(investigator(), summary, 'report-shelling-1'));

      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
      expect(answers.map(isReplay)).toEqual([false, true, true, true, true]);
      for (const answer of answers) expect(answer.body).toEqual(answers[0].body);
      const events = await readAuditTrail(ledger.client);
      expect(eventsCarrying(events, summary)).toHaveLength(1);
      expect(await headPosition(ledger.client)).toBe(answers[0].body.position);
    });
  });

  describe('sent concurrently', () => {
    it('create one event; each answer is the first answer or a 409 saying the key is in flight', async () => {
      const summary = 'Armed men entered the POC site, reported by ten impatient clients at once';
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => report(investigator(), summary, 'report-armed-men')),
      );

      const created = answers.filter((a) => a.status === 201);
      const inFlight = answers.filter((a) => a.status === 409 && a.body.type === IN_FLIGHT);
      expect(created.length + inFlight.length).toBe(answers.length);
      expect(created.length).toBeGreaterThanOrEqual(1);
      for (const answer of created) expect(answer.body).toEqual(created[0].body);
      for (const answer of inFlight)
        expect(answer.contentType).toMatch(/^application\/problem\+json/);

      const retry = await report(investigator(), summary, 'report-armed-men');
      expect(retry.status).toBe(201);
      expect(isReplay(retry)).toBe(true);
      expect(retry.body).toEqual(created[0].body);
      const events = await readAuditTrail(ledger.client);
      expect(eventsCarrying(events, summary)).toHaveLength(1);
      expect(brokenInvariants(events)).toEqual([]);
    });
  });

  describe('reused for a different request', () => {
    it('refuses it with 422 idempotency_key_reused and appends nothing', async () => {
      const first = await report(investigator(), 'A first report under this key', 'report-reused');
      expect(first.status).toBe(201);
      const head = await headPosition(ledger.client);

      const otherBody = await report(
        investigator(),
        'A different report under the same key',
        'report-reused',
      );
      const { investigationId } = await openInvestigationIntoNewIncident(
        ledger.client,
        contingentId,
        'Board of Inquiry',
      );
      const headBeforeOtherPath = await headPosition(ledger.client);
      const otherPath = await investigator().post(
        `/investigations/${investigationId}/evidence`,
        evidenceLog('A first report under this key'),
        { 'Idempotency-Key': 'report-reused' },
      );

      for (const refused of [otherBody, otherPath]) {
        expect(refused.status).toBe(422);
        expect(refused.contentType).toMatch(/^application\/problem\+json/);
        expect(refused.body.type).toBe(REUSED);
      }
      expect(head).toBe(first.body.position);
      expect(await headPosition(ledger.client)).toBe(headBeforeOtherPath);
      const events = await readAuditTrail(ledger.client);
      expect(eventsCarrying(events, 'A different report under the same key')).toEqual([]);
    });
  });

  describe('used by two principals', () => {
    it('belongs to each of them: the same key and body make one event per principal', async () => {
      const summary = 'Two investigators report the same attack under the same key';
      const byFirst = await report(investigator(), summary, 'shared-key');
      const bySecond = await report(ledger.client.as('investigator2'), summary, 'shared-key');
      const firstAgain = await report(investigator(), summary, 'shared-key');

      expect([byFirst.status, bySecond.status, firstAgain.status]).toEqual([201, 201, 201]);
      expect(isReplay(bySecond)).toBe(false);
      expect(bySecond.body.id).not.toBe(byFirst.body.id);
      expect(isReplay(firstAgain)).toBe(true);
      expect(firstAgain.body).toEqual(byFirst.body);
      const events = eventsCarrying(await readAuditTrail(ledger.client), summary);
      expect(events.map((event) => event.actor.id).sort()).toEqual(['inv-boi', 'inv-mission']);
    });
  });

  describe('sent again after the ledger was SIGKILLed right after answering', () => {
    it('answers the first answer and appends nothing', async () => {
      const summary = 'Reported just before the ledger was killed';
      const first = await report(investigator(), summary, 'report-before-kill');
      await ledger.kill();
      expect(first.status).toBe(201);

      ledger = await processes.start(dataDir);
      const retry = await report(investigator(), summary, 'report-before-kill');
      expect(retry.status).toBe(201);
      expect(isReplay(retry)).toBe(true);
      expect(retry.body).toEqual(first.body);
      expect(await headPosition(ledger.client)).toBe(first.body.position);
      const events = await readAuditTrail(ledger.client);
      expect(eventsCarrying(events, summary)).toHaveLength(1);
    });
  });

  describe('sent again after the ledger was SIGKILLed with requests in flight', () => {
    it('makes each request stand exactly once, answered as it was first answered', async () => {
      const { investigationId } = await openInvestigationIntoNewIncident(
        ledger.client,
        contingentId,
        'Board of Inquiry',
      );
      const requestFor = (writer: number, tag: string) =>
        writer % 2 === 0
          ? { path: '/incidents', body: incidentReport(contingentId, tag) }
          : { path: `/investigations/${investigationId}/evidence`, body: evidenceLog(tag) };
      const send = (client: LedgerClient, writer: number, tag: string) => {
        const { path, body } = requestFor(writer, tag);
        return client.as('investigator').post(path, body, { 'Idempotency-Key': keyFor(tag) });
      };
      const writerOf = new Map<string, number>();
      const writers: Writer[] = Array.from({ length: 8 }, (_, writer) => (tag) => {
        writerOf.set(tag, writer);
        return send(ledger.client, writer, tag);
      });
      let killed: Promise<void> | undefined;
      let inFlightAtKill = 0;
      const first = ledger;
      const attempts = await writeBurst({
        writers,
        writesPerWriter: 40,
        tagOf: (writer, sequence) => `Keyed write ${sequence} of writer ${writer}`,
        onAcknowledged: (acknowledged, inFlight) => {
          if (acknowledged !== 80) return;
          inFlightAtKill = inFlight;
          killed = first.kill();
        },
      });
      await killed;
      expect(inFlightAtKill).toBeGreaterThan(0);

      ledger = await processes.start(dataDir);
      const retries = await inBatches(attempts, 8, (attempt) =>
        send(ledger.client, writerOf.get(attempt.tag) as number, attempt.tag),
      );
      const events = await readAuditTrail(ledger.client);
      const problems = attempts.flatMap((attempt, i) => {
        const retry = retries[i];
        const found = eventsCarrying(events, attempt.tag);
        const wrong: string[] = [];
        if (retry.status !== 201)
          wrong.push(
            `${attempt.tag}: the retry answered ${retry.status} ${JSON.stringify(retry.body)}`,
          );
        if (found.length !== 1) wrong.push(`${attempt.tag}: recorded ${found.length} times`);
        if (attempt.outcome.kind === 'acknowledged') {
          if (!isReplay(retry))
            wrong.push(`${attempt.tag}: the retry of an answered request is not a replay`);
          if (!isDeepStrictEqual(retry.body, attempt.outcome.answer)) {
            wrong.push(
              `${attempt.tag}: first answered ${JSON.stringify(attempt.outcome.answer)}, then ${JSON.stringify(retry.body)}`,
            );
          }
        }
        if (
          found.length === 1 &&
          retry.status === 201 &&
          found[0].globalPosition !== retry.body.position
        ) {
          wrong.push(
            `${attempt.tag}: answered position ${retry.body.position}, recorded at ${found[0].globalPosition}`,
          );
        }
        return wrong;
      });
      expect(problems).toEqual([]);
      expect(brokenInvariants(events)).toEqual([]);
      expect(await readModelsBehindTheEvents(ledger.client, events)).toEqual([]);
    });
  });
});
