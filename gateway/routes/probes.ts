import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendAndAnswer } from '../answer.js';
import type { GatewayDeps } from '../deps.js';
import { ErrorResponse, MessageState } from './schemas.js';

const ProbeAccepted = z.object({ messageId: z.uuid(), state: MessageState, result: z.unknown().optional(), code: z.string().optional(), message: z.string().optional() });

/**
 * POST /ops/probes: an end-to-end probe through the whole path (HTTP → mailbox → wire →
 * housekeeping actor → a row in `probes`). Operators use it to check a live system; the
 * benchmark uses it as its unit of work.
 */
export async function probeRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().post('/ops/probes', {
    onRequest: app.requireRole('operator', 'admin'),
    schema: {
      summary: 'Send an end-to-end probe message; with Prefer: wait=N, answer when it has landed',
      tags: ['operations'],
      security: [{ apiKey: [] }],
      body: z.object({ note: z.string().max(200).optional() }).optional(),
      response: { 200: ProbeAccepted, 202: ProbeAccepted, 401: ErrorResponse, 403: ErrorResponse },
    },
  }, async (request, reply) => sendAndAnswer(deps, request, reply, async (opts) => {
    const sent = await deps.outbox.send('housekeeping', 'recordProbe', { note: request.body?.note, sentAt: new Date().toISOString() },
      { origin: `key:${request.apiKey?.id}`, ...opts });
    return { messageId: sent.id, body: {} };
  }));
}
