import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Logger } from '../common/log.js';

let processRegistry: Registry | undefined;

/** The process's own figures (CPU, memory, event loop, GC), collected once per process. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The text a scrape gets: the process's figures, then each registry's. Concatenated, not
 * Registry.merge()d: merging drops each registry's default labels (the worker's name).
 */
export async function scrape(registries: Registry[]): Promise<{ contentType: string; body: string }> {
  const all = [processMetrics(), ...registries];
  const texts = await Promise.all(all.map((r) => r.metrics()));
  return { contentType: processMetrics().contentType, body: `${texts.map((t) => t.trimEnd()).join('\n\n')}\n` };
}

/** PM2 numbers the instances of a process (NODE_APP_INSTANCE): each gets the next port. */
export function instancePort(base: number, env: NodeJS.ProcessEnv = process.env): number {
  const instance = Number(env.NODE_APP_INSTANCE ?? 0);
  return base === 0 ? 0 : base + (Number.isInteger(instance) && instance > 0 ? instance : 0);
}

/**
 * GET /metrics on a listener of its own (the worker's and the scheduler's; keep it on
 * 127.0.0.1). A port in use costs the metrics, never the process: it logs and goes on.
 */
export async function serveMetrics(registries: Registry[], host: string, port: number, log: Logger): Promise<Server | undefined> {
  if (port === 0) return undefined;
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: GET /metrics\n');
      return;
    }
    scrape(registries).then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
      (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${err.message}\n`),
    );
  });
  return new Promise((resolve) => {
    server.once('error', (err: Error) => {
      log.warn({ err: err.message, host, port }, 'metrics listener could not start; running without it');
      resolve(undefined);
    });
    server.listen(port, host, () => {
      log.info({ host, port }, 'metrics at /metrics');
      resolve(server);
    });
  });
}

export function closeServer(server: Server | undefined): Promise<void> {
  return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
}
