import type { Field, Section } from './form-definition';

/** What was typed, by field name: a string, or the list of ticked values. */
export type TypedValues = Record<string, string | string[]>;

const INTEGER = /^-?\d{1,15}$/;
const DECIMAL = /^-?\d{1,4}(\.\d{1,12})?$/;

/** The fields of a form, in order. */
export const fieldsOf = (sections: Section[]): Field[] => sections.flatMap((s) => s.fields);

/** The values a browser sent for the form's own fields (anything else is dropped here). */
export function typedValues(body: unknown, sections: Section[]): TypedValues {
  const source = (body ?? {}) as Record<string, unknown>;
  const values: TypedValues = {};
  for (const field of fieldsOf(sections)) {
    const raw = source[field.name];
    if (Array.isArray(raw)) values[field.name] = raw.map(String);
    else if (typeof raw === 'string') values[field.name] = raw;
  }
  return values;
}

/** One field's value as the API takes it, or undefined when it is left empty. */
function apiValue(field: Field, raw: string | string[] | undefined): unknown {
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const one = list.length > 0 ? list[list.length - 1] : undefined;
  switch (field.kind) {
    case 'checkboxes':
      return list.length > 0 ? list : undefined;
    case 'lines': {
      const lines = (one ?? '')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line.length > 0);
      return lines.length > 0 ? lines : undefined;
    }
    case 'boolean':
      return one === 'true';
    case 'count':
      if (one === undefined || one.trim() === '') return undefined;
      return INTEGER.test(one.trim()) ? Number(one.trim()) : one;
    case 'number':
      if (one === undefined || one.trim() === '') return undefined;
      return DECIMAL.test(one.trim()) ? Number(one.trim()) : one;
    case 'sha256':
      return one === undefined || one.trim() === '' ? undefined : one.trim().toLowerCase();
    default:
      return one === undefined || one === '' ? undefined : one;
  }
}

type Step = string | number;

/** `attributions[0].level` → ['attributions', 0, 'level']. */
export function pathOf(name: string): Step[] {
  const steps: Step[] = [];
  for (const part of name.split('.')) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) return [name];
    steps.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) steps.push(Number(index[1]));
  }
  return steps;
}

function setAt(target: Record<string, unknown>, steps: Step[], value: unknown): void {
  let node: Record<string | number, unknown> = target;
  steps.forEach((step, i) => {
    if (i === steps.length - 1) {
      node[step] = value;
      return;
    }
    const next = steps[i + 1];
    node[step] ??= typeof next === 'number' ? [] : {};
    node = node[step] as Record<string | number, unknown>;
  });
}

/**
 * Empty groups are left out, as a JSON client would leave them out: an object with nothing
 * typed in it, a row of a list left blank. Rows of a list close up; `renames` records where each
 * row was typed, so that a reason about `attributions[0]` is shown beside the row it concerns.
 */
function prune(value: unknown, path: string, renames: Map<string, string>): unknown {
  if (Array.isArray(value)) {
    const kept: unknown[] = [];
    value.forEach((item, i) => {
      const pruned = prune(item, `${path}[${i}]`, renames);
      if (pruned === undefined) return;
      renames.set(`${path}[${kept.length}]`, `${path}[${i}]`);
      kept.push(pruned);
    });
    return kept.length > 0 ? kept : undefined;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).flatMap(([key, item]) => {
      const pruned = prune(item, path ? `${path}.${key}` : key, renames);
      return pruned === undefined ? [] : [[key, pruned] as const];
    });
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  }
  return value;
}

export interface ApiBody {
  body: Record<string, unknown>;
  /** A field path of the body → the field path of the form it was typed in. */
  fieldOf(apiField: string): string;
}

/** The form's values as the JSON body the API's route takes, built only from the form's fields. */
export function apiBodyOf(values: TypedValues, sections: Section[]): ApiBody {
  const raw: Record<string, unknown> = {};
  for (const field of fieldsOf(sections)) {
    const value = apiValue(field, values[field.name]);
    if (value !== undefined) setAt(raw, pathOf(field.name), value);
  }
  const renames = new Map<string, string>();
  const body = (prune(raw, '', renames) ?? {}) as Record<string, unknown>;
  return {
    body,
    fieldOf(apiField: string): string {
      // Longest renamed prefix first: `attributions[0].level` → `attributions[2].level`.
      const prefixes = [...renames.keys()].sort((a, b) => b.length - a.length);
      for (const prefix of prefixes) {
        if (apiField === prefix || apiField.startsWith(`${prefix}.`)) {
          return `${renames.get(prefix)}${apiField.slice(prefix.length)}`;
        }
      }
      return apiField;
    },
  };
}

/**
 * The input a reason belongs beside: the field it names, or the first field within the group it
 * names (a reason about `location` goes beside `location.name`), or none (summary only).
 */
export function inputFor(field: string, sections: Section[]): string | undefined {
  const names = fieldsOf(sections).map((f) => f.name);
  if (names.includes(field)) return field;
  return names.find((name) => name.startsWith(`${field}.`) || name.startsWith(`${field}[`));
}
