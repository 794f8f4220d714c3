import type { Field, FormDefinition, FormScene } from './form-definition';
import type { TypedValues } from './form-values';

/** A refused submission: the API's status, detail and reasons, each placed beside its input. */
export interface Refusal {
  status: number;
  detail: string;
  errors: { field: string; reason: string; input: string | undefined }[];
}

/** `attributions[0].level` → `f-attributions-0-level`: an id for the input and its label. */
export const inputId = (name: string) => `f-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;

export interface FieldView extends Field {
  id: string;
  /** What was typed (or the default): one string, or the values ticked. */
  value: string;
  checked: string[];
  errors: string[];
  describedBy: string;
}

export interface FormView {
  formId: string;
  title: string;
  intro?: string;
  record: FormScene['record'];
  sections: { legend?: string; hint?: string; fields: FieldView[] }[];
  aside?: FormScene['aside'];
  submitLabel: string;
  showsOnce: boolean;
  key: string;
  revision: number | undefined;
  refusal?: Refusal & { summary: { href: string; text: string }[] };
  conflict?: { renderedAt: number; changes: unknown[] };
}

/** The template's model: every field with what was typed and the reasons given for it. */
export function formView(
  form: FormDefinition,
  scene: FormScene,
  state: {
    values: TypedValues;
    key: string;
    revision: number | undefined;
    refusal?: Refusal;
    conflict?: { renderedAt: number; changes: unknown[] };
  },
): FormView {
  const reasonsFor = (name: string) =>
    (state.refusal?.errors ?? []).filter((e) => e.input === name).map((e) => e.reason);
  const sections = scene.sections.map((section) => ({
    ...section,
    fields: section.fields.map((field): FieldView => {
      const raw = state.values[field.name];
      const id = inputId(field.name);
      const errors = reasonsFor(field.name);
      return {
        ...field,
        id,
        value: Array.isArray(raw) ? (raw[raw.length - 1] ?? '') : (raw ?? ''),
        checked: Array.isArray(raw) ? raw : raw === undefined ? [] : [raw],
        errors,
        describedBy: [field.hint ? `${id}-hint` : '', errors.length > 0 ? `${id}-error` : '']
          .filter(Boolean)
          .join(' '),
      };
    }),
  }));
  const refusal = state.refusal && {
    ...state.refusal,
    summary:
      state.refusal.errors.length > 0
        ? state.refusal.errors.map((e) => ({
            href: e.input ? `#${inputId(e.input)}` : '#form-top',
            text: `${labelOf(scene, e.input) ?? e.field}: ${e.reason}`,
          }))
        : [{ href: '#form-top', text: state.refusal.detail }],
  };
  return {
    formId: form.id,
    title: form.title,
    intro: scene.intro,
    record: scene.record,
    sections,
    aside: scene.aside,
    submitLabel: scene.submitLabel,
    showsOnce: scene.showsOnce === true,
    key: state.key,
    revision: state.revision,
    refusal,
    conflict: state.conflict,
  };
}

function labelOf(scene: FormScene, input: string | undefined): string | undefined {
  if (!input) return undefined;
  for (const section of scene.sections) {
    const field = section.fields.find((f) => f.name === input);
    if (field) return section.legend ? `${section.legend}, ${field.label}` : field.label;
  }
  return undefined;
}
