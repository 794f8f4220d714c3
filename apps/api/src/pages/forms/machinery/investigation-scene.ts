import { appointmentChoices } from './appointments';
import { short } from './choices';
import type { Choice, FormLoad } from './form-definition';
import type { InvestigationAnswer } from './ledger-lookups';
import { format } from '../../rendering/format';

/** An investigation as its forms need it: the record, the units of its incidents, its findings. */
export async function investigationScene({ request, reads, lookups, params }: FormLoad) {
  const investigation = await lookups.investigation(request, params.investigation);
  const incidents = await Promise.all(
    investigation.incidentIds.map((id) => lookups.incident(request, id)),
  );
  const unitIds = [...new Set(incidents.flatMap((i) => i.contingentIds ?? []))];
  const units = await lookups.units(reads, request, unitIds);
  const missionCodes = [...new Set(incidents.map((i) => i.missionCode))];
  const missions = await Promise.all(missionCodes.map((code) => lookups.mission(request, code)));
  return {
    investigation,
    units,
    /** The appointments of the leaders of the investigated incidents' missions, over time. */
    appointments: appointmentChoices(missions),
    record: {
      label: `investigation: ${short(investigation.title, 70)}`,
      href: `/ui/investigations/${investigation.investigationId}`,
    },
    stream: {
      id: `investigation-${investigation.investigationId}`,
      revision: investigation.revision,
    },
  };
}

/** The findings not withdrawn, as choices. */
export const findingChoices = (investigation: InvestigationAnswer): Choice[] =>
  Object.values(investigation.findings)
    .filter((f) => !f.withdrawn)
    .map((f) => ({
      value: f.findingId,
      label: `${short(f.statement, 110)} (${format.label(f.category)}, ${f.severity})`,
    }));

/** The investigations an investigator may write in: open ones of the incidents listed. */
export async function openInvestigations(context: Omit<FormLoad, 'params'>) {
  return investigationsOf(context, 'open');
}

/**
 * The investigations of the incidents listed, in this status, that the principal may write in:
 * an investigator, those it is assigned to; another role the API lets in (an admin), all.
 */
export async function investigationsOf(
  context: Omit<FormLoad, 'params'>,
  status: 'open' | 'closed',
) {
  const incidents = await context.lookups.incidents(context.reads, context.request);
  const ids = [
    ...new Set(
      incidents.flatMap((i) => (i as { investigationIds?: string[] }).investigationIds ?? []),
    ),
  ];
  const all = await Promise.all(
    ids.map((id) => context.lookups.investigation(context.request, id)),
  );
  return all.filter(
    (i) =>
      i.status === status &&
      (context.principal.actingRole !== 'investigator' ||
        i.investigators.includes(context.principal.id)),
  );
}
