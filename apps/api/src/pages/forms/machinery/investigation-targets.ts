import { short } from './choices';
import type { FormLoad } from './form-definition';
import { investigationsOf } from './investigation-scene';

/** The open investigations the investigator is assigned to, as the records of a form. */
export async function investigationTargets(context: Omit<FormLoad, 'params'>) {
  return investigationTargetsIn(context, 'open');
}

/** The investigations in this status the principal may write in, as the records of a form. */
export async function investigationTargetsIn(
  context: Omit<FormLoad, 'params'>,
  status: 'open' | 'closed',
) {
  const investigations = await investigationsOf(context, status);
  return investigations.map((i) => ({
    label: short(i.title, 100),
    params: { investigation: i.investigationId },
  }));
}

/** Each finding not withdrawn of the open investigations the investigator may write in. */
export async function findingTargets(context: Omit<FormLoad, 'params'>) {
  const investigations = await investigationsOf(context, 'open');
  return investigations.flatMap((i) =>
    Object.values(i.findings)
      .filter((f) => !f.withdrawn)
      .map((f) => ({
        label: `${short(i.title, 50)}: ${short(f.statement, 80)}`,
        params: { investigation: i.investigationId, finding: f.findingId },
      })),
  );
}

/** Each piece of evidence of the open investigations the investigator may write in. */
export async function evidenceTargets(context: Omit<FormLoad, 'params'>) {
  const investigations = await investigationsOf(context, 'open');
  return investigations.flatMap((i) =>
    Object.values(i.evidence).map((e) => ({
      label: `${short(i.title, 50)}: ${e.kind} held by ${short(e.custodian, 50)}`,
      params: { investigation: i.investigationId, evidence: e.evidenceId },
    })),
  );
}
