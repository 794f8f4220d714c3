import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import {
  countryViewOf,
  hasNeedToKnow,
  HIDDEN,
  personalViewOf,
  scrubForCountry,
  type AccessScope,
  type SubjectKeyStore,
} from '@blue-ledger/access';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import type { ActingPrincipal, AuthenticatedRequest } from '../auth/principal';
import { ACCESS_LOG, type AccessLog, type NewRead } from './access-log';
import { AccessScopeService } from './access-scope.service';
import { isNotFoundOrNotYours, liaisonNotFound } from './liaison-not-found';
import { SUBJECT_KEYS } from './subject-keys.token';

interface Envelope {
  eventId: string;
  streamId: string;
  actor: { id: string };
  data: Record<string, unknown> & { personal: object };
  personal?: unknown;
}

const isEnvelope = (value: Record<string, unknown>): value is Record<string, unknown> & Envelope =>
  typeof value.eventId === 'string' &&
  typeof value.streamId === 'string' &&
  typeof value.actor === 'object' &&
  value.actor !== null &&
  typeof value.data === 'object' &&
  value.data !== null &&
  typeof (value.data as Record<string, unknown>).personal === 'object';

/**
 * The last step of every answer. An event envelope whose data carries personal details gets a
 * `personal` view beside its data (the data itself stays as it was hashed, sealed): in clear
 * for a reader with need-to-know, each disclosure logged; `[redacted]` for anyone else;
 * `[erased]` for everyone once the subject is erased. A liaison's answer is then scrubbed of
 * everything about other countries' units; an answer wholly about them is not found, in the
 * very words an unknown id gets (see liaisonNotFound).
 */
@Injectable()
export class AccessViewInterceptor implements NestInterceptor {
  constructor(
    private readonly scopes: AccessScopeService,
    @Inject(ACCESS_LOG) private readonly log: AccessLog,
    @Inject(SUBJECT_KEYS) private readonly keys: SubjectKeyStore,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = request.principal;
    if (!principal) return next.handle();
    const answer = next.handle();
    const shown =
      principal.actingRole === 'tcc_liaison' ? answer.pipe(catchError(asLiaisonSees)) : answer;
    return shown.pipe(mergeMap((body: unknown) => from(this.view(body, principal, request))));
  }

  private async view(
    body: unknown,
    principal: ActingPrincipal,
    request: AuthenticatedRequest,
  ): Promise<unknown> {
    if (typeof body !== 'object' || body === null) return body;
    const envelopes = collectEnvelopes(body);
    const liaison = principal.actingRole === 'tcc_liaison';
    if (envelopes.length === 0 && !liaison) return body;
    const scope = await this.scopes.current();
    if (envelopes.length > 0) await this.showPersonal(envelopes, scope, principal, request);
    if (!liaison) return body;
    const scrubbed = scrubForCountry(body, countryViewOf(scope, principal.country ?? ''));
    if (scrubbed === HIDDEN) throw liaisonNotFound();
    return scrubbed;
  }

  private async showPersonal(
    envelopes: Envelope[],
    scope: AccessScope,
    principal: ActingPrincipal,
    request: AuthenticatedRequest,
  ): Promise<void> {
    const reads: NewRead[] = [];
    for (const envelope of envelopes) {
      const needToKnow = hasNeedToKnow(scope, principal, envelope);
      const shown = await personalViewOf(envelope, this.keys, needToKnow);
      if (!shown) continue;
      envelope.personal = shown.view;
      for (const subjectId of shown.disclosed) {
        reads.push({
          principalId: principal.id,
          role: principal.actingRole,
          subjectId,
          eventId: envelope.eventId,
          streamId: envelope.streamId,
          request: `${request.method} ${request.originalUrl}`.slice(0, 500),
        });
      }
    }
    await this.log.record(reads);
  }
}

/** "Unknown" and "another country's" are one answer to a liaison. */
const asLiaisonSees = (error: unknown) =>
  throwError(() => (isNotFoundOrNotYours(error) ? liaisonNotFound() : error));

function collectEnvelopes(value: unknown, found: Envelope[] = []): Envelope[] {
  if (Array.isArray(value)) {
    for (const item of value) collectEnvelopes(item, found);
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (isEnvelope(record)) found.push(record);
    else for (const field of Object.values(record)) collectEnvelopes(field, found);
  }
  return found;
}
