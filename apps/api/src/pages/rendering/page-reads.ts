import { Injectable } from '@nestjs/common';
import { QueryBus, type IQuery } from '@nestjs/cqrs';
import { ProblemException } from '../../problems/problem.exception';
import { AccessView } from '../../access/access-view';
import { permissionOf, PUBLIC } from '../../access/permissions';
import { ContingentStatesQuery } from '../../contingents/contingent.queries';
import type { PageRequest } from '../sessions/page-access';

export interface ReadOptions {
  /** The page shows the personal details of the events it reads. */
  disclose?: boolean;
}

export interface UnitName {
  contingentId: string;
  designation: string;
  country: string;
  missionCode: string;
}

/**
 * How a page reads: the JSON API's own query handlers on the QueryBus, each answer passed
 * through the same access view as a JSON answer (personal details, a liaison's scope, the
 * access log), before any of it reaches a template. No page reads a read model another way.
 */
@Injectable()
export class PageReads {
  constructor(
    private readonly queries: QueryBus,
    private readonly view: AccessView,
  ) {}

  /**
   * The answer as the signed-in principal may see it; wholly another country's: 404. Personal
   * details are shown in clear (to those with need-to-know, and logged) only where the page
   * shows them: `disclose: true`; elsewhere they stay `[redacted]` and nothing is logged.
   */
  async read<T>(request: PageRequest, query: IQuery, options: ReadOptions = {}): Promise<T> {
    const principal = request.principal;
    if (!principal) {
      throw new ProblemException(401, 'session_required', 'Sign in to see this page.');
    }
    const answer = await this.queries.execute<IQuery, T>(query);
    return this.view.of(answer, principal, `${request.method} ${request.originalUrl}`, {
      disclose: options.disclose ?? false,
    });
  }

  /** As `read`, but an answer that does not exist or concerns only another country is undefined. */
  async readIfAny<T>(
    request: PageRequest,
    query: IQuery,
    options: ReadOptions = {},
  ): Promise<T | undefined> {
    try {
      return await this.read<T>(request, query, options);
    } catch (error) {
      if (error instanceof ProblemException && error.getStatus() === 404) return undefined;
      throw error;
    }
  }

  /**
   * Whether the signed-in principal's role may call this JSON route (`GET /investigations/:id`):
   * a page shows what the route would answer only to those the permission table lets call it.
   */
  mayRead(request: PageRequest, route: string): boolean {
    const allowed = permissionOf('GET', route);
    const role = request.principal?.actingRole;
    if (allowed === undefined || role === undefined) return false;
    return allowed === PUBLIC || allowed.includes(role);
  }

  /** The names of these units, as the principal may see them (a liaison: its own only). */
  async unitNames(request: PageRequest, ids: Iterable<string>): Promise<Map<string, UnitName>> {
    const wanted = [...new Set([...ids].filter((id) => /^[0-9a-f-]{36}$/i.test(id)))];
    const names = new Map<string, UnitName>();
    if (wanted.length === 0) return names;
    const answer = await this.readIfAny<{ items: UnitName[] }>(
      request,
      new ContingentStatesQuery(wanted),
    );
    for (const unit of answer?.items ?? []) names.set(unit.contingentId, unit);
    return names;
  }
}
