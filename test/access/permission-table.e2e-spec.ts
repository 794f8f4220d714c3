import type { Role } from '@blue-ledger/domain';
import { PERMISSIONS, PUBLIC } from '../../apps/api/src/access/permissions';
import { recordFixtures } from '../bad-input/fixtures';
import type { HttpResponse, LedgerClient } from '../support/http-client';
import { startApp, type RunningApp } from '../support/in-process-app';
import type { PrincipalName } from '../support/principals';
import { appRoutes } from './app-routes';
import {
  bodyOf,
  CATCH_ALL_ROUTE,
  PAGE_ROUTE,
  DOCUMENTATION_ROUTE,
  pathOf,
  type AccessFixtures,
} from './route-requests';

/** One principal of the stories' cast for each role; the liaison is Ethiopia's, whose unit the fixtures hold. */
const ACTING_AS: Record<Role, PrincipalName> = {
  admin: 'admin',
  investigator: 'investigator',
  decision_authority: 'decider',
  oversight: 'oversight',
  reviewer: 'reviewer',
  tcc_liaison: 'liaisonETH',
};

describe('The permission table', () => {
  let running: RunningApp;
  let f: AccessFixtures;
  let routes: string[];
  let revokedToken: string;

  beforeAll(async () => {
    running = await startApp({ LEDGER_RATE_LIMIT_ANONYMOUS: '100000' });
    const admin = running.client.as('admin');
    const fixtures = await recordFixtures(running.client);
    const managed = await admin.post('/principals', {
      id: 'table-managed',
      name: 'Managed by the table test',
      roles: ['reviewer'],
    });
    const revoked = await admin.post('/principals', { name: 'Revoked', roles: ['admin'] });
    revokedToken = revoked.body.token;
    expect((await admin.request('DELETE', `/principals/${revoked.body.id}/tokens`)).status).toBe(
      200,
    );
    f = { ...fixtures, managedPrincipalId: managed.body.id, subjectId: 'subject-table-test' };
    routes = appRoutes(running.app).filter(
      (route) =>
        !DOCUMENTATION_ROUTE.test(route) && !CATCH_ALL_ROUTE.test(route) && !PAGE_ROUTE.test(route),
    );
  });

  afterAll(async () => {
    await running?.close();
  });

  const send = (client: LedgerClient, route: string, headers: Record<string, string> = {}) => {
    const [method] = route.split(' ');
    const body = bodyOf(route, f);
    return client.request<{ type?: string }>(
      method,
      pathOf(route, f),
      body === undefined ? undefined : JSON.stringify(body),
      headers,
    );
  };

  it('has an entry for every route the app serves, and none for a route it does not', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((route) => PERMISSIONS[route] === undefined)).toEqual([]);
    // The pages' entries are checked against the pages' routes by page-permission-table.e2e-spec.ts.
    const jsonEntries = Object.keys(PERMISSIONS).filter((key) => !PAGE_ROUTE.test(key));
    expect(jsonEntries.filter((key) => !routes.includes(key))).toEqual([]);
  });

  // Before the table test below, whose valid bodies assign the second investigator.
  it('lets an investigator write only in the investigations it is assigned to', async () => {
    const writes = routes.filter((r) => r.startsWith('POST /investigations/:id'));
    expect(writes.length).toBeGreaterThan(5);
    for (const route of writes) {
      const response = await send(running.client.as('investigator2'), route);
      expect({ route, status: response.status, type: response.body.type }).toEqual({
        route,
        status: 403,
        type: 'urn:blue-ledger:problem:not_assigned',
      });
    }
  });

  it('answers every route as the table says, for every role and for no valid credentials', async () => {
    const mismatches: string[] = [];
    const expect4xx = (what: string, response: HttpResponse, status: number) => {
      if (response.status !== status) {
        mismatches.push(`${what}: ${response.status}, expected ${status}`);
      }
      if (!String(response.contentType).startsWith('application/problem+json')) {
        mismatches.push(`${what}: not a problem`);
      }
    };
    for (const route of routes) {
      const allowed = PERMISSIONS[route];
      if (allowed === PUBLIC) {
        const response = await send(running.client, route);
        if (response.status >= 400) mismatches.push(`${route} (public): ${response.status}`);
        continue;
      }
      const { client } = running;
      expect4xx(`${route} without a token`, await send(client, route), 401);
      expect4xx(
        `${route} with a malformed token`,
        await send(client, route, { authorization: 'Bearer not a token!' }),
        401,
      );
      expect4xx(
        `${route} with an unknown token`,
        await send(client.withToken('bl_0123456789abcdef.' + 'x'.repeat(43)), route),
        401,
      );
      expect4xx(
        `${route} with a revoked token`,
        await send(client.withToken(revokedToken), route),
        401,
      );
      // Refusals first, so that the writes of the allowed roles come after them.
      const roles = Object.keys(ACTING_AS) as Role[];
      for (const role of roles.filter((r) => !allowed.includes(r))) {
        expect4xx(`${route} as ${role}`, await send(client.as(ACTING_AS[role]), route), 403);
      }
      for (const role of roles.filter((r) => allowed.includes(r))) {
        const response = await send(client.as(ACTING_AS[role]), route);
        if (response.status === 401 || response.status === 403 || response.status >= 500) {
          mismatches.push(
            `${route} as ${role}: ${response.status} ${JSON.stringify(response.body)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("gives another country's liaison nothing about the fixtures' Ethiopian unit, on any route", async () => {
    const ethiopian = [
      f.contingentId,
      f.incidentId,
      f.findingId,
      f.recommendationId,
      f.decisionId,
      f.appointmentId,
    ];
    const leaks: string[] = [];
    for (const route of routes.filter((r) => r.startsWith('GET ') && PERMISSIONS[r] !== PUBLIC)) {
      const response = await send(running.client.as('liaisonMRT'), route);
      const text = JSON.stringify(response.body);
      if (response.status < 400 && ethiopian.some((id) => text.includes(id))) {
        leaks.push(`${route}: ${text.slice(0, 300)}`);
      }
      if (response.status >= 500) leaks.push(`${route}: ${response.status}`);
    }
    expect(leaks).toEqual([]);
  });
});
