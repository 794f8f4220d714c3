import { isSealed, WRAPPED_KEY_BYTES } from '@blue-ledger/access';
import { ProjectionRunner } from '@blue-ledger/projections';
import {
  exportEventLine,
  exportHeaderLine,
  exportHeadLine,
  signedTreeHeadFromJson,
  verifyExport,
} from '@blue-ledger/integrity';
import { EVENT_STORE, type EventStore } from '@blue-ledger/event-store';
import BetterSqlite3 from 'better-sqlite3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PERMISSIONS, PUBLIC } from '../../apps/api/src/access/permissions';
import { ledger } from '../integrity/ledger-cli';
import { ledgerHead } from '../support/ledger-head';
import { startApp, type RunningApp } from '../support/in-process-app';
import type { PrincipalName } from '../support/principals';
import { appRoutes } from './app-routes';
import { CATCH_ALL_ROUTE, DOCUMENTATION_ROUTE, PAGE_ROUTE, pathOf } from './route-requests';

const VICTIM = 'subject-victim-7';
const WITNESS = 'subject-witness-2';
const NAME = 'Amina Plaintext-Victim';
const PHONE = '+236 7012 3456';
const WITNESS_NAME = 'Joseph Witness-Statement';
const SECRETS = [NAME, PHONE];

/** Every byte of the SQLite files of the data directory (database, WAL, shared memory). */
function rawBytes(dataDir: string): Buffer {
  return Buffer.concat(
    fs
      .readdirSync(dataDir)
      .filter((name) => name.includes('.sqlite'))
      .map((name) => fs.readFileSync(path.join(dataDir, name))),
  );
}

const contains = (bytes: Buffer, text: string) =>
  bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le'));

describe('Erasing a data subject', () => {
  let running: RunningApp;
  let incidentId: string;
  let investigationId: string;
  let contingentId: string;
  let headBefore: unknown;
  let publicKey: string;

  const personalOf = async (as: PrincipalName, streamId: string) => {
    const response = await running.client.as(as).get(`/streams/${streamId}`);
    expect(response.status).toBe(200);
    return response.body.events.find((e: { personal?: unknown }) => e.personal).personal;
  };

  beforeAll(async () => {
    running = await startApp();
    const admin = running.client.as('admin');
    const investigator = running.client.as('investigator');
    await admin.create('/missions', { code: 'MINUSCA', name: 'MINUSCA', hostCountry: 'CAF' });
    contingentId = (
      await admin.create('/contingents', {
        country: 'MRT',
        unitType: 'infantry_battalion',
        designation: 'Mauritanian battalion',
        missionCode: 'MINUSCA',
      })
    ).id;
    incidentId = (
      await investigator.create('/incidents', {
        missionCode: 'MINUSCA',
        occurredAt: '2017-03-01T10:00:00Z',
        location: { name: 'Bambari' },
        category: 'sexual_exploitation_and_abuse',
        summary: 'Allegation of sexual exploitation and abuse',
        contingentIds: [contingentId],
        subjects: [
          { subjectId: VICTIM, role: 'victim', details: { name: NAME, phone: PHONE } },
          { subjectId: WITNESS, role: 'witness', details: { name: WITNESS_NAME } },
        ],
      })
    ).id;
    investigationId = (
      await investigator.create('/investigations', {
        incidentIds: [incidentId],
        kind: 'oios',
        title: 'OIOS investigation',
      })
    ).id;
    await investigator.create(`/investigations/${investigationId}/evidence`, {
      kind: 'testimony',
      description: 'Statement of the victim',
      sha256: 'a'.repeat(64),
      custodian: 'OIOS',
      subjects: [{ subjectId: VICTIM, role: 'victim', details: { name: NAME } }],
    });
    headBefore = (await admin.post('/integrity/heads')).body;
    publicKey = (await admin.get('/integrity/public-key')).body.raw;
  });

  afterAll(async () => {
    await running?.close();
  });

  describe('before the erasure', () => {
    it('stores only ciphertext: the details are nowhere in the SQLite files', () => {
      const bytes = rawBytes(running.dataDir);
      for (const secret of [...SECRETS, WITNESS_NAME]) expect(contains(bytes, secret)).toBe(false);
    });

    it('shows the details to the investigator assigned to the case, and logs the read', async () => {
      expect(await personalOf('investigator', `incident-${incidentId}`)).toEqual({
        [VICTIM]: { name: NAME, phone: PHONE },
        [WITNESS]: { name: WITNESS_NAME },
      });
      const log = await running.client.as('oversight').get(`/access-log?subject=${VICTIM}`);
      expect(log.status).toBe(200);
      expect(log.body.items).toEqual([
        expect.objectContaining({
          principalId: 'inv-boi',
          role: 'investigator',
          subjectId: VICTIM,
          streamId: `incident-${incidentId}`,
          request: `GET /streams/incident-${incidentId}`,
        }),
      ]);
    });

    it('redacts them for everyone without need-to-know, and logs nothing for them', async () => {
      for (const as of ['investigator2', 'oversight', 'reviewer', 'admin', 'decider'] as const) {
        expect(await personalOf(as, `incident-${incidentId}`)).toEqual({
          [VICTIM]: '[redacted]',
          [WITNESS]: '[redacted]',
        });
      }
      const log = await running.client.as('admin').get(`/access-log?principal=oios-1`);
      expect(log.body.items).toEqual([]);
    });
  });

  describe('after the erasure', () => {
    let keyBytes: Buffer;

    beforeAll(async () => {
      const db = new BetterSqlite3(path.join(running.dataDir, 'ledger.sqlite'), { readonly: true });
      keyBytes = db
        .prepare('SELECT key FROM subject_keys WHERE subject_id = ?')
        .pluck()
        .get(VICTIM) as Buffer;
      db.close();
      expect(keyBytes).toHaveLength(WRAPPED_KEY_BYTES);
      const erasure = await running.client
        .as('admin')
        .post(`/subjects/${VICTIM}/erasure`, { reason: 'The victim asked to be forgotten' });
      expect(erasure.status).toBe(201);
      expect(erasure.body).toEqual(
        expect.objectContaining({ subjectId: VICTIM, erasedBy: 'admin-1' }),
      );
    });

    it('shows the subject as erased to everyone, even to the assigned investigator', async () => {
      expect(await personalOf('investigator', `incident-${incidentId}`)).toEqual({
        [VICTIM]: '[erased]',
        [WITNESS]: { name: WITNESS_NAME },
      });
      expect(await personalOf('investigator', `investigation-${investigationId}`)).toEqual({
        [VICTIM]: '[erased]',
      });
      expect(await personalOf('reviewer', `incident-${incidentId}`)).toEqual({
        [VICTIM]: '[erased]',
        [WITNESS]: '[redacted]',
      });
    });

    it('leaves no copy of the key in the SQLite files (secure delete, WAL truncated)', () => {
      expect(rawBytes(running.dataDir).includes(keyBytes)).toBe(false);
    });

    it('answers the details on no route, as no role, also after the read models are rebuilt', async () => {
      await running.app.get(ProjectionRunner).rebuild();
      const routes = appRoutes(running.app).filter(
        (r) =>
          r.startsWith('GET ') &&
          !DOCUMENTATION_ROUTE.test(r) &&
          !CATCH_ALL_ROUTE.test(r) &&
          !PAGE_ROUTE.test(r) &&
          PERMISSIONS[r] !== PUBLIC,
      );
      const f = {
        contingentId,
        incidentId,
        investigationId,
        evidenceId: '',
        findingId: '',
        recommendationId: '',
        decisionId: '',
        notificationId: '',
        appointmentId: '',
        managedPrincipalId: 'admin-1',
        subjectId: VICTIM,
      };
      const paths = routes.flatMap((route) => {
        const pathFor = pathOf(route, f);
        return route.includes('/streams/')
          ? [`/streams/incident-${incidentId}`, `/streams/investigation-${investigationId}`]
          : [pathFor];
      });
      for (const as of ['admin', 'investigator', 'oversight', 'reviewer', 'decider'] as const) {
        for (const p of paths) {
          const text = JSON.stringify((await running.client.as(as).get(p)).body);
          for (const secret of SECRETS)
            expect({ path: p, as, leaks: text.includes(secret) }).toEqual({
              path: p,
              as,
              leaks: false,
            });
        }
      }
      const bytes = rawBytes(running.dataDir);
      for (const secret of SECRETS) expect(contains(bytes, secret)).toBe(false);
    });

    it('keeps every chain and the signed Merkle log verifiable, in the store and in an export', async () => {
      const verification = await running.client.as('oversight').post('/integrity/verification', {});
      expect(verification.status).toBe(200);
      expect(verification.body.ok).toBe(true);

      const store = running.app.get<EventStore>(EVENT_STORE);
      const events = await store.readAll();
      const head = signedTreeHeadFromJson(headBefore);
      const lines = [
        exportHeaderLine({
          exportedAt: new Date().toISOString(),
          eventCount: String(events.length),
          headCount: '1',
          publicKey,
        }),
        ...events.map(exportEventLine),
        exportHeadLine({ head, lastPosition: events[Number(head.treeSize) - 1].globalPosition }),
      ];
      const exported = lines.join('\n');
      for (const secret of SECRETS) expect(exported).not.toContain(secret);
      // The export keeps what was hashed: the victim's details as ciphertext nobody can open
      // any more, and the erasure itself as an event of the chain, the marker an auditor reads.
      const reported = events.find((e) => e.type === 'IncidentReported');
      expect(isSealed((reported?.data.personal as Record<string, unknown>)[VICTIM])).toBe(true);
      expect(exported).toContain(
        (reported?.data.personal as Record<string, { ciphertext: string }>)[VICTIM].ciphertext,
      );
      const erasures = events.filter((e) => e.type === 'SubjectErased');
      expect(erasures.map((e) => ({ stream: e.streamId, data: e.data, actor: e.actor }))).toEqual([
        {
          stream: `subject-${VICTIM}`,
          data: { subjectId: VICTIM, reason: 'The victim asked to be forgotten' },
          actor: { id: 'admin-1', role: 'admin' },
        },
      ]);
      const report = await verifyExport(lines, { publicKey });
      expect({ ok: report.ok, failure: report.failure }).toEqual({ ok: true, failure: null });
    });

    it('exports, with the ledger command, what was hashed and the erasure, and the export verifies offline', async () => {
      const file = path.join(running.dataDir, 'after-erasure.ndjson');
      const exported = await ledger(['export', '--out', file, '--no-progress'], running.dataDir);
      expect(exported.code).toBe(0);
      const text = fs.readFileSync(file, 'utf8');
      for (const secret of SECRETS) expect(text).not.toContain(secret);
      expect(text).not.toContain('[erased]');
      const lines = text
        .split('\n')
        .filter(Boolean)
        .map(
          (line) => JSON.parse(line) as { type?: string; event?: { type: string; data: unknown } },
        );
      const events = lines.map((line) => line.event ?? line).filter((e) => e && 'data' in e) as {
        type: string;
        data: Record<string, unknown>;
      }[];
      expect(events.filter((e) => e.type === 'SubjectErased').map((e) => e.data)).toEqual([
        { subjectId: VICTIM, reason: 'The victim asked to be forgotten' },
      ]);
      const reported = events.find((e) => e.type === 'IncidentReported');
      expect(isSealed((reported?.data.personal as Record<string, unknown>)[VICTIM])).toBe(true);
      const keyFile = path.join(running.dataDir, 'notary.pem');
      fs.writeFileSync(
        keyFile,
        (await running.client.as('admin').get('/integrity/public-key')).body.pem,
      );
      const verified = await ledger(['verify', file, '--public-key', keyFile, '--no-progress']);
      expect({ code: verified.code, said: verified.stdout }).toEqual({
        code: 0,
        said: expect.any(String),
      });
    });

    it('refuses new details for the erased subject, and the ledger does not move', async () => {
      const before = await ledgerHead(running.client);
      const response = await running.client
        .as('investigator')
        .post(`/investigations/${investigationId}/evidence`, {
          kind: 'testimony',
          description: 'Second statement',
          sha256: 'b'.repeat(64),
          custodian: 'OIOS',
          subjects: [{ subjectId: VICTIM, role: 'victim', details: { name: NAME } }],
        });
      expect(response.status).toBe(422);
      expect(response.body.type).toBe('urn:blue-ledger:problem:subject_erased');
      expect(await ledgerHead(running.client)).toBe(before);
    });

    it('refuses a second erasure of the same subject, and records nothing', async () => {
      const before = await ledgerHead(running.client);
      const again = await running.client
        .as('admin')
        .post(`/subjects/${VICTIM}/erasure`, { reason: 'again' });
      expect(again.status).toBe(422);
      expect(again.body.type).toBe('urn:blue-ledger:problem:subject_already_erased');
      expect(await ledgerHead(running.client)).toBe(before);
    });

    it('records the erasure in the subject’s own stream, in the hash chain: who, when, why, nothing personal', async () => {
      const stream = await running.client.as('oversight').get(`/streams/subject-${VICTIM}`);
      expect(stream.status).toBe(200);
      expect(stream.body.events).toEqual([
        expect.objectContaining({
          type: 'SubjectErased',
          actor: { id: 'admin-1', role: 'admin' },
          data: { subjectId: VICTIM, reason: 'The victim asked to be forgotten' },
          prevHash: '0'.repeat(64),
        }),
      ]);
      const audit = await running.client.as('oversight').get('/audit?type=SubjectErased');
      expect(audit.body.events).toHaveLength(1);
      const timeline = await running.client.as('reviewer').get(`/incidents/${incidentId}/timeline`);
      expect(JSON.stringify(timeline.body)).not.toContain('SubjectErased');
      const liaison = await running.client.as('liaisonMRT').get(`/streams/subject-${VICTIM}`);
      expect(liaison.status).toBe(404);
    });

    it('answers 404 for a subject the ledger never sealed details for, and the id stays free', async () => {
      const before = await ledgerHead(running.client);
      const unknown = await running.client
        .as('admin')
        .post('/subjects/subject-never-seen/erasure', { reason: 'A mistake' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.type).toBe('urn:blue-ledger:problem:subject_not_found');
      expect(await ledgerHead(running.client)).toBe(before);
      await running.client
        .as('investigator')
        .create(`/investigations/${investigationId}/evidence`, {
          kind: 'testimony',
          description: 'A statement of a subject seen for the first time',
          sha256: 'c'.repeat(64),
          custodian: 'OIOS',
          subjects: [{ subjectId: 'subject-never-seen', role: 'witness', details: { name: 'W' } }],
        });
    });
  });
});
