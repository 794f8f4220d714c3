import type { LedgerClient } from '../support/http-client';
import {
  answersOn,
  expectSameAnswers,
  recordOnOwnCountryLedgers,
  type OwnCountryLedgers,
  type Request,
  type Story,
  type StoryRecorder,
} from '../support/own-country-ledgers';

/**
 * Three countries in one mission: China's battalion with an old incident, findings, a decision
 * to repatriate never carried out and a recommendation never decided; Ethiopia's with a recent
 * incident, a finding, a retained unit against a recommendation, a notification and its reply;
 * Mauritania's with nothing but its registration. Each country's figures differ, so a figure
 * computed across countries cannot pass for one computed on a country's own records. Every
 * ledger marks the instant the cases were decided, for reads as of it.
 */
const story: Story = async (r: StoryRecorder) => {
  await r.step('shared', (c) =>
    c
      .as('admin')
      .create('/missions', { code: 'UNMISS', name: 'UNMISS', hostCountry: 'SSD' })
      .then(() => undefined),
  );
  const unit = (country: string, name: string) =>
    r.step(country, async (c) => {
      const created = await c.as('admin').create('/contingents', {
        country,
        unitType: 'infantry_battalion',
        designation: `${country} battalion`,
        missionCode: 'UNMISS',
      });
      r.name(name, created.id);
    });
  await unit('CHN', 'chn');
  await unit('ETH', 'eth');
  await unit('MRT', 'mrt');

  const caseOf = async (
    c: LedgerClient,
    prefix: string,
    occurredAt: string,
    outcome: 'repatriate' | 'retain',
  ) => {
    const investigator = c.as('investigator');
    const incident = await investigator.create('/incidents', {
      missionCode: 'UNMISS',
      occurredAt,
      location: { name: `${prefix} site` },
      category: 'failure_to_protect',
      summary: `What the ${prefix} battalion did`,
      contingentIds: [r.id(prefix)],
    });
    r.name(`${prefix}Incident`, incident.id);
    const investigation = await investigator.create('/investigations', {
      incidentIds: [incident.id],
      kind: 'special_investigation',
      title: `Special investigation (${prefix})`,
    });
    r.name(`${prefix}Investigation`, investigation.id);
    const finding = await investigator.create(`/investigations/${investigation.id}/findings`, {
      statement: `The ${prefix} battalion abandoned its posts`,
      category: 'abandonment_of_post',
      severity: 'high',
      attributions: [{ level: 'unit', contingentId: r.id(prefix) }],
    });
    const recommend = async (name: string, action: string) => {
      const made = await investigator.create(
        `/investigations/${investigation.id}/recommendations`,
        {
          action,
          contingentId: r.id(prefix),
          findingIds: [finding.id],
          rationale: `Because of what the ${prefix} battalion did`,
        },
      );
      r.name(name, made.id);
    };
    await recommend(`${prefix}Repatriation`, 'repatriate_unit');
    await recommend(`${prefix}Retraining`, 'retrain');
    const decision = await c.as('decider').create('/decisions', {
      recommendationId: r.id(`${prefix}Repatriation`),
      contingentId: r.id(prefix),
      scope: 'unit',
      outcome,
      authority: 'USG Peace Operations',
      rationale: `Decided on the ${prefix} battalion`,
      ...(outcome !== 'repatriate' && { reasonForDeviation: 'The mission needs the unit' }),
    });
    r.name(`${prefix}Decision`, decision.id);
  };
  await r.step('CHN', (c) => caseOf(c, 'chn', '2016-07-10T12:00:00Z', 'repatriate'));
  await r.step('ETH', (c) => caseOf(c, 'eth', '2024-03-01T08:00:00Z', 'retain'));
  // Every ledger marks this instant: the cases decided, before the notification and the reply.
  await r.mark('decided');
  await r.step('ETH', async (c) => {
    const notice = await c.as('investigator').create(`/contingents/${r.id('eth')}/notifications`, {
      subjectStreamId: `incident-${r.id('ethIncident')}`,
      notifiedAt: '2024-03-05T09:00:00Z',
      channel: 'note_verbale',
    });
    await c.as('liaisonETH').create(`/contingents/${r.id('eth')}/replies`, {
      statement: 'Ethiopia will investigate',
      regarding: notice.id,
    });
  });
  await r.step('CHN', (c) =>
    c
      .as('admin')
      .create(`/contingents/${r.id('chn')}/evaluations`, {
        evaluatedAt: '2016-08-01T00:00:00Z',
        rating: 'unsatisfactory',
        summary: 'Below standard in July',
      })
      .then(() => undefined),
  );
};

/** Everything a liaison may ask that is not one aggregate's own record: lists walked page by page. */
const LISTS: Request[] = [
  () => '/follow-through',
  () => '/recommendations',
  () => '/recommendations?limit=1',
  () => '/recommendations?status=undecided',
  () => '/incidents?limit=1',
  () => '/contingents?limit=1',
  () => '/audit?limit=3',
  () => '/audit?type=RecommendationIssued',
  () => '/missions',
  () => '/deadlines',
  () => '/deadlines?limit=1',
  () => '/deadlines?status=open',
];

/** The same lists as the ledger knew them once the cases were decided: before the notification. */
const LISTS_AS_OF: Request[] = LISTS.map((request) => ({ id, instant }) => {
  const path = request({ id, instant });
  return `${path}${path.includes('?') ? '&' : '?'}asOf=${instant('decided')}`;
});

describe("What a liaison is told is computed from its own country's records only", () => {
  let ledgers: OwnCountryLedgers;

  beforeAll(async () => {
    ledgers = await recordOnOwnCountryLedgers(story, ['ETH', 'MRT']);
  });

  afterAll(async () => {
    await ledgers?.close();
  });

  const same = async (country: 'ETH' | 'MRT', requests: Request[]) => {
    const as = country === 'ETH' ? 'liaisonETH' : 'liaisonMRT';
    const onWhole = await answersOn(ledgers.whole, as, requests, ledgers.recordedSince);
    const onOwn = await answersOn(ledgers.own[country], as, requests, ledgers.recordedSince);
    expectSameAnswers(onWhole, onOwn);
    return onWhole;
  };

  it('gives Ethiopia the follow-through, lists, pages and totals of its own ledger', async () => {
    await same('ETH', LISTS);
  });

  it('gives Ethiopia the follow-through, lists, pages, totals and deadlines as of an instant as on its own ledger', async () => {
    const [followThrough] = (await same('ETH', LISTS_AS_OF)) as {
      pages: { body: { asOf: string; recommendationsWithoutDecision: { total: number } } }[];
    }[];
    // As of then, Ethiopia's retraining recommendation was undecided, as it still is.
    expect(followThrough.pages[0].body.asOf).toBe('<recorded>');
    expect(followThrough.pages[0].body.recommendationsWithoutDecision.total).toBe(1);
    await same('ETH', [
      ({ id, instant }) => `/contingents/${id('eth')}?asOf=${instant('decided')}`,
      ({ id, instant }) => `/contingents/${id('eth')}/history?asOf=${instant('decided')}`,
      ({ id, instant }) => `/incidents/${id('ethIncident')}/timeline?asOf=${instant('decided')}`,
    ]);
  });

  it('gives Ethiopia its own unit’s history, incident timeline, decision and streams as on its own ledger', async () => {
    await same('ETH', [
      ({ id }) => `/contingents/${id('eth')}`,
      ({ id }) => `/contingents/${id('eth')}/history`,
      ({ id }) => `/incidents/${id('ethIncident')}`,
      ({ id }) => `/incidents/${id('ethIncident')}/timeline`,
      ({ id }) => `/incidents/${id('ethIncident')}/timeline?order=recorded`,
      ({ id }) => `/decisions/${id('ethDecision')}`,
      ({ id }) => `/streams/incident-${id('ethIncident')}`,
      ({ id }) => `/streams/contingent-${id('eth')}`,
    ]);
  });

  it('gives Mauritania the lists as of an instant as on its own ledger', async () => {
    await same('MRT', LISTS_AS_OF);
  });

  it('gives Mauritania, whose unit has no decision, empty lists with totals of 0 and no medians', async () => {
    const [followThrough] = (await same('MRT', LISTS)) as {
      pages: { body: { durations: { total: number; items: unknown[]; medianDays: unknown } } }[];
    }[];
    const durations = followThrough.pages[0].body.durations;
    expect(durations).toEqual({
      total: 0,
      items: [],
      medianDays: { incidentToFinding: null, findingToDecision: null, incidentToDecision: null },
    });
  });

  it('shows the whole ledger’s figures to a reader of all, so the comparison above is no tautology', async () => {
    const oversight = ledgers.whole.running.client.as('oversight');
    const liaison = ledgers.whole.running.client.as('liaisonETH');
    const all = (await oversight.get('/follow-through')).body;
    const own = (await liaison.get('/follow-through')).body;
    expect(all.durations.total).toBe(2);
    expect(own.durations.total).toBe(1);
    expect(all.durations.medianDays).not.toEqual(own.durations.medianDays);
  });
});
