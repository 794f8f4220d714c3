import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProjectorStatus } from './projector';

export interface HealthServer {
  url: string;
  close(): Promise<void>;
}

/**
 * `GET /health`: 200 with where the read models stand against the store's head while the
 * projector runs (catching up or live), 503 once it has stopped or failed.
 */
export async function serveHealth(
  host: string,
  port: number,
  status: () => Promise<ProjectorStatus>,
): Promise<HealthServer> {
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/health') {
      response.writeHead(404).end();
      return;
    }
    status().then(
      (body) => {
        const healthy = body.status === 'catching_up' || body.status === 'live';
        response
          .writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify(body));
      },
      (error: unknown) => {
        response
          .writeHead(503, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: 'unavailable', error: String(error) }));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}/health`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
