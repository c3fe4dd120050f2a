import type { z } from 'zod';
import type { Sql } from '../../db/client.js';
import { AppError } from '../common/errors.js';
import type { PlanContainers } from '../messages/container.js';
import type { ActorDefinition, HandlerContext } from '../system/definition.js';
import { planContainers } from './plan/index.js';
import { type Planner, runPlan } from './run-plan.js';

export interface ContainerDeps {
  sql: Sql;
  /** The pure planner; a test injects a counting or failing one. */
  planner?: Planner;
}

/**
 * The container actor: stored plan requests in, plans out. The planning is pure CPU on the
 * worker's thread (a 500-reel plan in tens of milliseconds, the reel limit keeps the worst
 * case near a second), so the pool is small and the time limit generous; the I/O is two
 * queries around it.
 */
export function createContainer({ sql, planner = planContainers }: ContainerDeps): ActorDefinition<Record<string, never>> {
  const deps = { sql, planner };
  return {
    name: 'container', pool: 2, inflight: 8, timeoutMs: 30_000, maxAttempts: 3,
    initialState: () => ({}),
    handle: async (ctx: HandlerContext<Record<string, never>>) => {
      switch (ctx.message.type) {
        case 'planContainers': return runPlan(deps, (ctx.message.payload as z.output<typeof PlanContainers>).planId, ctx.log);
        default: throw new AppError('B2B_MESSAGE_INVALID', `container has no handler for ${ctx.message.type}`);
      }
    },
  };
}
