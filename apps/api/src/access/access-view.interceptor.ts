import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/principal';
import { AccessView } from './access-view';
import { isNotFoundOrNotYours, liaisonNotFound } from './liaison-not-found';

/**
 * The last step of every JSON answer: what the principal may see of it (personal details,
 * a liaison's scope), by the one `AccessView` the web pages use too. A page renders HTML from
 * answers it passed through `AccessView` itself, so its strings go through here unchanged.
 * To a liaison, "unknown" and "another country's" are one answer (see liaisonNotFound).
 */
@Injectable()
export class AccessViewInterceptor implements NestInterceptor {
  constructor(private readonly view: AccessView) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = request.principal;
    if (!principal) return next.handle();
    const label = `${request.method} ${request.originalUrl}`;
    const answer = next.handle();
    const shown =
      principal.actingRole === 'tcc_liaison' ? answer.pipe(catchError(asLiaisonSees)) : answer;
    return shown.pipe(mergeMap((body: unknown) => from(this.view.of(body, principal, label))));
  }
}

/** "Unknown" and "another country's" are one answer to a liaison. */
const asLiaisonSees = (error: unknown) =>
  throwError(() => (isNotFoundOrNotYours(error) ? liaisonNotFound() : error));
