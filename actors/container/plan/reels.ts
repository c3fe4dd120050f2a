import { AppError } from '../../common/errors.js';
import type { Box } from './box-types.js';
import { densityOf, reelWeightKg } from './reel-weight.js';
import type { PlanInput, ReelSpec, Unplaced } from './schema.js';

/** One physical reel, standing on end: its width is its height in the box. */
export interface Reel {
  readonly id: string;
  readonly diameter: number;
  readonly width: number;
  readonly weight: number;
  readonly offerLineId: string | null;
  readonly loadingPoint: string | null;
}

/** Why a reel cannot travel in a box, or null where it can. */
export function misfit(reel: Reel, box: Box): string | null {
  if (reel.width > box.door) return `width ${reel.width} mm above the ${box.door} mm door`;
  if (reel.diameter > box.width) return `diameter ${reel.diameter} mm above the ${box.width} mm inside width`;
  if (reel.diameter > box.length) return `diameter ${reel.diameter} mm above the ${box.length} mm inside length`;
  if (reel.weight > box.payload) return `weight ${reel.weight} kg above the ${box.payload} kg payload`;
  return null;
}

function toReel(spec: ReelSpec, input: PlanInput): Reel {
  const density = densityOf(spec.grade, input.options.densities);
  return {
    id: spec.id,
    diameter: spec.diameter_mm,
    width: spec.width_mm,
    weight: spec.weight_kg ?? reelWeightKg(spec.diameter_mm, spec.width_mm, spec.core_mm, density),
    offerLineId: spec.offer_line_id,
    loadingPoint: spec.loading_point,
  };
}

function assertUniqueIds(specs: readonly ReelSpec[]): void {
  const seen = new Set<string>();
  for (const { id } of specs) {
    if (seen.has(id)) throw new AppError('B2B_PLAN_INPUT_INVALID', `reel id "${id}" is used by two reel lines`);
    seen.add(id);
  }
}

/** One Reel per physical reel; a line that fits no allowed box is reported, never dropped. */
export function expandReels(input: PlanInput, boxes: readonly Box[]): { reels: Reel[]; unplaced: Unplaced[] } {
  assertUniqueIds(input.reels);
  const reels: Reel[] = [];
  const unplaced: Unplaced[] = [];
  for (const spec of input.reels) {
    const reel = toReel(spec, input);
    const reasons = boxes.map((box) => misfit(reel, box));
    if (reasons.some((r) => r === null)) {
      for (let i = 0; i < spec.count; i++) reels.push(reel);
    } else {
      const why = boxes.map((box, i) => `${box.type}: ${reasons[i]}`).join('; ');
      unplaced.push({ id: spec.id, count: spec.count, reason: `fits no allowed box (${why})` });
    }
  }
  return { reels, unplaced };
}
