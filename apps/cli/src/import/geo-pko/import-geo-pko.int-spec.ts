import { importIpiContributions } from '../ipi-contributions/import-ipi-contributions';
import { contingentIdOf } from '../ipi-contributions/contingent-plan';
import { SAMPLES, ofType, temporaryLedger } from '../testing/temporary-ledger';
import { importGeoPko } from './import-geo-pko';

describe('Importing the Geo-PKO deployments file', () => {
  let ledger: ReturnType<typeof temporaryLedger>;
  beforeEach(() => (ledger = temporaryLedger()));
  afterEach(() => ledger.close());

  const troops = (country: string, mission: string) =>
    contingentIdOf(country, mission, 'infantry_battalion');
  const reportsOf = async (contingentId: string) =>
    ofType(await ledger.all(), 'ContingentStrengthReported')
      .filter((e) => e.data.contingentId === contingentId && e.data.source === 'geo-pko')
      .map((e) => ({
        from: (e.data.from as string).slice(0, 10),
        to: (e.data.to as string).slice(0, 10),
        strength: e.data.strength,
        locations: e.data.locations,
      }));

  describe('into a ledger without IPI reports', () => {
    it('reports each country’s troops per mission and calendar year, summed over the places kept as where they were', async () => {
      const report = await importGeoPko(ledger.path, SAMPLES.geoPko);
      expect(await reportsOf(troops('IND', 'UNMISS'))).toEqual([
        {
          from: '2013-01-01',
          to: '2014-01-01',
          strength: 800,
          locations: [
            { name: 'Bor', strength: 800 },
            { name: 'Malakal', strength: null },
          ],
        },
      ]);
      expect(await reportsOf(troops('KOR', 'UNMISS'))).toMatchObject([{ strength: 150 }]);
      expect(await reportsOf(troops('ETH', 'UNISFA'))).toEqual([
        {
          from: '2011-01-01',
          to: '2012-01-01',
          strength: 800,
          locations: [
            { name: 'Diffra (10.039248, 28.406966)', strength: 150 },
            { name: 'Diffra (10.044629, 28.402322)', strength: 650 },
          ],
        },
      ]);
      expect(report.commands.ReportContingentStrength).toEqual({ appended: 8, alreadyRecorded: 0 });
    });

    it('records a unit of unknown size as present at no given size, and names the DRC by its code', async () => {
      await importGeoPko(ledger.path, SAMPLES.geoPko);
      expect(await reportsOf(troops('COD', 'UNMISS'))).toEqual([
        {
          from: '2016-01-01',
          to: '2017-01-01',
          strength: null,
          locations: [{ name: 'Juba', strength: null }],
        },
      ]);
      const registered = ofType(await ledger.all(), 'ContingentRegistered').map(
        (e) => `${e.data.country} ${e.data.missionCode} ${e.data.designation}`,
      );
      expect(registered).toContain('COD UNMISS Democratic Republic of the Congo troops in UNMISS');
    });

    it('leaves out what names no country, and rows it cannot read, saying why', async () => {
      const report = await importGeoPko(ledger.path, SAMPLES.geoPko);
      expect(report.skipped).toEqual([
        {
          line: 3,
          reason: expect.stringMatching(/^"TCC name unknown" left out: not a country/),
        },
        { line: 8, reason: '"Atlantis" left out: no ISO 3166-1 country has this name' },
        { line: 9, reason: 'mission "UNXYZ" is not in the mission table' },
        { line: 10, reason: 'year.overview "Gabon (6S0)": "6S0" is not a size' },
      ]);
      expect({ read: report.rowsRead, used: report.rowsUsed }).toEqual({ read: 9, used: 7 });
    });

    it('appends nothing the second time', async () => {
      await importGeoPko(ledger.path, SAMPLES.geoPko);
      const head = await ledger.store.headPosition();
      const again = await importGeoPko(ledger.path, SAMPLES.geoPko);
      expect(await ledger.store.headPosition()).toBe(head);
      expect(again.eventsAppended).toBe(0);
    });
  });

  describe('after the IPI file', () => {
    it('leaves out the months the IPI reports cover for that country and mission, and keeps the contingent IPI registered', async () => {
      await importIpiContributions(ledger.path, SAMPLES.ipiContributions);
      await importGeoPko(ledger.path, SAMPLES.geoPko);
      // IPI covers India in UNMISS from February to July 2013.
      expect(
        (await reportsOf(troops('IND', 'UNMISS'))).map((r) => [r.from, r.to, r.strength]),
      ).toEqual([
        ['2013-01-01', '2013-02-01', 800],
        ['2013-08-01', '2014-01-01', 800],
      ]);
      // Nepal's June row could not be read: Geo-PKO's figure stands for June.
      expect((await reportsOf(troops('NPL', 'UNMISS'))).map((r) => [r.from, r.to])).toEqual([
        ['2013-01-01', '2013-02-01'],
        ['2013-06-01', '2013-07-01'],
        ['2013-08-01', '2014-01-01'],
      ]);
      const registrations = ofType(await ledger.all(), 'ContingentRegistered').filter(
        (e) => e.data.contingentId === troops('IND', 'UNMISS'),
      );
      expect(registrations.map((e) => e.data.designation)).toEqual(['India troops in UNMISS']);
    });
  });
});
