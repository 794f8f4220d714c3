import type { LedgerClient } from '../support/http-client';
import { startApp, type RunningApp } from '../support/in-process-app';
import { refusedWithoutChange } from '../support/ledger-head';
import type {
  ContingentHistory,
  EventEnvelope,
  EventPage,
  Timeline,
} from '../support/ledger-views';
import { expectProblem } from '../support/problem-assertions';
import { kenyaLiaison, storyPrincipalsEnv } from '../support/story-cast';
import { KENYA_REPLY, recordJuba } from './recordings/juba';

/**
 * UNMISS, July 2016: fighting in Juba. The independent special investigation singled out the
 * Chinese battalion for abandoning posts along the POC site's perimeter and the Nepalese formed
 * police unit for failing to uphold order within it; the Kenyan force commander was dismissed,
 * and Kenya answered that he had taken the fall for a system-wide failure.
 */
describe('The Juba story (UNMISS, July 2016)', () => {
  let running: RunningApp;
  let reviewer: LedgerClient;
  let kenya: LedgerClient;

  const units = { china: '', nepal: '', kenya: '' };
  let incidentId = '';
  const investigation = { id: '', chineseBattalion: '', nepaleseUnit: '', forceCommander: '' };
  const namings = { china: '', nepal: '' };
  let notificationId = '';
  let replyId = '';

  beforeAll(async () => {
    running = await startApp({ LEDGER_PRINCIPALS: storyPrincipalsEnv() });
    reviewer = running.client.as('reviewer');
    kenya = running.client.withToken(kenyaLiaison.token);
    const story = await recordJuba(running.client);
    Object.assign(units, story.units);
    incidentId = story.incidentId;
    Object.assign(investigation, story.investigation);
    Object.assign(namings, story.namings);
    notificationId = story.notificationId;
    replyId = story.replyId;
  });

  afterAll(async () => {
    await running?.close();
  });

  const history = async (client: LedgerClient, contingentId: string) => {
    const response = await client.get<ContingentHistory>(`/contingents/${contingentId}/history`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const audit = async (query: string): Promise<EventEnvelope[]> => {
    const response = await reviewer.get<EventPage>(`/audit?limit=1000&${query}`);
    expect(response.status).toBe(200);
    return response.body.events;
  };

  describe('the naming of units', () => {
    it('names the Chinese battalion and the Nepalese formed police unit, each on its own finding', async () => {
      const named = await audit('type=UnitNamed');
      expect(named.map((e) => e.data)).toEqual([
        expect.objectContaining({
          investigationId: investigation.id,
          contingentId: units.china,
          findingIds: [investigation.chineseBattalion],
          public: true,
        }),
        expect.objectContaining({
          investigationId: investigation.id,
          contingentId: units.nepal,
          findingIds: [investigation.nepaleseUnit],
          public: true,
        }),
      ]);
    });

    it("shows each naming in the unit's history, next to the finding it rests on", async () => {
      const china = await history(reviewer, units.china);
      expect(china.namings).toEqual([
        expect.objectContaining({
          namingId: namings.china,
          findingIds: [investigation.chineseBattalion],
        }),
      ]);
      expect(china.findings).toEqual([
        expect.objectContaining({
          findingId: investigation.chineseBattalion,
          category: 'abandonment_of_post',
        }),
      ]);
      const nepal = await history(reviewer, units.nepal);
      expect(nepal.namings).toEqual([
        expect.objectContaining({
          namingId: namings.nepal,
          findingIds: [investigation.nepaleseUnit],
        }),
      ]);
      expect(nepal.contingent).toMatchObject({ country: 'NPL' });
    });
  });

  describe('the force commander', () => {
    it('holds a finding attributed to the role, which is not a finding against the Kenyan unit', async () => {
      const [recorded] = await audit(
        `stream=investigation-${investigation.id}&type=FindingRecorded`,
      ).then((events) => events.filter((e) => e.data.findingId === investigation.forceCommander));
      expect(recorded.data.attributions).toEqual(
        expect.arrayContaining([{ level: 'role', role: 'force_commander' }]),
      );
      const kenyanUnit = await history(reviewer, units.kenya);
      expect(kenyanUnit.findings).toEqual([]);
      expect(kenyanUnit.namings).toEqual([]);
    });
  });

  describe("Kenya's notification and reply", () => {
    it('keeps the reply in the record, given by the liaison of Kenya, under the notification it answers', async () => {
      const kenyanUnit = await history(reviewer, units.kenya);
      expect(kenyanUnit.notifications).toEqual([
        expect.objectContaining({
          notificationId,
          country: 'KEN',
          subjectStreamId: `investigation-${investigation.id}`,
          channel: 'permanent_mission_meeting',
          responses: [
            expect.objectContaining({
              responseId: replyId,
              statement: KENYA_REPLY,
              country: 'KEN',
            }),
          ],
        }),
      ]);
      const [reply] = await audit('type=TccResponseRecorded');
      expect(reply.actor).toEqual({ id: 'pm-ken', role: 'tcc_liaison' });
    });

    it("puts the notification and the reply on the incident's timeline", async () => {
      const response = await reviewer.get<Timeline>(
        `/incidents/${incidentId}/timeline?order=recorded`,
      );
      const types = response.body.entries.map((entry) => entry.type);
      expect(types).toEqual(
        expect.arrayContaining(['UnitNamed', 'TccNotified', 'TccResponseRecorded']),
      );
      expect(types.indexOf('TccResponseRecorded')).toBeGreaterThan(types.indexOf('TccNotified'));
    });

    it('lets the liaison of Kenya read the history of its own unit, and not that of the Chinese battalion', async () => {
      await history(kenya, units.kenya);
      expectProblem(await kenya.get(`/contingents/${units.china}/history`), { status: 403 });
    });

    it('refuses a reply for Kenya from the liaison of another country, and records nothing', async () => {
      const ethiopia = running.client.as('liaisonETH');
      const refused = await refusedWithoutChange(running.client, () =>
        ethiopia.post(`/contingents/${units.kenya}/replies`, {
          statement: 'Kenya accepts the findings',
          regarding: notificationId,
        }),
      );
      expectProblem(refused, { status: 403 });
      expect((await history(reviewer, units.kenya)).notifications[0].responses).toHaveLength(1);
    });

    it("refuses a reply from Kenya's liaison about a unit of another country", async () => {
      const refused = await refusedWithoutChange(running.client, () =>
        kenya.post(`/contingents/${units.china}/replies`, {
          statement: 'The Chinese battalion held its posts',
          regarding: notificationId,
        }),
      );
      expectProblem(refused, { status: 403 });
    });
  });
});
