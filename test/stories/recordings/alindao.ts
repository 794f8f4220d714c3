import type { LedgerClient } from '../../support/http-client';

/**
 * MINUSCA, Central African Republic. In 2018 the attack on the Alindao displacement camp killed
 * more than 100 civilians; an investigation involving the Office for Peacekeeping Strategic
 * Partnership led to the repatriation of the Mauritanian contingent, though some member states
 * believed the blame was attributed unfairly: 54 peacekeepers guarded a camp of more than 20,000.
 * Earlier, a special investigation into the response to the 2017 violence criticised planning
 * and training but named no one.
 *
 * Recorded through the JSON API, as the cast of test/support/principals.ts; the end-to-end
 * stories and the browser tier both tell them from here.
 */
export const OVERSTRETCHED = 'only 54 peacekeepers guarded a camp of more than 20,000';
export const NO_LIAISON = 'no community liaison assistants';
export const NO_CIVILIANS = 'no civilian staff had visited Alindao for four months';
export const UNFAIR =
  'Mauritania believes the blame was attributed unfairly: its troops were severely overstretched and left without civilian support';

/** MINUSCA and the Mauritanian battalion in Alindao; answers the battalion's id. */
export async function recordMinusca(client: LedgerClient): Promise<string> {
  let mauritania = '';
  const admin = client.as('admin');
  await admin.create('/missions', {
    code: 'MINUSCA',
    name: 'United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic',
    hostCountry: 'CAF',
  });
  mauritania = (
    await admin.create('/contingents', {
      country: 'MRT',
      unitType: 'infantry_battalion',
      designation: 'Mauritanian battalion',
      missionCode: 'MINUSCA',
      sector: 'Alindao',
    })
  ).id;
  return mauritania;
}

export interface AlindaoRecord {
  incidentId: string;
  investigationId: string;
  findings: {
    overstretched: string;
    rulesOfEngagement: string;
    passivity: string;
    bias: string;
    sharedBlame: string;
  };
  namingId: string;
  recommendationId: string;
  decisionId: string;
  notificationId: string;
  evaluationId: string;
  commendationId: string;
}

/** Alindao, November 2018, from the evaluation before the attack to the repatriation. */
export async function recordAlindao(
  client: LedgerClient,
  mauritania: string,
): Promise<AlindaoRecord> {
  const investigator = client.as('investigator');
  let incidentId = '';
  let investigationId = '';
  const findings = {
    overstretched: '',
    rulesOfEngagement: '',
    passivity: '',
    bias: '',
    sharedBlame: '',
  };
  let namingId = '';
  let recommendationId = '';
  let decisionId = '';
  let notificationId = '';
  let evaluationId = '';
  let commendationId = '';
  const admin = client.as('admin');
  const decider = client.as('decider');
  const liaison = client.as('liaisonMRT');

  evaluationId = (
    await admin.create(`/contingents/${mauritania}/evaluations`, {
      evaluatedAt: '2018-06-30T00:00:00Z',
      rating: 'meets_standard',
      summary: "Force commander's evaluation of the battalion before the attack",
    })
  ).id;
  incidentId = (
    await investigator.create('/incidents', {
      missionCode: 'MINUSCA',
      occurredAt: '2018-11-15T10:00:00+01:00',
      location: { name: 'Alindao displacement camp' },
      category: 'attack_on_civilians',
      summary: 'Armed attack on the displacement camp; more than 100 civilians killed',
      contingentIds: [mauritania],
    })
  ).id;
  investigationId = (
    await investigator.create('/investigations', {
      incidentIds: [incidentId],
      kind: 'special_investigation',
      title:
        'Special investigation, with the Office for Peacekeeping Strategic Partnership, into the attack on Alindao',
    })
  ).id;
  const finding = (body: object) =>
    investigator.create(`/investigations/${investigationId}/findings`, body).then((r) => r.id);
  const onTheUnit = [{ level: 'unit', contingentId: mauritania }];
  findings.overstretched = await finding({
    statement: 'The Mauritanian troops were severely overstretched',
    category: 'resourcing',
    severity: 'high',
    attributions: [...onTheUnit, { level: 'mission_leadership' }],
    contextFactors: [OVERSTRETCHED, NO_LIAISON, NO_CIVILIANS],
  });
  findings.rulesOfEngagement = await finding({
    statement: 'The Mauritanian troops had a poor understanding of the rules of engagement',
    category: 'rules_of_engagement',
    severity: 'high',
    attributions: onTheUnit,
    contextFactors: [OVERSTRETCHED],
  });
  findings.passivity = await finding({
    statement: 'The Mauritanian troops exhibited passivity during the attack',
    category: 'conduct',
    severity: 'high',
    attributions: onTheUnit,
    contextFactors: [OVERSTRETCHED, NO_LIAISON],
  });
  findings.bias = await finding({
    statement: 'The Mauritanian troops might have harboured bias in favour of the attackers',
    category: 'conduct',
    severity: 'critical',
    attributions: onTheUnit,
  });
  findings.sharedBlame = await finding({
    statement:
      'The civilian, police and military components are all responsible for analysis, preparedness and planning',
    category: 'planning',
    severity: 'medium',
    attributions: [
      { level: 'mission_component', component: 'civilian' },
      { level: 'mission_component', component: 'police' },
      { level: 'mission_component', component: 'military' },
    ],
    contextFactors: [NO_CIVILIANS],
  });
  namingId = (
    await investigator.create(`/investigations/${investigationId}/namings`, {
      contingentId: mauritania,
      findingIds: [findings.rulesOfEngagement, findings.passivity, findings.bias],
      public: true,
    })
  ).id;
  recommendationId = (
    await investigator.create(`/investigations/${investigationId}/recommendations`, {
      action: 'repatriate_unit',
      contingentId: mauritania,
      findingIds: [findings.rulesOfEngagement, findings.passivity, findings.bias],
      rationale: 'The contingent did not protect the civilians of the camp during the attack',
    })
  ).id;
  notificationId = (
    await investigator.create(`/contingents/${mauritania}/notifications`, {
      subjectStreamId: `investigation-${investigationId}`,
      notifiedAt: '2019-01-10T10:00:00Z',
      channel: 'note_verbale',
    })
  ).id;
  await liaison.create(`/contingents/${mauritania}/replies`, {
    statement: UNFAIR,
    regarding: notificationId,
    respondedAt: '2019-01-24T10:00:00Z',
  });
  decisionId = (
    await decider.create('/decisions', {
      recommendationId,
      contingentId: mauritania,
      scope: 'unit',
      outcome: 'repatriate',
      authority: 'Under-Secretary-General for Peace Operations',
      rationale: 'The special investigation found the contingent failed to protect civilians',
      decidedAt: '2019-02-01T00:00:00Z',
    })
  ).id;
  await decider.create(`/decisions/${decisionId}/implementation`, {
    implementedAt: '2019-04-30T00:00:00Z',
    note: 'The Mauritanian contingent left MINUSCA',
  });
  commendationId = (
    await admin.create(`/contingents/${mauritania}/commendations`, {
      at: '2018-09-01T00:00:00Z',
      citation: 'Escort of a humanitarian convoy under fire',
    })
  ).id;
  return {
    incidentId,
    investigationId,
    findings,
    namingId,
    recommendationId,
    decisionId,
    notificationId,
    evaluationId,
    commendationId,
  };
}

export interface BangassouRecord {
  incidentId: string;
  investigationId: string;
  findings: { planning: string; training: string };
  morocco: string;
}

/** The violence of 2017 (Bangassou): planning and training criticised, no one named. */
export async function recordBangassou(client: LedgerClient): Promise<BangassouRecord> {
  const investigator = client.as('investigator');
  let incidentId = '';
  let investigationId = '';
  const findings = { planning: '', training: '' };
  let morocco = '';
  morocco = (
    await client.as('admin').create('/contingents', {
      country: 'MAR',
      unitType: 'infantry_battalion',
      designation: 'Moroccan battalion',
      missionCode: 'MINUSCA',
      sector: 'Bangassou',
    })
  ).id;
  incidentId = (
    await investigator.create('/incidents', {
      missionCode: 'MINUSCA',
      occurredAt: '2017-05-13T06:00:00+01:00',
      location: { name: 'Bangassou, south-east of the Central African Republic' },
      category: 'attack_on_civilians',
      summary:
        "Peacekeepers' weak response to the 2017 violence; 115 civilians killed in a single attack",
      casualties: { civiliansKilled: 115 },
      contingentIds: [morocco],
    })
  ).id;
  investigationId = (
    await investigator.create('/investigations', {
      incidentIds: [incidentId],
      kind: 'special_investigation',
      title: "Special investigation into MINUSCA's response to the violence of 2017",
    })
  ).id;
  const finding = (body: object) =>
    investigator.create(`/investigations/${investigationId}/findings`, body).then((r) => r.id);
  findings.planning = await finding({
    statement: 'Poor planning of the response to the attacks',
    category: 'planning',
    severity: 'high',
    attributions: [{ level: 'mission_leadership' }],
  });
  findings.training = await finding({
    statement: 'Inadequate training of the troops deployed',
    category: 'training',
    severity: 'high',
    attributions: [
      { level: 'mission_component', component: 'military' },
      { level: 'headquarters' },
    ],
  });
  await investigator.create(`/investigations/${investigationId}/closure`, {
    summary: 'Planning and training criticised; no underperformers named',
  });
  return { incidentId, investigationId, findings, morocco };
}
