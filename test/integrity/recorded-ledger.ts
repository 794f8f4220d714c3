import type { LedgerClient } from '../support/http-client';

export interface AlindaoIds {
  incidentId: string;
  investigationId: string;
  mauritania: string;
  burundi: string;
}

/**
 * A small ledger through the API: a mission, two contingents (one rotated), an incident
 * amended twice, an investigation with a finding. Nine events in five streams, interleaved.
 */
export async function recordAlindao(client: LedgerClient): Promise<AlindaoIds> {
  const admin = client.as('admin');
  const investigator = client.as('investigator');
  await admin.create('/missions', {
    code: 'MINUSCA',
    name: 'United Nations Multidimensional Integrated Stabilization Mission in the Central African Republic',
    hostCountry: 'CAF',
  });
  const register = (country: string, designation: string) =>
    admin
      .create('/contingents', {
        country,
        unitType: 'infantry_battalion',
        designation,
        missionCode: 'MINUSCA',
      })
      .then((r) => r.id);
  const mauritania = await register('MRT', 'Mauritanian battalion');
  const burundi = await register('BDI', 'Burundian battalion');
  const { id: incidentId } = await investigator.create('/incidents', {
    missionCode: 'MINUSCA',
    occurredAt: '2018-11-15T10:00:00Z',
    location: { name: 'Alindao displacement camp' },
    category: 'attack_on_civilians',
    summary: 'Attack on the displacement camp next to the cathedral',
    contingentIds: [mauritania],
  });
  await admin.create(`/contingents/${mauritania}/rotations`, { startedAt: '2018-12-01T00:00:00Z' });
  await amend(client, incidentId, 'Attack on the displacement camp; dozens of civilians killed');
  const { id: investigationId } = await investigator.create('/investigations', {
    incidentIds: [incidentId],
    kind: 'special_investigation',
    title: 'Special investigation into the attack on Alindao',
  });
  await amend(client, incidentId, 'Attack on the displacement camp; more than 70 civilians killed');
  await finding(client, investigationId, mauritania, 'The contingent did not leave its base');
  return { incidentId, investigationId, mauritania, burundi };
}

/** What came later: more figures, another finding, an evaluation of the other unit. */
export async function recordFollowUp(client: LedgerClient, ids: AlindaoIds): Promise<void> {
  await amend(
    client,
    ids.incidentId,
    'Attack on the displacement camp; at least 112 civilians killed',
  );
  await finding(
    client,
    ids.investigationId,
    ids.mauritania,
    'Only 54 peacekeepers guarded a camp of more than 20,000 people',
  );
  await client.as('admin').create(`/contingents/${ids.burundi}/evaluations`, {
    evaluatedAt: '2019-01-10T00:00:00Z',
    rating: 'meets_standard',
    summary: 'Force commander unit evaluation',
  });
  await amend(
    client,
    ids.incidentId,
    'Attack on the displacement camp; 112 civilians killed, 19 wounded',
  );
}

function amend(client: LedgerClient, incidentId: string, summary: string) {
  return client.as('investigator').create(`/incidents/${incidentId}/amendments`, {
    changes: { summary },
    reason: 'New figures from the human rights division',
  });
}

function finding(
  client: LedgerClient,
  investigationId: string,
  contingentId: string,
  statement: string,
) {
  return client.as('investigator').create(`/investigations/${investigationId}/findings`, {
    statement,
    category: 'rules_of_engagement',
    severity: 'high',
    attributions: [{ level: 'unit', contingentId }],
  });
}
