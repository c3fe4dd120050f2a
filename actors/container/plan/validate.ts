import { AppError } from '../../common/errors.js';
import type { Box } from './box-types.js';
import { type PlacedReel, type Plan, type PlannedBox, Plan as PlanSchema } from './schema.js';

/**
 * A plan checked against the physics it claims: every reel inside the walls and under the
 * door, no two reels of a tier overlapping, every upper tier standing on a reel of its own
 * diameter, no stack above the inside height, no box above its payload (road limit
 * included), one loading point per box unless mixing is allowed, and every reel of the
 * input either placed or reported unplaced.
 */

/** Overlap and wall tolerance, mm. */
export const TOLERANCE_MM = 0.5;

export interface PlanContext {
  /** The allowed box types by name, payloads capped by the road limit. */
  readonly boxes: ReadonlyMap<string, Box>;
  /** Reels per input id, and each id's loading point. */
  readonly counts: ReadonlyMap<string, number>;
  readonly loadingPoints: ReadonlyMap<string, string | null>;
  readonly mixLoadingPoints: boolean;
}

const samePlace = (a: PlacedReel, b: PlacedReel): boolean =>
  Math.abs(a.x_mm - b.x_mm) <= TOLERANCE_MM && Math.abs(a.y_mm - b.y_mm) <= TOLERANCE_MM;

function wallProblems(reels: readonly PlacedReel[], box: Box): string[] {
  const out: string[] = [];
  for (const r of reels) {
    const rad = r.diameter_mm / 2 - TOLERANCE_MM;
    if (r.x_mm < rad || r.x_mm > box.length - rad || r.y_mm < rad || r.y_mm > box.width - rad) {
      out.push(`reel ${r.id} at (${r.x_mm}, ${r.y_mm}) crosses a wall`);
    }
    if (r.width_mm > box.door) out.push(`reel ${r.id} is ${r.width_mm} mm wide, above the ${box.door} mm door`);
  }
  return out;
}

function overlapProblems(reels: readonly PlacedReel[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < reels.length; i++) {
    for (let j = i + 1; j < reels.length; j++) {
      const a = reels[i]!;
      const b = reels[j]!;
      const gap = Math.hypot(a.x_mm - b.x_mm, a.y_mm - b.y_mm) - (a.diameter_mm + b.diameter_mm) / 2;
      if (a.tier === b.tier && gap < -TOLERANCE_MM) out.push(`reels ${a.id} and ${b.id} overlap by ${(-gap).toFixed(1)} mm in tier ${a.tier}`);
    }
  }
  return out;
}

function stackProblems(reels: readonly PlacedReel[], box: Box): string[] {
  const out: string[] = [];
  for (const r of reels) {
    if (r.tier > 0 && !reels.some((b) => b.tier === r.tier - 1 && b.diameter_mm === r.diameter_mm && samePlace(b, r))) {
      out.push(`reel ${r.id} in tier ${r.tier} stands on no reel of its diameter`);
    }
    if (r.tier !== 0) continue;
    const height = reels.filter((b) => samePlace(b, r)).reduce((h, b) => h + b.width_mm, 0);
    if (height > box.height) out.push(`the stack at (${r.x_mm}, ${r.y_mm}) is ${height} mm high, above ${box.height} mm`);
  }
  return out;
}

function weightProblems(planned: PlannedBox, box: Box): string[] {
  const weight = planned.reels.reduce((w, r) => w + r.weight_kg, 0);
  const out: string[] = [];
  if (Math.abs(weight - planned.weight_kg) > 0.5) out.push(`weight_kg ${planned.weight_kg} is not the reels' ${weight} kg`);
  if (weight > box.payload + 1e-6) out.push(`${weight} kg above the ${box.payload} kg payload`);
  return out;
}

function loadingPointProblems(planned: PlannedBox, ctx: PlanContext): string[] {
  const points = new Set(planned.reels.map((r) => ctx.loadingPoints.get(r.id)));
  return ctx.mixLoadingPoints || points.size <= 1 ? [] : [`reels from ${points.size} loading points share the box`];
}

function boxProblems(planned: PlannedBox, ctx: PlanContext): string[] {
  const box = ctx.boxes.get(planned.type);
  if (!box) return [`box type ${planned.type} is not allowed`];
  return [
    ...wallProblems(planned.reels, box),
    ...overlapProblems(planned.reels),
    ...stackProblems(planned.reels, box),
    ...weightProblems(planned, box),
    ...loadingPointProblems(planned, ctx),
  ];
}

function countProblems(plan: Plan, ctx: PlanContext): string[] {
  const seen = new Map<string, number>();
  const add = (id: string, n: number): void => void seen.set(id, (seen.get(id) ?? 0) + n);
  for (const r of plan.boxes.flatMap((b) => b.reels)) add(r.id, 1);
  for (const u of plan.unplaced) add(u.id, u.count);
  const ids = new Set([...seen.keys(), ...ctx.counts.keys()]);
  return [...ids].filter((id) => seen.get(id) !== ctx.counts.get(id))
    .map((id) => `reel ${id}: ${seen.get(id) ?? 0} placed or unplaced of ${ctx.counts.get(id) ?? 0}`);
}

/** Every way the plan breaks its own rules; empty for a sound plan. */
export function planProblems(plan: Plan, ctx: PlanContext): string[] {
  const parsed = PlanSchema.safeParse(plan);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  return [
    ...plan.boxes.flatMap((b, i) => boxProblems(b, ctx).map((p) => `box ${i + 1} (${b.type}): ${p}`)),
    ...countProblems(plan, ctx),
  ];
}

/** A plan that fails its own check is a planner bug: it is thrown, never returned. */
export function assertValidPlan(plan: Plan, ctx: PlanContext): Plan {
  const problems = planProblems(plan, ctx);
  if (problems.length > 0) {
    throw new AppError('B2B_PLAN_INVALID', `the plan fails its own check: ${problems.slice(0, 5).join('; ')}`, { details: { problems } });
  }
  return plan;
}
