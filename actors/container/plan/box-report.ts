import { layoutFloor } from './box-layout.js';
import type { Loaded } from './box-fill.js';
import { shareIn } from './floor-layouts.js';
import type { Reel } from './reels.js';
import type { Binding, PlacedReel, PlannedBox } from './schema.js';

/** What a box reports: reels with positions, weight, fills and the limit that binds. */

const round1 = (v: number): number => Math.round(v * 10) / 10;
const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

function placedReels(load: Loaded): PlacedReel[] {
  return load.stacks.flatMap((stack, i) => stack.reels.map((reel, tier) => ({
    id: reel.id,
    x_mm: round1(load.points[i]!.x),
    y_mm: round1(load.points[i]!.y),
    tier,
    diameter_mm: reel.diameter,
    width_mm: reel.width,
    weight_kg: reel.weight,
    offer_line_id: reel.offerLineId,
  })));
}

/** The plan's reels, to ask whether one more of them would fit this box. */
export interface PlanReels {
  readonly reels: readonly Reel[];
  /** The tallest allowed box type's inside height. */
  readonly tallest: number;
}

/**
 * The first limit that stops one more of the plan's reels: "weight" where its lightest would
 * pass the payload; "count" where one would still fit (on a stack or the floor): the box
 * holds what was left; else the floor is full: "height" where a taller allowed type would
 * take another tier of a diameter already in the box, "floor" otherwise.
 */
function bindingOf(load: Loaded, weight: number, plan: PlanReels): Binding {
  const { box } = load;
  const candidates = plan.reels.filter((r) => r.width <= box.door && r.diameter <= box.width);
  if (candidates.every((r) => weight + r.weight > box.payload)) return 'weight';
  const light = candidates.filter((r) => weight + r.weight <= box.payload);
  const onStack = (room: number): boolean =>
    load.stacks.some((s) => light.some((r) => r.diameter === s.diameter && s.height + r.width <= room));
  if (onStack(box.height)) return 'count';
  const smallest = Math.min(...light.map((r) => r.diameter));
  if (layoutFloor([...load.stacks.map((s) => s.diameter), smallest], box)) return 'count';
  return onStack(plan.tallest) ? 'height' : 'floor';
}

export function reportBox(load: Loaded, plan: PlanReels): PlannedBox {
  const { box } = load;
  const share = shareIn(box);
  const weight = load.stacks.reduce((w, s) => w + s.weight, 0);
  const floor = load.stacks.reduce((f, s) => f + share(s.diameter), 0);
  return {
    type: box.type,
    reels: placedReels(load),
    weight_kg: weight,
    payload_fill: round4(Math.min(1, weight / box.payload)),
    floor_fill: round4(Math.min(1, floor)),
    binding: bindingOf(load, weight, plan),
  };
}
