import type { CommandContext } from '@blue-ledger/command-handling';
import type { ActingPrincipal } from '../../../auth/principal';
import type { WriteResponse } from '../../../http/write-response';
import type { PageReads } from '../../rendering/page-reads';
import type { PageRequest } from '../../sessions/page-access';
import type { ApiWrites } from './api-writes';
import type { LedgerLookups } from './ledger-lookups';

/** One option of a choice: the value the API takes, and what a person reads. */
export interface Choice {
  value: string;
  label: string;
}

/**
 * How a field is typed and read back into the API's body:
 * - `text`, `textarea`, `select`, `radio`: a string (empty: left out);
 * - `instant`: an ISO 8601 time with its zone, typed as the API takes it;
 * - `count` (whole number) and `number` (decimal): a number when it reads as one, otherwise the
 *   text as typed, so that the API's own validation refuses it with its own reason;
 * - `checkboxes`: a list of the values ticked; `lines`: one item a line;
 * - `boolean`: a single checkbox, true when ticked;
 * - `sha256`: a hash, typed or computed in the browser from a chosen file (never uploaded).
 */
export type FieldKind =
  | 'text'
  | 'textarea'
  | 'select'
  | 'radio'
  | 'instant'
  | 'count'
  | 'number'
  | 'checkboxes'
  | 'lines'
  | 'boolean'
  | 'sha256';

export interface Field {
  /** The API's field path, e.g. `location.name` or `attributions[0].level`: errors name it. */
  name: string;
  label: string;
  kind: FieldKind;
  hint?: string;
  choices?: Choice[];
  /** Shown as "(optional)"; whether it is required is the API's to say. */
  optional?: boolean;
}

export interface Section {
  legend?: string;
  hint?: string;
  fields: Field[];
}

/** What the form shows beside itself: the record it acts on, as facts. */
export interface AsideBlock {
  heading: string;
  facts: { term: string; value: string }[];
  list?: string[];
}

/** Everything a form needs to be shown for one record, as the ledger holds it now. */
export interface FormScene {
  /** The stream the write appends to, and its revision now: the form writes with If-Match. */
  stream?: { id: string; revision: number };
  /** The record the form acts on: where the receipt leads back to. */
  record: { label: string; href: string };
  intro?: string;
  sections: Section[];
  aside?: AsideBlock[];
  /** Values the form starts with (the API's field paths). */
  defaults?: Record<string, string | string[]>;
  /** Extra scripts of the app's own (the evidence form hashes files in the browser). */
  scripts?: string[];
  submitLabel: string;
  /** Its answer is shown once (a new token): the browser sends it once (forms.js). */
  showsOnce?: boolean;
}

export interface FormLoad {
  request: PageRequest;
  principal: ActingPrincipal;
  /** The record the form acts on, from the address (e.g. `?investigation=<id>`). */
  params: Record<string, string>;
  reads: PageReads;
  lookups: LedgerLookups;
}

/**
 * What a form answers when its API route is not a ledger write with a receipt (principals and
 * their tokens): where the form's key leads from now on (a resubmission, a reload, the back
 * button), and what is shown once, as the answer to this one POST only: never stored, never at
 * an address (a new token).
 */
export interface FormAnswer {
  location: string;
  once?: { template: string; title: string; model: Record<string, unknown> };
}

/**
 * A field of the page only, not of the API's body: a path parameter typed in (the subject to
 * erase), a confirmation ticked. Checked by the page (a reason beside it when refused), then
 * handed to `submit` with the record's params; never sent to the DTO's validation.
 */
export interface PageField {
  name: string;
  /** The reason it is refused, or undefined when it holds. */
  check(value: string | undefined): string | undefined;
}

/**
 * A web form: which API route it is (the permission table's entry, and its DTO), how it is
 * shown for a record, and how a validated body becomes the API's own write. A form is never a
 * second write path: `submit` calls the API's controller method with the DTO the API's
 * validation pipe produced and the command context the API builds.
 */
export interface FormDefinition<Dto extends object = object> {
  /** The address: `/ui/forms/<id>`. */
  id: string;
  title: string;
  /** `METHOD /route` of the JSON API this form writes through; its roles are the form's. */
  apiRoute: string;
  dto: new () => Dto;
  /** Query parameters naming the record the form acts on (each a UUID, unless `paramRule`). */
  params: readonly string[];
  /** The params are ids of another form than a UUID (a principal id), kept as typed. */
  paramRule?: { pattern: RegExp; rule: string };
  /** One param that is a natural code rather than a UUID (a mission's code), kept as typed. */
  paramRules?: Readonly<Record<string, { pattern: RegExp; rule: string }>>;
  pageFields?: readonly PageField[];
  load(context: FormLoad): Promise<FormScene>;
  /** The records this form may act on now, for the list of forms (forms with params only). */
  targets?(
    context: Omit<FormLoad, 'params'>,
  ): Promise<{ label: string; params: Record<string, string> }[]>;
  /** Body fields fixed by the record the form acts on (sent to validation with what was typed). */
  fixed?(params: Record<string, string>): Record<string, unknown>;
  submit(
    api: ApiWrites,
    dto: Dto,
    context: CommandContext,
    params: Record<string, string>,
    principal: ActingPrincipal,
    request: PageRequest,
  ): Promise<WriteResponse | FormAnswer>;
}

export const defineForm = <Dto extends object>(form: FormDefinition<Dto>): FormDefinition =>
  form as unknown as FormDefinition;
