import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACTORS } from '../../actors/messages/envelope.js';
import { WorkerSnapshot } from '../../actors/system/status-publisher.js';
import { changePause } from '../../db/ops-actions.js';
import { actorOverview, ActorView } from '../../db/ops-overview.js';
import { minuteSeries, throughputByMinute } from '../../db/ops-stats.js';
import type { GatewayDeps } from '../deps.js';
import { OPS_DOC, operatorOf, singleFlight } from './ops-common.js';
import { liveWorkers } from './ops-live.js';
import { ActorParams, Control, PauseBody, ThroughputQuery, ThroughputSeries } from './ops-schemas.js';
import { ErrorResponse } from './schemas.js';

const Overview = z.object({
  /** False when the workers' live status could not be read (Redis down): live figures are zero. */
  liveAvailable: z.boolean(),
  actors: z.array(ActorView),
});

/** Operators: every actor (durable, historic and live), the workers, throughput; pause and resume. */
export async function opsActorRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const guard = app.requireRole('operator', 'admin');
  const live = liveWorkers(app, deps.config);
  const denied = { 401: ErrorResponse, 403: ErrorResponse };
  const overview = singleFlight(async () => {
    const workers = await live();
    return { liveAvailable: workers !== null, actors: await actorOverview(deps.sql, workers) };
  });

  typed.get('/ops/actors', {
    onRequest: guard,
    schema: { ...OPS_DOC, summary: 'Every actor: state, live figures from the workers, mailbox by state, throughput, failures, handling times, last error', response: { 200: Overview, ...denied } },
  }, overview);

  typed.get('/ops/workers', {
    onRequest: guard,
    schema: { ...OPS_DOC, summary: 'Each live worker process and what its actors hold (published every OPS_STATUS_INTERVAL_MS)', response: { 200: z.object({ liveAvailable: z.boolean(), workers: z.array(WorkerSnapshot) }), ...denied } },
  }, async () => {
    const workers = await live();
    return { liveAvailable: workers !== null, workers: workers ?? [] };
  });

  typed.get('/ops/throughput', {
    onRequest: guard,
    schema: { ...OPS_DOC, summary: 'Handled and failed messages per actor and minute (from the lifecycle events)', querystring: ThroughputQuery, response: { 200: ThroughputSeries, 400: ErrorResponse, ...denied } },
  }, async (request) => {
    const { minutes } = request.query;
    const series = minuteSeries(await throughputByMinute(deps.sql, minutes), ACTORS, minutes, new Date());
    return { minutes, from: series.from.toISOString(), actors: series.actors };
  });

  for (const action of ['pause', 'resume'] as const) {
    typed.post(`/ops/actors/:actor/${action}`, {
      onRequest: guard,
      schema: {
        ...OPS_DOC,
        summary: action === 'pause' ? "Pause an actor's intake: its messages wait, durably (audited)" : "Resume an actor's intake (audited)",
        params: ActorParams, body: PauseBody,
        response: { 200: Control, 400: ErrorResponse, ...denied },
      },
    }, async (request) => {
      const { actor } = request.params;
      const op = operatorOf(request);
      const reason = action === 'pause' ? request.body?.reason ?? `paused by ${op.name ?? op.who}` : null;
      const control = await changePause(deps.sql, op, actor, action === 'pause', reason);
      deps.transport.control({ kind: 'refresh', actor });
      return { actor, paused: control.paused, reason: control.reason };
    });
  }
}
