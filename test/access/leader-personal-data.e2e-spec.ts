import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LedgerClient } from '../support/http-client';
import { startApp, type RunningApp } from '../support/in-process-app';
import { refusedWithoutChange } from '../support/ledger-head';
import { expectProblem } from '../support/problem-assertions';
import { kenyaLiaison, storyPrincipalsEnv } from '../support/story-cast';

const COMMANDER = 'subject-force-commander';
const COMMANDER_NAME = 'Lt Gen Plaintext-Commander';
const OFFICER = 'subject-national-officer';
const OFFICER_NAME = 'Col Plaintext-Officer';

/** Every byte of the SQLite files of the data directory (database, WAL, shared memory). */
const rawBytes = (dataDir: string): Buffer =>
  Buffer.concat(
    fs
      .readdirSync(dataDir)
      .filter((name) => name.includes('.sqlite'))
      .map((name) => fs.readFileSync(path.join(dataDir, name))),
  );

/**
 * A mission leader and a national investigation officer are persons: their details are sealed
 * like any subject's, shown only to whoever has need-to-know, and erasable.
 */
describe("Leaders' and national investigation officers' personal details", () => {
  let running: RunningApp;
  let investigationId: string;
  let appointmentId: string;

  const personalOf = async (client: LedgerClient, streamId: string, type: string) => {
    const page = await client.get(`/streams/${streamId}`);
    expect(page.status).toBe(200);
    return page.body.events.find((e: { type: string }) => e.type === type)?.personal;
  };

  beforeAll(async () => {
    running = await startApp({ LEDGER_PRINCIPALS: storyPrincipalsEnv() });
    const admin = running.client.as('admin');
    const investigator = running.client.as('investigator');
    await admin.create('/missions', { code: 'UNMISS', name: 'UNMISS', hostCountry: 'SSD' });
    appointmentId = (
      await admin.create('/missions/UNMISS/leaders', {
        role: 'force_commander',
        subjectId: COMMANDER,
        nationality: 'KEN',
        appointedAt: '2016-05-26T00:00:00+03:00',
        subjectDetails: { name: COMMANDER_NAME, rank: 'lieutenant_general' },
      })
    ).id;
    const unit = await admin.create('/contingents', {
      country: 'KEN',
      unitType: 'infantry_battalion',
      designation: 'Kenyan battalion',
      missionCode: 'UNMISS',
    });
    const incident = await investigator.create('/incidents', {
      missionCode: 'UNMISS',
      occurredAt: '2016-08-01T00:00:00Z',
      location: { name: 'Juba' },
      category: 'sexual_exploitation_and_abuse',
      summary: 'Allegation against members of the battalion',
      contingentIds: [unit.id],
    });
    investigationId = (
      await investigator.create('/investigations', {
        incidentIds: [incident.id],
        kind: 'national_investigation',
        title: 'National investigation by Kenya',
      })
    ).id;
    await investigator.create(`/investigations/${investigationId}/national-investigator`, {
      country: 'KEN',
      appointedAt: '2016-08-05T00:00:00+03:00',
      subjectId: OFFICER,
      subjectDetails: { name: OFFICER_NAME },
    });
  });

  afterAll(async () => {
    await running?.close();
  });

  it('stores them only as ciphertext', () => {
    const bytes = rawBytes(running.dataDir);
    for (const name of [COMMANDER_NAME, OFFICER_NAME]) {
      expect(bytes.includes(Buffer.from(name, 'utf8'))).toBe(false);
    }
  });

  it("shows a leader's details to the admin who recorded them, and redacts them for a reviewer, a decision authority and the leader's country's liaison", async () => {
    const streamId = 'mission-UNMISS';
    expect(await personalOf(running.client.as('admin'), streamId, 'LeaderAppointed')).toEqual({
      [COMMANDER]: { name: COMMANDER_NAME, rank: 'lieutenant_general' },
    });
    for (const client of [
      running.client.as('reviewer'),
      running.client.as('decider'),
      running.client.withToken(kenyaLiaison.token),
    ]) {
      expect(await personalOf(client, streamId, 'LeaderAppointed')).toEqual({
        [COMMANDER]: '[redacted]',
      });
    }
  });

  it("keeps them out of the mission's leadership and the leader's history", async () => {
    for (const p of ['/missions/UNMISS', `/missions/UNMISS/leaders/${appointmentId}/history`]) {
      const response = await running.client.as('admin').get(p);
      expect(response.status).toBe(200);
      expect(JSON.stringify(response.body)).not.toContain(COMMANDER_NAME);
    }
  });

  it("shows an officer's details to the investigators assigned to the investigation only", async () => {
    const streamId = `investigation-${investigationId}`;
    const type = 'NationalInvestigatorAppointed';
    expect(await personalOf(running.client.as('investigator'), streamId, type)).toEqual({
      [OFFICER]: { name: OFFICER_NAME },
    });
    expect(await personalOf(running.client.as('oversight'), streamId, type)).toEqual({
      [OFFICER]: '[redacted]',
    });
  });

  it('erases a leader: shown as erased to all, and no new details accepted for them', async () => {
    const admin = running.client.as('admin');
    const erased = await admin.post(`/subjects/${COMMANDER}/erasure`, {
      reason: 'The person asked to be forgotten',
    });
    expect(erased.status).toBe(201);
    expect(await personalOf(admin, 'mission-UNMISS', 'LeaderAppointed')).toEqual({
      [COMMANDER]: '[erased]',
    });
    const refused = await refusedWithoutChange(running.client, () =>
      admin.post('/missions/UNMISS/leaders', {
        role: 'head_of_office',
        post: 'Malakal',
        subjectId: COMMANDER,
        nationality: 'KEN',
        appointedAt: '2017-01-01T00:00:00Z',
        subjectDetails: { name: COMMANDER_NAME },
      }),
    );
    expectProblem(refused, { status: 422, code: 'subject_erased' });
  });
});
