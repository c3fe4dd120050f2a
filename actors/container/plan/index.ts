import { AppError } from '../../common/errors.js';
import { assemble } from './assembly.js';
import { type Box, allowedBoxes } from './box-types.js';
import { reportBox } from './box-report.js';
import { explain, lowerBounds } from './bounds.js';
import { type Reel, expandReels } from './reels.js';
import { type Plan, PlanInput, type PlanInputJson } from './schema.js';
import { type PlanContext, assertValidPlan } from './validate.js';

/**
 * The container planner: pure, no I/O. Reels that fit no allowed box are reported unplaced;
 * the rest go into as few boxes as the planner finds; every plan is checked before it is
 * returned.
 */

export function parsePlanInput(raw: unknown): PlanInput {
  const parsed = PlanInput.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`);
  throw new AppError('B2B_PLAN_INPUT_INVALID', `invalid plan input: ${issues.join('; ')}`, { details: { issues } });
}

/** Reels that may share boxes: all of them, or one group per loading point (null is one too). */
function loadingGroups(reels: readonly Reel[], mix: boolean): Reel[][] {
  if (mix) return reels.length > 0 ? [[...reels]] : [];
  const groups = new Map<string | null, Reel[]>();
  for (const r of reels) {
    const group = groups.get(r.loadingPoint);
    if (group) group.push(r);
    else groups.set(r.loadingPoint, [r]);
  }
  return [...groups.values()];
}

function contextOf(input: PlanInput, boxes: readonly Box[] = allowedBoxes(input)): PlanContext {
  return {
    boxes: new Map(boxes.map((b) => [b.type, b])),
    counts: new Map(input.reels.map((r) => [r.id, r.count])),
    loadingPoints: new Map(input.reels.map((r) => [r.id, r.loading_point])),
    mixLoadingPoints: input.options.mix_loading_points,
  };
}

/** What planProblems checks a plan of this input against (to check a stored plan again). */
export function planContext(raw: PlanInputJson): PlanContext {
  return contextOf(parsePlanInput(raw));
}

export function planContainers(raw: PlanInputJson): Plan {
  const input = parsePlanInput(raw);
  const boxes = allowedBoxes(input);
  const { reels, unplaced } = expandReels(input, boxes);
  const groups = loadingGroups(reels, input.options.mix_loading_points);
  const tallest = Math.max(...boxes.map((b) => b.height));
  const planned = groups.flatMap((group) => assemble(group, boxes).map((load) => reportBox(load, { reels: group, tallest })));
  const bounds = lowerBounds(groups, boxes);
  const plan: Plan = {
    boxes: planned,
    lower_bound: { weight: bounds.weight, floor: bounds.floor, joint: bounds.joint },
    unplaced,
    explanation: explain(planned.length, bounds, groups, boxes),
  };
  return assertValidPlan(plan, contextOf(input, boxes));
}

export { planProblems, assertValidPlan, TOLERANCE_MM, type PlanContext } from './validate.js';
export * from './schema.js';
