import autocannon from 'autocannon';
import { HTTP_PRINCIPALS } from '../generate/bench-principals';
import type { SeededRandom } from '../generate/seeded-random';
import { evidenceBody, incidentBody, type AppendTargets } from './append-workload';

export interface LoadResult {
  requests: number;
  ok: number;
  failed: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
}

const auth = (token: string) => ({
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
});

function resultOf(result: autocannon.Result): LoadResult {
  const ok = result['2xx'];
  return {
    requests: result.requests.total,
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
    seconds: result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
  };
}

/** Many clients at once appending the in-process workload's two commands over HTTP. */
export async function appendLoad(
  url: string,
  targets: AppendTargets,
  rnd: SeededRandom,
  options: { connections: number; seconds: number },
): Promise<LoadResult> {
  const headers = auth(HTTP_PRINCIPALS.investigator.token);
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: 'POST',
        path: '/incidents',
        headers,
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify(incidentBody(rnd.pick(targets.missions), new Date().toISOString())),
        }),
      },
      {
        method: 'POST',
        headers,
        setupRequest: (request) => ({
          ...request,
          path: `/investigations/${rnd.pick(targets.openInvestigations)}/evidence`,
          body: JSON.stringify(evidenceBody(rnd.hex(32))),
        }),
      },
    ],
  });
  return resultOf(result);
}

/** Latency of one read endpoint, each request for a path drawn from `paths`. */
export async function readLatency(
  url: string,
  paths: readonly string[],
  rnd: SeededRandom,
  options: { connections: number; seconds: number },
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: 'GET',
        headers: auth(HTTP_PRINCIPALS.reviewer.token),
        setupRequest: (request) => ({ ...request, path: rnd.pick(paths) }),
      },
    ],
  });
  return resultOf(result);
}
