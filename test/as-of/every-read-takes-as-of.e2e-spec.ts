import { appRoutes } from '../access/app-routes';
import { CATCH_ALL_ROUTE, DOCUMENTATION_ROUTE } from '../access/route-requests';
import { startApp, type RunningApp } from '../support/in-process-app';

/**
 * Reads that are not of the record: liveness, the notary's signed heads and proofs (which are
 * about the log itself, each head already an instant), the principals and the access log.
 * Every other read is a read of the record and must answer as of any instant.
 */
const NOT_READS_OF_THE_RECORD = [
  // Liveness and the background verification's status: of the process, not of the record.
  /^GET \/health(\/integrity)?$/,
  /^GET \/integrity\//,
  /^GET \/principals/,
  /^GET \/access-log$/,
  // The web pages (HTML, outside the OpenAPI description): the browser tier tests their asOf.
  /^GET \/$/,
  /^GET \/ui(\/|$)/,
];

interface OpenApiParameter {
  name: string;
  in: string;
  schema?: { format?: string; type?: string };
}

interface OpenApiGet {
  parameters?: OpenApiParameter[];
  responses?: Record<string, { description?: string; headers?: Record<string, unknown> }>;
}

describe('Every read of the record', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(async () => {
    await running?.close();
  });

  it('takes asOf, an instant, and says so in the OpenAPI description', async () => {
    const reads = appRoutes(running.app).filter(
      (r) =>
        r.startsWith('GET ') &&
        !DOCUMENTATION_ROUTE.test(r) &&
        !CATCH_ALL_ROUTE.test(r) &&
        !NOT_READS_OF_THE_RECORD.some((pattern) => pattern.test(r)),
    );
    expect(reads.length).toBeGreaterThanOrEqual(14);
    const openApi = await running.client.get('/openapi.json');
    const paths = openApi.body.paths as Record<
      string,
      { get?: { parameters?: OpenApiParameter[] } }
    >;
    const without = reads.filter((route) => {
      const path = route.slice('GET '.length).replace(/:(\w+)/g, '{$1}');
      const asOf = paths[path]?.get?.parameters?.find((p) => p.name === 'asOf');
      return !(asOf?.in === 'query' && asOf.schema?.format === 'date-time');
    });
    expect(without).toEqual([]);
  });

  it('takes Ledger-Min-Position and says Ledger-Position, every GET, in the OpenAPI description', async () => {
    // Every GET, of the record or not: the interceptor that waits applies to every GET route.
    const reads = appRoutes(running.app).filter(
      (r) =>
        r.startsWith('GET ') &&
        !DOCUMENTATION_ROUTE.test(r) &&
        !CATCH_ALL_ROUTE.test(r) &&
        !/^GET \/$/.test(r) &&
        !/^GET \/ui(\/|$)/.test(r),
    );
    expect(reads.length).toBeGreaterThanOrEqual(20);
    const openApi = await running.client.get('/openapi.json');
    const paths = openApi.body.paths as Record<string, { get?: OpenApiGet }>;
    const without = reads.filter((route) => {
      const get = paths[route.slice('GET '.length).replace(/:(\w+)/g, '{$1}')]?.get;
      const header = get?.parameters?.find((p) => p.name === 'Ledger-Min-Position');
      // Every answer says the position it reflects, but a 503 that only says the read models
      // are behind; and a 503 says they may be.
      const responses = Object.entries(get?.responses ?? {});
      const behind = get?.responses?.['503'];
      return !(
        header?.in === 'header' &&
        header.schema?.type === 'integer' &&
        behind?.description?.includes('`read_models_behind`') &&
        responses.every(
          ([status, r]) =>
            r.headers?.['Ledger-Position'] !== undefined ||
            (status === '503' && r.description?.startsWith('The read models of this instance')),
        )
      );
    });
    expect(without).toEqual([]);
  });
});
