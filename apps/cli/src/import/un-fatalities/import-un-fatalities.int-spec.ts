import type { RecordedEvent } from '@blue-ledger/event-store';
import { contingentIdOf } from '../ipi-contributions/contingent-plan';
import { importIpiContributions } from '../ipi-contributions/import-ipi-contributions';
import { SAMPLES, ofType, temporaryLedger } from '../testing/temporary-ledger';
import { importUnFatalities } from './import-un-fatalities';

const contingentsOf = (country: string) =>
  ['infantry_battalion', 'military_observers', 'other'].map((unitType) =>
    contingentIdOf(country, 'UNMISS', unitType),
  );

const reportOn = (events: RecordedEvent[], date: string) =>
  ofType(events, 'IncidentReported').find((event) => event.occurredAt?.startsWith(date));

describe('Importing the UN fatalities file', () => {
  let ledger: ReturnType<typeof temporaryLedger>;
  beforeEach(() => (ledger = temporaryLedger()));
  afterEach(() => ledger.close());

  describe('after the contributions', () => {
    beforeEach(() => importIpiContributions(ledger.path, SAMPLES.ipiContributions));

    it('reports one incident per mission and day of malicious acts, linked to the dead peacekeepers’ contingents', async () => {
      const report = await importUnFatalities(ledger.path, SAMPLES.unFatalities);

      expect(report.commands).toEqual({
        RegisterMission: { appended: 1, alreadyRecorded: 0 },
        ReportIncident: { appended: 3, alreadyRecorded: 0 },
      });
      const events = await ledger.all();
      const jonglei = reportOn(events, '2013-04-09');
      expect(jonglei?.occurredAt).toBe('2013-04-09T00:00:00Z');
      expect(jonglei?.actor).toEqual({ id: 'importer', role: 'investigator' });
      expect(jonglei?.data).toMatchObject({
        missionCode: 'UNMISS',
        category: 'peacekeeper_fatality',
        casualties: { peacekeepersKilled: 7 },
        contingentIds: contingentsOf('IND'),
      });
      expect(jonglei?.data.summary).toMatch(/5 Military \(IND\), 2 Local \(SSD\)/);
    });

    it('counts a casualty listed under two nationalities once, and links both countries', async () => {
      await importUnFatalities(ledger.path, SAMPLES.unFatalities);

      const december = reportOn(await ledger.all(), '2013-12-19');
      expect(december?.data.casualties).toEqual({ peacekeepersKilled: 2 });
      expect(december?.data.contingentIds).toEqual([
        ...contingentsOf('IND'),
        ...contingentsOf('NPL'),
      ]);
    });

    it('registers the missions it needs from the mission table, and no other', async () => {
      await importUnFatalities(ledger.path, SAMPLES.unFatalities);

      const missions = ofType(await ledger.all(), 'MissionRegistered').map((e) => e.data.code);
      expect(missions).toEqual(['UNMISS', 'UNTSO']);
    });
  });

  describe('with rows that do not parse or cannot be placed', () => {
    it('reports each with its line number and leaves it out of every incident', async () => {
      const report = await importUnFatalities(ledger.path, SAMPLES.unFatalities);

      expect(report.skipped).toEqual([
        { line: 4, reason: 'mission_acronym "UNSecretariat" is not in the mission table' },
        { line: 14, reason: 'incident_date "2013-13-45" is not a date (YYYY-MM-DD)' },
      ]);
      expect(report).toMatchObject({ rowsRead: 14, rowsUsed: 11, rowsIgnored: 1 });
      expect(ofType(await ledger.all(), 'IncidentReported')).toHaveLength(3);
    });
  });

  describe('a second time', () => {
    it('appends nothing', async () => {
      await importIpiContributions(ledger.path, SAMPLES.ipiContributions);
      await importUnFatalities(ledger.path, SAMPLES.unFatalities);
      const head = await ledger.store.headPosition();

      const again = await importUnFatalities(ledger.path, SAMPLES.unFatalities);

      expect(await ledger.store.headPosition()).toBe(head);
      expect(again.eventsAppended).toBe(0);
    });
  });

  describe('before the contributions', () => {
    it('links the contingents on a later run, once they are in the ledger, and only once', async () => {
      await importUnFatalities(ledger.path, SAMPLES.unFatalities);
      const before = reportOn(await ledger.all(), '2013-04-09');
      expect(before?.data.contingentIds).toEqual([]);

      await importIpiContributions(ledger.path, SAMPLES.ipiContributions);
      const relinked = await importUnFatalities(ledger.path, SAMPLES.unFatalities);
      const third = await importUnFatalities(ledger.path, SAMPLES.unFatalities);

      expect(relinked.commands).toEqual({ LinkIncidentUnits: { appended: 2, alreadyRecorded: 0 } });
      const links = ofType(await ledger.all(), 'IncidentUnitsLinked');
      expect(links.map((e) => e.data.contingentIds)).toEqual([
        contingentsOf('IND'),
        [...contingentsOf('IND'), ...contingentsOf('NPL')],
      ]);
      expect(third.eventsAppended).toBe(0);
    });
  });
});
