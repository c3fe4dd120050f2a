import type { Sql } from '../../db/client.js';
import { markFailed, markPlanned, planForWork } from '../../db/container-plans.js';
import { AppError, toErrorShape } from '../common/errors.js';
import type { Logger } from '../common/log.js';
import type { Plan, PlanInputJson } from './plan/schema.js';

/** The pure planner, injectable so a test can count its calls. */
export type Planner = (input: PlanInputJson) => Plan;

export interface PlanRunDeps {
  sql: Sql;
  planner: Planner;
}

/** What planContainers answers: the plan in numbers; the plan itself is in its row. */
export interface PlanResult {
  planId: string;
  status: 'planned';
  boxes: number;
  box_types: Record<string, number>;
  reels: number;
  unplaced: number;
  lower_bound: Plan['lower_bound'];
  /** False where the plan had been made before (a message run twice): it is not made again. */
  planned_now: boolean;
}

export function resultOf(planId: string, plan: Plan, plannedNow: boolean): PlanResult {
  const types: Record<string, number> = {};
  for (const b of plan.boxes) types[b.type] = (types[b.type] ?? 0) + 1;
  return {
    planId, status: 'planned', boxes: plan.boxes.length, box_types: types,
    reels: plan.boxes.reduce((n, b) => n + b.reels.length, 0),
    unplaced: plan.unplaced.reduce((n, u) => n + u.count, 0),
    lower_bound: plan.lower_bound, planned_now: plannedNow,
  };
}

/**
 * Plans a stored request once: a plan already made is answered from its row. A planner
 * refusal (unplannable input, or a plan failing its own check) is recorded on the row and
 * thrown, so the message goes to the dead letters with its code; an operator's retry after
 * a fix plans it afresh.
 */
export async function runPlan(deps: PlanRunDeps, planId: string, log: Logger): Promise<PlanResult> {
  const row = await planForWork(deps.sql, planId);
  if (!row) throw new AppError('B2B_PLAN_NOT_FOUND', `no container plan ${planId}`);
  if (row.status === 'planned' && row.plan) return resultOf(planId, row.plan, false);
  const started = performance.now();
  let plan: Plan;
  try {
    plan = deps.planner(row.input);
  } catch (err) {
    const shape = toErrorShape(err);
    if (!shape.retryable) await markFailed(deps.sql, planId, { code: shape.code, message: shape.message, retryable: false });
    throw err;
  }
  const ms = performance.now() - started;
  const standing = await markPlanned(deps.sql, planId, plan, ms);
  log.info({ planId, boxes: standing.plan.boxes.length, ms: Math.round(ms * 10) / 10, stored: standing.stored }, 'containers planned');
  return resultOf(planId, standing.plan, standing.stored);
}
