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

/** A concrete path for a route pattern, its parameters filled from the fixtures. */
export function pathOf(route: string, f: AccessFixtures): string {
  const [, pattern] = route.split(' ');
  return pattern.replace(/:(\w+)/g, (_, param: string) => {
    const resource = pattern.split('/')[1];
    const value =
      param === 'evidenceId'
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
  const other = OTHER_BODIES[route];
  if (!other) throw new Error(`give ${route} a valid body in route-requests.ts`);
  return other(f);
}
