import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pingDb } from '../../db/client.js';
import type { GatewayDeps } from '../deps.js';

const Checks = z.object({ status: z.enum(['ok', 'unavailable']), postgres: z.boolean(), transport: z.boolean() });

/** /healthz: the process answers. /readyz: and its dependencies answer too (503 otherwise). */
export async function healthRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/healthz', {
    config: { public: true },
    schema: { summary: 'Liveness', tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));

  typed.get('/readyz', {
    config: { public: true },
    schema: { summary: 'Readiness: PostgreSQL and the message transport reachable', tags: ['health'], response: { 200: Checks, 503: Checks } },
  }, async (_request, reply) => {
    const [postgres, transport] = await Promise.all([pingDb(deps.sql), deps.transport.ping()]);
    const ok = postgres && transport;
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'unavailable', postgres, transport });
  });
}
