import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/** The console's files sit beside this module in the source tree; compiled, it runs from dist/gateway/console. */
function consoleDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.includes(join('dist', 'gateway')) ? resolve(here, '../../../gateway/console') : here;
}

const FILES: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
  'chart.js': 'text/javascript; charset=utf-8',
};

// Everything from this origin, nothing inline, no frames: the page holds an operator key.
const HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};

/**
 * GET /ops/console: the operator console, four static files read once at start. The
 * files are public (a browser cannot send a key to load a page); every figure and action
 * they show goes through the /ops API with the operator's key.
 */
export async function consoleRoutes(app: FastifyInstance): Promise<void> {
  const dir = consoleDir();
  const files = new Map(Object.entries(FILES).map(([name, type]) => [name, { type, body: readFileSync(join(dir, name)) }]));
  const send = (name: string) => {
    const file = files.get(name);
    return { type: file?.type ?? 'text/plain', body: file?.body };
  };
  const doc = { hide: true };

  // Relative, so it holds under any path prefix: /mvp/ops/console → /mvp/ops/console/.
  app.get('/ops/console', { config: { public: true }, schema: doc }, async (_request, reply) => reply.redirect('console/', 302));

  app.get('/ops/console/', { config: { public: true }, schema: doc }, async (_request, reply) => {
    const { type, body } = send('index.html');
    return reply.headers(HEADERS).type(type).send(body);
  });

  app.get<{ Params: { file: string } }>('/ops/console/:file', { config: { public: true }, schema: doc }, async (request, reply) => {
    const { type, body } = send(request.params.file);
    if (!body || request.params.file === 'index.html') return reply.status(404).send({ code: 'B2B_NOT_FOUND', message: 'no such console file' });
    return reply.headers(HEADERS).type(type).send(body);
  });
}
