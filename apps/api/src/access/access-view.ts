import { Inject, Injectable } from '@nestjs/common';
import {
  countryViewOf,
  hasNeedToKnow,
  HIDDEN,
  personalViewOf,
  scrubForCountry,
  type AccessScope,
  type SubjectKeyStore,
} from '@blue-ledger/access';
import type { ActingPrincipal } from '../auth/principal';
import { ACCESS_LOG, type AccessLog, type NewRead } from './access-log';
import { AccessScopeService } from './access-scope.service';
import { liaisonNotFound } from './liaison-not-found';
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
 * What a principal may see of an answer, the one implementation for the JSON API and the web
 * pages. An event envelope whose data carries personal details gets a `personal` view beside
 * its data (the data itself stays as it was hashed, sealed): in clear for a reader with
 * need-to-know, each disclosure logged with the request that made it; `[redacted]` for anyone
 * else; `[erased]` for everyone once the subject is erased. A liaison's answer is then scrubbed
 * of everything about other countries' units; an answer wholly about them is not found, in
 * the very words an unknown id gets (see liaisonNotFound).
 */
@Injectable()
export class AccessView {
  constructor(
    private readonly scopes: AccessScopeService,
    @Inject(ACCESS_LOG) private readonly log: AccessLog,
    @Inject(SUBJECT_KEYS) private readonly keys: SubjectKeyStore,
  ) {}

  /**
   * The answer as `principal` may see it; `request` names the request in the access log. A
   * caller that will not show personal details (a web page listing events by summary) passes
   * `disclose: false`: every personal view is then `[redacted]` and nothing is disclosed.
   */
  async of<T>(
    body: T,
    principal: ActingPrincipal,
    request: string,
    options: { disclose?: boolean } = {},
  ): Promise<T> {
    if (typeof body !== 'object' || body === null) return body;
    const envelopes = collectEnvelopes(body);
    const liaison = principal.actingRole === 'tcc_liaison';
    if (envelopes.length === 0 && !liaison) return body;
    const scope = await this.scopes.current();
    if (envelopes.length > 0) {
      await this.showPersonal(envelopes, scope, principal, request, options.disclose ?? true);
    }
    if (!liaison) return body;
    const scrubbed = scrubForCountry(body, countryViewOf(scope, principal.country ?? ''));
    if (scrubbed === HIDDEN) throw liaisonNotFound();
    return scrubbed as T;
  }

  private async showPersonal(
    envelopes: Envelope[],
    scope: AccessScope,
    principal: ActingPrincipal,
    request: string,
    disclose: boolean,
  ): Promise<void> {
    const reads: NewRead[] = [];
    for (const envelope of envelopes) {
      const needToKnow = disclose && hasNeedToKnow(scope, principal, envelope);
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
          request: request.slice(0, 500),
        });
      }
    }
    await this.log.record(reads);
  }
}

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
