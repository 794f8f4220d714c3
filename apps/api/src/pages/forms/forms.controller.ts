import { Body, Get, Logger, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { CommandContext } from '@blue-ledger/command-handling';
import type { Role } from '@blue-ledger/domain';
import type { Response } from 'express';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { PERMISSIONS } from '../../access/permissions';
import type { ActingPrincipal } from '../../auth/principal';
import { toProblem } from '../../problems/problem-details.filter';
import { subjectIdsIn } from '../../http/idempotency-secret';
import { ProblemException, type FieldError } from '../../problems/problem.exception';
import { createValidationPipe } from '../../problems/validation.pipe';
import { StreamEventsQuery } from '../../streams/stream.queries';
import { layoutFor } from '../layout/layout-context';
import { eventLine, type EnvelopeView } from '../rendering/event-line';
import { Html, PageController } from '../rendering/page.decorator';
import { PageReads } from '../rendering/page-reads';
import { PageRenderer } from '../rendering/page-renderer';
import { RECORD_ID } from '../rendering/record-not-found';
import { Csrf } from '../security/csrf';
import type { PageRequest } from '../sessions/page-access';
import { PageSessions } from '../sessions/page-sessions';
import { FORMS, formById } from './form-catalogue';
import { ApiWrites } from './machinery/api-writes';
import type { FormDefinition, FormScene, Section } from './machinery/form-definition';
import { FORM_KEY, FormKeys } from './machinery/form-keys';
import { apiBodyOf, inputFor, typedValues, type TypedValues } from './machinery/form-values';
import { LedgerLookups } from './machinery/ledger-lookups';
import { formView, type Refusal } from './machinery/form-view';

const REVISION = /^\d{1,15}$/;
const validation = createValidationPipe();

/** The roles the permission table gives the API route a form writes through. */
export function rolesOf(form: FormDefinition): readonly Role[] {
  const allowed = PERMISSIONS[form.apiRoute];
  return Array.isArray(allowed) ? allowed : [];
}

/** The role the principal acts in on this form, as the API would pick it; none: refused. */
export function actingRoleFor(form: FormDefinition, principal: ActingPrincipal): Role | undefined {
  return rolesOf(form).find((role) => principal.roles.includes(role));
}

/** The form's sections without its page-only fields: what becomes the API's body. */
function withoutPageFields(sections: Section[], names: ReadonlySet<string>): Section[] {
  if (names.size === 0) return sections;
  return sections.map((s) => ({ ...s, fields: s.fields.filter((f) => !names.has(f.name)) }));
}

/** The page-only fields as typed (the last value of each). */
function pageValuesOf(form: FormDefinition, values: TypedValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of form.pageFields ?? []) {
    const raw = values[field.name];
    const one = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (one !== undefined && one !== '') out[field.name] = one.trim();
  }
  return out;
}

/**
 * The API's validation of the body, and the page's own checks of its page-only fields: every
 * reason of both in one refusal, so that each is shown beside its field at once.
 */
async function validatedWithPageFields(
  form: FormDefinition,
  body: Record<string, unknown>,
  pageValues: Record<string, string>,
): Promise<object> {
  const pageErrors: FieldError[] = (form.pageFields ?? []).flatMap((field) => {
    const reason = field.check(pageValues[field.name]);
    return reason ? [{ field: field.name, reason }] : [];
  });
  let dto: object;
  try {
    dto = (await validation.transform(body, { type: 'body', metatype: form.dto })) as object;
  } catch (error) {
    const problem = toProblem(error);
    if (pageErrors.length === 0 || problem.status >= 500) throw error;
    throw new ProblemException(problem.status, problem.code, problem.detail, [
      ...pageErrors,
      ...(problem.errors ?? []),
    ]);
  }
  if (pageErrors.length > 0) {
    throw new ProblemException(422, 'validation_failed', 'The form is not complete.', pageErrors);
  }
  return dto;
}

/**
 * `/ui/forms/{form}`: the forms of the people who write. Each form is one JSON API route: the
 * same permission table entry, the same DTO and validation pipe, the same controller method and
 * so the same command on the CommandBus. A refusal re-renders the form with what was typed and
 * the API's reasons beside the fields they name; each rendered form carries its own idempotency
 * key and the revision it was rendered at (written with If-Match); a write ends with a 303 to
 * its receipt.
 */
@PageController('forms')
export class FormsController {
  private readonly logger = new Logger(FormsController.name);

  constructor(
    private readonly reads: PageReads,
    private readonly renderer: PageRenderer,
    private readonly csrf: Csrf,
    private readonly api: ApiWrites,
    private readonly lookups: LedgerLookups,
    private readonly keys: FormKeys,
    private readonly sessions: PageSessions,
  ) {}

  /** What the signed-in person may record, and where. */
  @Get()
  @Html()
  async hub(@Req() request: PageRequest, @Res({ passthrough: true }) response: Response) {
    const signedIn = this.principalOf(request);
    const forms = FORMS.filter((form) => actingRoleFor(form, signedIn) !== undefined);
    const entries = [];
    for (const form of forms) {
      const principal = { ...signedIn, actingRole: actingRoleFor(form, signedIn)! };
      const targets = form.targets
        ? await form.targets({ request, principal, reads: this.reads, lookups: this.lookups })
        : undefined;
      entries.push({
        id: form.id,
        title: form.title,
        href: form.params.length === 0 ? `/ui/forms/${form.id}` : undefined,
        targets: (targets ?? []).map((t) => ({
          label: t.label,
          href: `/ui/forms/${form.id}?${new URLSearchParams(t.params).toString()}`,
        })),
      });
    }
    const layout = layoutFor(request, response, this.csrf, {
      title: 'Record',
      section: 'none',
      crumbs: [{ label: 'Overview', href: '/ui' }, { label: 'Record' }],
    });
    const principalsPage = PERMISSIONS['GET /ui/principals'];
    return this.renderer.render('forms/hub', layout, {
      forms: entries,
      principalsHref:
        Array.isArray(principalsPage) && principalsPage.some((r) => signedIn.roles.includes(r))
          ? '/ui/principals'
          : undefined,
      styles: ['/ui/assets/forms.css'],
    });
  }

  @Get(':form')
  @Html()
  async show(
    @Req() request: PageRequest,
    @Res({ passthrough: true }) response: Response,
    @Param('form') formId: string,
    @Query() query: Record<string, unknown>,
  ) {
    const { form, principal, params } = this.admit(request, formId, query);
    const scene = await this.sceneOf(form, request, principal, params);
    return this.render(request, response, form, params, scene, {
      values: scene.defaults ?? {},
      key: uuidv4(),
      revision: scene.stream?.revision,
    });
  }

  @Post(':form')
  async submit(
    @Req() request: PageRequest,
    @Res() response: Response,
    @Param('form') formId: string,
    @Query() query: Record<string, unknown>,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const { form, principal, params } = this.admit(request, formId, query);
    const scene = await this.sceneOf(form, request, principal, params);
    const values = typedValues(body, scene.sections);
    const key = typeof body._key === 'string' && FORM_KEY.test(body._key) ? body._key : undefined;
    const revisionText = typeof body._revision === 'string' ? body._revision : undefined;
    const send = (status: number, html: string) =>
      response.status(status).type('text/html; charset=utf-8').send(html);

    if (!key) {
      throw new ProblemException(400, 'form_key_missing', 'The form lacks its key. Reload it.', [
        { field: '_key', reason: 'must be the key the form was rendered with' },
      ]);
    }
    if (scene.stream && (revisionText === undefined || !REVISION.test(revisionText))) {
      throw new ProblemException(
        400,
        'form_revision_missing',
        'The form lacks the revision it was rendered at. Reload it.',
        [{ field: '_revision', reason: 'must be the revision the form was rendered at' }],
      );
    }
    const revision = scene.stream ? Number(revisionText) : undefined;

    const pageNames = new Set((form.pageFields ?? []).map((f) => f.name));
    const api = apiBodyOf(values, withoutPageFields(scene.sections, pageNames));
    const pageValues = pageValuesOf(form, values);
    const claim = await this.keys.claim(
      principal.id,
      key,
      this.keys.requestHash(form.id, params, { values, revision: revisionText ?? null }),
      subjectIdsIn(api),
    );
    if (claim.kind === 'done') {
      response.redirect(303, claim.location);
      return;
    }
    if (claim.kind === 'in-flight') {
      throw new ProblemException(
        409,
        'form_in_flight',
        'This form is still being recorded. Wait a moment, then open the record to see it.',
      );
    }

    const requestId = uuidv7();
    const context: CommandContext = {
      actor: { id: principal.id, role: principal.actingRole },
      now: new Date().toISOString(),
      correlationId: requestId,
      causationId: requestId,
      ids: claim.ids,
      expectedRevision: revision === undefined ? undefined : BigInt(revision),
    };
    try {
      const body = { ...(form.fixed?.(params) ?? {}), ...api.body };
      const dto = await validatedWithPageFields(form, body, pageValues);
      const result = await form.submit(
        this.api,
        dto,
        context,
        { ...params, ...pageValues },
        principal,
        request,
      );
      const location =
        'location' in result ? result.location : `/ui/forms/receipts/${result.position}`;
      if ('position' in result) await this.rememberWrite(request, result.position);
      await this.keys.complete(principal.id, key, location);
      if ('location' in result && result.once) {
        // Shown once: this answer only. A reload or a resend of the same form finds its key
        // done and goes to `location`, where it is not shown again.
        const once = result.once;
        response.setHeader('Cache-Control', 'no-store');
        const layout = layoutFor(request, response, this.csrf, {
          title: once.title,
          section: 'none',
          crumbs: [{ label: 'Record', href: '/ui/forms' }, { label: once.title }],
        });
        send(
          201,
          this.renderer.render(once.template, layout, {
            ...once.model,
            styles: ['/ui/assets/forms.css'],
            scripts: ['/ui/assets/forms.js'],
          }),
        );
        return;
      }
      response.redirect(303, location);
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 500) {
        this.keys.abandon(principal.id, key);
        throw error;
      }
      // A release that fails leaves a reservation that is safe to retry (same seed, same ids):
      // the refusal is still the answer.
      await this.keys.release(principal.id, key).catch(() => undefined);
      const fresh = await this.sceneOf(form, request, principal, params);
      if (problem.code === 'stale_revision' && scene.stream && revision !== undefined) {
        const changes = await this.changesSince(request, scene.stream.id, revision);
        send(
          409,
          this.render(request, response, form, params, fresh, {
            values,
            key: uuidv4(),
            revision: fresh.stream?.revision,
            conflict: { renderedAt: revision, changes },
          }),
        );
        return;
      }
      const refusal: Refusal = {
        status: problem.status,
        detail: problem.detail,
        errors: (problem.errors ?? []).map((e: FieldError) => {
          const field = api.fieldOf(e.field);
          return { field, reason: e.reason, input: inputFor(field, fresh.sections) };
        }),
      };
      send(
        problem.status,
        this.render(request, response, form, params, fresh, {
          values,
          key: uuidv4(),
          revision: fresh.stream?.revision,
          refusal,
        }),
      );
    }
  }

  /**
   * Read your writes on every instance: the pages this session opens next (the receipt, the
   * record) wait for the read models to hold this position, whichever instance renders them.
   * The write is recorded whatever happens here: a session that cannot remember it is logged,
   * not refused (the next page then shows the read models as they are, perhaps without it).
   */
  private async rememberWrite(request: PageRequest, position: number): Promise<void> {
    if (request.sessionId === undefined) return;
    await this.sessions.rememberWrite(request.sessionId, position).catch((error: unknown) => {
      this.logger.warn(`the session could not remember its write at ${position}: ${String(error)}`);
    });
  }

  private principalOf(request: PageRequest): ActingPrincipal {
    const principal = request.principal;
    if (!principal) throw new ProblemException(401, 'session_required', 'Sign in.');
    return principal;
  }

  /** The form, and the principal acting in the role the API route allows; else refused as by the API. */
  private admit(request: PageRequest, formId: string, query: Record<string, unknown>) {
    const form = formById(formId);
    if (!form) throw new ProblemException(404, 'form_not_found', `There is no form ${formId}.`);
    const signedIn = this.principalOf(request);
    const actingRole = actingRoleFor(form, signedIn);
    if (!actingRole) {
      throw new ProblemException(403, 'forbidden', 'Your roles do not allow this request.');
    }
    const principal = { ...signedIn, actingRole };
    request.principal = principal;
    const params: Record<string, string> = {};
    const rule = form.paramRule ?? { pattern: RECORD_ID, rule: 'a UUID' };
    for (const name of form.params) {
      const value = query[name];
      const own = form.paramRules?.[name];
      const { pattern, rule: said } = own ?? rule;
      if (typeof value !== 'string' || !pattern.test(value)) {
        throw new ProblemException(400, 'invalid_record', `${name} must be ${said}.`, [
          { field: name, reason: `must be ${said}` },
        ]);
      }
      params[name] = own || form.paramRule ? value : value.toLowerCase();
    }
    return { form, principal, params };
  }

  private sceneOf(
    form: FormDefinition,
    request: PageRequest,
    principal: ActingPrincipal,
    params: Record<string, string>,
  ): Promise<FormScene> {
    return form.load({ request, principal, params, reads: this.reads, lookups: this.lookups });
  }

  /** The events appended to the stream since the form was rendered: what someone else changed. */
  private async changesSince(request: PageRequest, streamId: string, revision: number) {
    const answer = await this.reads.read<{ events: EnvelopeView[] }>(
      request,
      new StreamEventsQuery(streamId, { after: String(revision), limit: 50 }),
    );
    return answer.events.map((event) => ({
      position: event.globalPosition,
      revision: event.streamRevision,
      type: event.type,
      recordedAt: event.recordedAt,
      actor: event.actor,
      line: eventLine(event),
    }));
  }

  private render(
    request: PageRequest,
    response: Response,
    form: FormDefinition,
    params: Record<string, string>,
    scene: FormScene,
    state: {
      values: TypedValues;
      key: string;
      revision: number | undefined;
      refusal?: Refusal;
      conflict?: { renderedAt: number; changes: unknown[] };
    },
  ): string {
    const action = `/ui/forms/${form.id}${
      form.params.length > 0 ? `?${new URLSearchParams(params).toString()}` : ''
    }`;
    const layout = layoutFor(request, response, this.csrf, {
      title: state.refusal
        ? `Not recorded: ${form.title}`
        : state.conflict
          ? `Changed meanwhile: ${form.title}`
          : form.title,
      section: 'none',
      crumbs: [
        { label: 'Record', href: '/ui/forms' },
        { label: scene.record.label, href: scene.record.href },
        { label: form.title },
      ],
    });
    return this.renderer.render('forms/machinery/form', layout, {
      ...formView(form, scene, state),
      action,
      scripts: ['/ui/assets/forms.js', ...(scene.scripts ?? [])],
      styles: ['/ui/assets/forms.css'],
    });
  }
}
