import { format } from '../../rendering/format';
import type { Choice, Field } from './form-definition';
import type { UnitChoice } from './ledger-lookups';

/** A vocabulary of the domain as choices: the API's value, the label people read. */
export const vocabulary = (values: readonly string[]): Choice[] =>
  values.map((value) => ({ value, label: format.label(value) }));

export const unitChoices = (units: UnitChoice[]): Choice[] =>
  units.map((u) => ({
    value: u.contingentId,
    label: `${u.designation} (${u.country}, ${u.missionCode})`,
  }));

export const short = (text: string, length = 90): string =>
  text.length > length ? `${text.slice(0, length - 1)}…` : text;

export const INSTANT_HINT =
  'ISO 8601 with its time zone, e.g. 2018-11-15T10:00+01:00 or 2019-02-01T00:00:00Z.';

/** The reason a correction, closure, reversal... gives (the API's `ReasonDto`), as a field. */
export const REASON_FIELD: Field = { name: 'reason', label: 'Reason', kind: 'textarea' };
