import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where the balancer sends a request: the base URL of an instance (`http://127.0.0.1:port`). */
export type Choose = (request: http.IncomingMessage) => string;

export interface Balancer {
  /** The one address the browser knows. */
  url: string;
  /** `METHOD path -> instance` of every request, in order. */
  sent: string[];
  close(): Promise<void>;
}

/**
 * A load balancer in front of API instances, as small as a test needs: one address, each
 * request passed unchanged (its Host too) to the instance `choose` names, the answer passed back
 * unchanged (redirects, cookies). The browser sees one origin, as behind a real one.
 */
export async function startBalancer(choose: Choose): Promise<Balancer> {
  const sent: string[] = [];
  const server = http.createServer((request, response) => {
    const target = new URL(choose(request));
    sent.push(`${request.method} ${request.url} -> ${target.origin}`);
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', (error) => response.destroy(error));
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
