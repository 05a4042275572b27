import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

/**
 * Serves the gateway's Prometheus counters on a port of their own (GATEWAY_METRICS_PORT): the
 * public port is the one a browser reaches, and the counters (calls, orders, sign-ins) are
 * business figures an outsider should not read. Publish this port only to the scraper.
 */
export async function serveMetrics(registry: Registry, port: number, host: string): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || new URL(request.url ?? '/', 'http://metrics').pathname !== '/metrics') {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'NOT_FOUND', message: 'only GET /metrics here' }));
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => response.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'UNAVAILABLE', message: 'the metrics could not be collected' })),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
