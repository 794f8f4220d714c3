import type { Role } from '@blue-ledger/domain';
import { PERMISSIONS, PUBLIC } from '../../apps/api/src/access/permissions';
import { recordFixtures } from '../bad-input/fixtures';
import { startApp, type RunningApp } from '../support/in-process-app';
import type { PrincipalName } from '../support/principals';
import { appRoutes } from './app-routes';
import {
  bodyOf,
  CATCH_ALL_ROUTE,
  DOCUMENTATION_ROUTE,
  pathOf,
  type AccessFixtures,
} from './route-requests';

const ACTING_AS: Record<Role, PrincipalName> = {
  admin: 'admin',
  investigator: 'investigator',
  decision_authority: 'decider',
  oversight: 'oversight',
  reviewer: 'reviewer',
  tcc_liaison: 'liaisonETH',
};

describe('Caching of answers', () => {
  let running: RunningApp;
  let f: AccessFixtures;
  let routes: string[];

  beforeAll(async () => {
    running = await startApp({ LEDGER_RATE_LIMIT_ANONYMOUS: '100000' });
    await running.client
      .as('admin')
      .post('/principals', { id: 'cache-managed', name: 'Managed', roles: ['reviewer'] });
    f = {
      ...(await recordFixtures(running.client)),
      managedPrincipalId: 'cache-managed',
      subjectId: 'subject-cache-test',
    };
    routes = appRoutes(running.app).filter(
      (route) => !DOCUMENTATION_ROUTE.test(route) && !CATCH_ALL_ROUTE.test(route),
    );
  });

  afterAll(async () => {
    await running?.close();
  });

  it('forbids every cache to keep any answer of any route, to every role, refusals included', async () => {
    const seen: { route: string; as: string; status: number; cacheControl: string | null }[] = [];
    for (const route of routes) {
      const [method] = route.split(' ');
      const allowed = PERMISSIONS[route];
      const callers: (PrincipalName | undefined)[] =
        allowed === PUBLIC || allowed === undefined
          ? [undefined]
          : [...allowed.map((role) => ACTING_AS[role]), undefined, 'liaisonMRT'];
      for (const as of callers) {
        const client = as ? running.client.as(as) : running.client.withToken(undefined);
        const body = bodyOf(route, f);
        const response = await client.request(
          method,
          pathOf(route, f),
          body === undefined ? undefined : JSON.stringify(body),
        );
        seen.push({
          route,
          as: as ?? 'nobody',
          status: response.status,
          cacheControl: response.headers.get('cache-control'),
        });
      }
    }
    // The pages' own style sheet and scripts are public and the same for everyone: a browser
    // may keep them, revalidating each time (no-cache). Everything else is no-store.
    const mayKeep = (s: (typeof seen)[number]) =>
      s.route === 'GET /ui/assets/:file' &&
      PERMISSIONS[s.route] === PUBLIC &&
      s.cacheControl === 'no-cache';
    expect(seen.filter((s) => s.cacheControl !== 'no-store' && !mayKeep(s))).toEqual([]);
    expect(seen.some((s) => s.status === 200)).toBe(true);
    expect(seen.some((s) => s.status === 401)).toBe(true);
  });

  it('lets caches keep the public OpenAPI description', async () => {
    const response = await running.client.withToken(undefined).get('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).not.toBe('no-store');
  });
});
