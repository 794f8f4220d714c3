import { short } from './choices';
import type { FormLoad } from './form-definition';
import { openInvestigations } from './investigation-scene';

/** The open investigations the investigator is assigned to, as the records of a form. */
export async function investigationTargets(context: Omit<FormLoad, 'params'>) {
  const investigations = await openInvestigations(context);
  return investigations.map((i) => ({
    label: short(i.title, 100),
    params: { investigation: i.investigationId },
  }));
}
