import { SAMPLES, ofType, temporaryLedger } from '../testing/temporary-ledger';
import { contingentIdOf } from './contingent-plan';
import { importIpiContributions } from './import-ipi-contributions';

describe('Importing the IPI contributions file', () => {
  let ledger: ReturnType<typeof temporaryLedger>;
  beforeEach(() => (ledger = temporaryLedger()));
  afterEach(() => ledger.close());

  const strengthsOf = async (contingentId: string) =>
    ofType(await ledger.all(), 'ContingentStrengthReported')
      .filter((event) => event.data.contingentId === contingentId)
      .map((event) => [
        (event.data.from as string).slice(0, 10),
        (event.data.to as string).slice(0, 10),
        event.data.strength,
      ]);

  describe('into an empty ledger', () => {
    it('registers the mission, a contingent per country and kind of personnel, and each change of strength', async () => {
      const report = await importIpiContributions(ledger.path, SAMPLES.ipiContributions);

      expect(report.commands).toEqual({
        RegisterMission: { appended: 1, alreadyRecorded: 0 },
        RegisterContingent: { appended: 6, alreadyRecorded: 0 },
        ReportContingentStrength: { appended: 22, alreadyRecorded: 0 },
      });
      const events = await ledger.all();
      expect(events).toHaveLength(29);
      expect(report.eventsAppended).toBe(29);
      expect(ofType(events, 'MissionRegistered')[0].data).toEqual({
        code: 'UNMISS',
        name: 'United Nations Mission in the Republic of South Sudan',
        hostCountry: 'SSD',
      });
      expect(
        ofType(events, 'ContingentRegistered').map((e) => `${e.data.country} ${e.data.unitType}`),
      ).toEqual([
        'IND infantry_battalion',
        'IND military_observers',
        'IND other',
        'NPL infantry_battalion',
        'NPL military_observers',
        'NPL other',
      ]);
    });

    it('reports each run of months at one strength, from the first day of its first month to the first day after its last', async () => {
      await importIpiContributions(ledger.path, SAMPLES.ipiContributions);

      expect(await strengthsOf(contingentIdOf('IND', 'UNMISS', 'infantry_battalion'))).toEqual([
        ['2013-02-01', '2013-03-01', 1944],
        ['2013-03-01', '2013-04-01', 1931],
        ['2013-04-01', '2013-05-01', 1937],
        ['2013-05-01', '2013-07-01', 1996],
        ['2013-07-01', '2013-08-01', 1993],
      ]);
      const reports = ofType(await ledger.all(), 'ContingentStrengthReported');
      expect(new Set(reports.map((r) => r.data.source))).toEqual(new Set(['ipi-contributions']));
      expect(reports.every((r) => r.occurredAt === r.data.from)).toBe(true);
    });

    it('reads a country absent from a month as none there, and leaves a month whose row was unreadable uncovered', async () => {
      await importIpiContributions(ledger.path, SAMPLES.ipiContributions);

      expect(await strengthsOf(contingentIdOf('NPL', 'UNMISS', 'other'))).toEqual([
        ['2013-02-01', '2013-04-01', 18],
        ['2013-04-01', '2013-05-01', 23],
        ['2013-05-01', '2013-06-01', 27],
        ['2013-07-01', '2013-08-01', 0],
      ]);
    });

    it('records every event under the importer principal acting as admin', async () => {
      await importIpiContributions(ledger.path, SAMPLES.ipiContributions);

      const actors = new Set((await ledger.all()).map((e) => `${e.actor.id}/${e.actor.role}`));
      expect([...actors]).toEqual(['importer/admin']);
    });
  });

  describe('with rows that do not parse', () => {
    it('reports each with its line number and loads none of it', async () => {
      const report = await importIpiContributions(ledger.path, SAMPLES.ipiContributions);

      expect(report.skipped).toEqual([
        { line: 11, reason: 'Troops Total "8S9" is not a head count' },
        { line: 12, reason: expect.stringMatching(/columns length is 20, got 7 on line 12/) },
        { line: 13, reason: 'Mission "UNXYZ" is not in the mission table' },
      ]);
      expect({ read: report.rowsRead, used: report.rowsUsed }).toEqual({ read: 13, used: 10 });
      const countries = (await ledger.all()).map((e) => e.data.country).filter(Boolean);
      expect(countries).not.toContain('KEN');
    });
  });

  describe('a second time', () => {
    it('appends nothing and counts every command as already recorded', async () => {
      await importIpiContributions(ledger.path, SAMPLES.ipiContributions);
      const head = await ledger.store.headPosition();

      const again = await importIpiContributions(ledger.path, SAMPLES.ipiContributions);

      expect(await ledger.store.headPosition()).toBe(head);
      expect(again.eventsAppended).toBe(0);
      expect(again.commands).toEqual({
        ReportContingentStrength: { appended: 0, alreadyRecorded: 22 },
      });
    });
  });
});
