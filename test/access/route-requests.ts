import { writeEndpoints, type Body, type Fixtures } from '../bad-input/write-endpoints';

/** Routes served by the OpenAPI pages, not by the ledger's controllers: public by design. */
export const DOCUMENTATION_ROUTE = /^GET \/(docs|openapi\.json|docs-yaml)/;
/** Nest's answer to any route it does not know. */
export const CATCH_ALL_ROUTE = /\{\*path\}/;
/**
 * The web pages (sessions, not bearer tokens; HTML, not problem+json): the same table, tested
 * with sessions by test/access/page-permission-table.e2e-spec.ts and the browser tier.
 */
export const PAGE_ROUTE = /^[A-Z]+ \/ui(\/|$)/;

export interface AccessFixtures extends Fixtures {
  /** A principal of the store that the table-driven test may revoke and reissue. */
  managedPrincipalId: string;
  subjectId: string;
}

/** Query strings a read needs to answer more than a 400. */
const QUERIES: Record<string, string> = {
  'GET /fairness': '?from=2000-01-01&to=2030-01-01',
  'GET /fairness/records': '?from=2000-01-01&to=2030-01-01&figure=incidents&country=ETH',
};

/** A concrete path for a route pattern, its parameters filled from the fixtures. */
export function pathOf(route: string, f: AccessFixtures): string {
  const [, pattern] = route.split(' ');
  return pathOfPattern(pattern, f) + (QUERIES[route] ?? '');
}

function pathOfPattern(pattern: string, f: AccessFixtures): string {
  const route = pattern;
  const segments = pattern.split('/');
  return pattern.replace(/:(\w+)/g, (_, param: string) => {
    // The collection the parameter names a member of: /incidents/:id, /ui/incidents/:id.
    const resource = segments[segments.indexOf(`:${param}`) - 1];
    const value =
      param === 'file'
        ? 'site.css'
        : param === 'position'
          ? '1'
          : param === 'form'
            ? 'incident-report'
            : param === 'evidenceId'
              ? f.evidenceId
              : param === 'appointmentId'
                ? f.appointmentId
                : param === 'findingId'
                  ? f.findingId
                  : param === 'code'
                    ? 'UNMISS'
                    : param === 'streamId'
                      ? `contingent-${f.contingentId}`
                      : param === 'subjectId'
                        ? f.subjectId
                        : param === 'id'
                          ? {
                              contingents: f.contingentId,
                              incidents: f.incidentId,
                              investigations: f.investigationId,
                              decisions: f.decisionId,
                              principals: f.managedPrincipalId,
                            }[resource]
                          : undefined;
    if (value === undefined) throw new Error(`give ${route} a value for :${param} in pathOf`);
    return value;
  });
}

const OTHER_BODIES: Record<string, (f: AccessFixtures) => Body> = {
  'POST /principals': () => ({ name: 'A reviewer from the table', roles: ['reviewer'] }),
  'POST /principals/:id/tokens': () => ({}),
  'POST /subjects/:subjectId/erasure': () => ({ reason: 'The subject asked to be forgotten' }),
  'POST /integrity/heads': () => ({}),
  'POST /integrity/verification': () => ({}),
};

/** A valid body for a write route: the bad-input tables' one, or one of the access routes'. */
export function bodyOf(route: string, f: AccessFixtures): Body | undefined {
  if (!route.startsWith('POST')) return undefined;
  const name = route.replace(/:(\w+)/g, (_, p: string) => `{${p}}`);
  const write = writeEndpoints.find((e) => e.name === name);
  if (write) return write.valid(f);
  // A web page's form posts need a session and a CSRF token: over a bearer token they are
  // refused whatever the body (page-permission-table.e2e-spec.ts and the browser tier post them).
  if (PAGE_ROUTE.test(route)) return {};
  const other = OTHER_BODIES[route];
  if (!other) throw new Error(`give ${route} a valid body in route-requests.ts`);
  return other(f);
}
