import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listControls, setPaused } from '../../db/controls.js';
import { mailboxDepths } from '../../db/depths.js';
import { ACTORS, ActorName } from '../../actors/messages/envelope.js';
import type { GatewayDeps } from '../deps.js';
import { ErrorResponse } from './schemas.js';

const ActorSummary = z.object({
  actor: ActorName,
  paused: z.boolean(),
  pausedReason: z.string().nullable(),
  resumeAt: z.string().nullable(),
  mailbox: z.object({ queued: z.number(), dueLater: z.number(), inFlight: z.number(), done: z.number(), dead: z.number(), cancelled: z.number() }),
  oldestQueuedAgeS: z.number().nullable(),
});

const Control = z.object({ actor: ActorName, paused: z.boolean(), reason: z.string().nullable() });

/** Operators: every actor's durable mailbox and pause state; pause and resume intake. */
export async function opsActorRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const guard = app.requireRole('operator', 'admin');
  const common = { tags: ['operations'], security: [{ apiKey: [] }] };

  typed.get('/ops/actors', {
    onRequest: guard,
    schema: { ...common, summary: 'Every actor: pause state and durable mailbox by state', response: { 200: z.array(ActorSummary), 401: ErrorResponse, 403: ErrorResponse } },
  }, async () => {
    const [depths, controls] = await Promise.all([mailboxDepths(deps.sql), listControls(deps.sql)]);
    return ACTORS.map((actor) => {
      const d = depths.find((x) => x.actor === actor);
      const c = controls.find((x) => x.actor === actor);
      return {
        actor, paused: c?.paused ?? false, pausedReason: c?.paused ? c.reason : null, resumeAt: c?.paused ? c.resume_at?.toISOString() ?? null : null,
        mailbox: { queued: d?.queued ?? 0, dueLater: d?.due_later ?? 0, inFlight: d?.in_flight ?? 0, done: d?.done ?? 0, dead: d?.dead ?? 0, cancelled: d?.cancelled ?? 0 },
        oldestQueuedAgeS: d?.oldest_queued_age_s ?? null,
      };
    });
  });

  for (const action of ['pause', 'resume'] as const) {
    typed.post(`/ops/actors/:actor/${action}`, {
      onRequest: guard,
      schema: {
        ...common,
        summary: action === 'pause' ? "Pause an actor's intake: its messages wait, durably" : "Resume an actor's intake",
        params: z.object({ actor: ActorName }),
        body: z.object({ reason: z.string().max(300).optional() }).optional(),
        response: { 200: Control, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    }, async (request) => {
      const by = `key:${request.apiKey?.id}`;
      const reason = action === 'pause' ? request.body?.reason ?? `paused by ${request.apiKey?.name}` : null;
      const control = await setPaused(deps.sql, request.params.actor, action === 'pause', reason, by);
      deps.transport.control({ kind: 'refresh', actor: request.params.actor });
      return { actor: request.params.actor, paused: control.paused, reason: control.reason };
    });
  }
}
