import { shareIn } from './floor-layouts.js';
import type { Box } from './box-types.js';
import { type Reel, misfit } from './reels.js';
import { buildStacks } from './tiers.js';

/**
 * Lower bounds on the number of boxes, as DOMAIN.md defines them, and a sharper one.
 * - weight: ceil(total weight / payload), the largest payload among the allowed boxes
 *   (road limit included).
 * - floor: each stack takes 1/n of a floor, n being how many of its diameter the best layout
 *   stands in the box; summed over the stacks (built for that box's height, within each
 *   loading group), for the allowed type that gives the fewest boxes.
 * - joint: the weight bound again, each box's payload capped at what its floor can carry of
 *   these reels (the heaviest stacks per floor share, filling one floor). A 20ft's 28,200 kg
 *   count in `weight` although its floor holds some 15–20 t of paper reels; `joint` does
 *   not count them, so it is never below `weight`, and still no plan can beat it.
 * All hold where floor shares add up; reels of several diameters may nest a little better.
 */
export interface Bounds {
  readonly weight: number;
  readonly floor: number;
  readonly joint: number;
}

/** The bound a plan is measured against: the largest of the three. */
export const boundOf = (b: Bounds): number => Math.max(b.weight, b.floor, b.joint);

/** ceil, forgiving the float error of summing shares such as 18 × 1/18. */
const ceil = (x: number): number => Math.ceil(x - 1e-9);

/** The most weight of these reels one box of a type can carry, its floor shares adding up to 1. */
export function carryable(groups: ReadonlyArray<readonly Reel[]>, box: Box): number {
  const share = shareIn(box);
  const stacks = groups.flatMap((g) => buildStacks(g.filter((r) => misfit(r, box) === null), box.height, box.payload));
  stacks.sort((a, b) => b.weight / share(b.diameter) - a.weight / share(a.diameter));
  let weight = 0;
  let floor = 1;
  for (const s of stacks) {
    const part = Math.min(1, floor / share(s.diameter));
    weight += part * s.weight;
    floor -= part * share(s.diameter);
    if (floor <= 0 || weight >= box.payload) break;
  }
  return Math.min(box.payload, weight);
}

const totalWeight = (groups: ReadonlyArray<readonly Reel[]>): number => groups.flat().reduce((w, r) => w + r.weight, 0);

/** Boxes' worth of weight, each box carrying what its floor lets it of these reels. */
export function weightNeed(groups: ReadonlyArray<readonly Reel[]>, boxes: readonly Box[]): number {
  return totalWeight(groups) / Math.max(...boxes.map((b) => carryable(groups, b)));
}

/** Boxes' worth of floor the groups' stacks take in one box type. */
export function floorNeed(groups: ReadonlyArray<readonly Reel[]>, box: Box): number {
  const share = shareIn(box);
  let need = 0;
  for (const group of groups) for (const s of buildStacks(group, box.height, box.payload)) need += share(s.diameter);
  return need;
}

export function lowerBounds(groups: ReadonlyArray<readonly Reel[]>, boxes: readonly Box[]): Bounds {
  const reels = groups.flat();
  if (reels.length === 0) return { weight: 0, floor: 0, joint: 0 };
  return {
    weight: ceil(totalWeight(groups) / Math.max(...boxes.map((b) => b.payload))),
    floor: Math.min(...boxes.map((b) => ceil(floorNeed(groups, b)))),
    joint: ceil(weightNeed(groups, boxes)),
  };
}

function separationReason(groups: ReadonlyArray<readonly Reel[]>, boxes: readonly Box[], bound: number): string | null {
  if (groups.length < 2) return null;
  const own = groups.reduce((n, g) => {
    return n + boundOf(lowerBounds([g], boxes));
  }, 0);
  if (own <= bound) return null;
  return `reels from ${groups.length} loading points may not share a box, and their own bounds add up to ${own}`;
}

/** The bounds count every box at the best type for each limit; no one type may be best at both. */
function typeReason(groups: ReadonlyArray<readonly Reel[]>, boxes: readonly Box[], bound: number): string | null {
  const own = boxes.map((b) => ({ b, n: Math.max(ceil(weightNeed(groups, [b])), ceil(floorNeed(groups, b))) }));
  if (boxes.length < 2 || own.some(({ n }) => n <= bound)) return null;
  return `the bounds take each limit at its best box type, but no type holds the load in ${bound}: ` +
    own.map(({ b, n }) => `${b.type} alone needs ${n}`).join(', ');
}

function packingReason(groups: ReadonlyArray<readonly Reel[]>, boxes: readonly Box[], bound: number): string {
  const floor = Math.min(...boxes.map((b) => floorNeed(groups, b)));
  const heaviest = Math.max(...groups.flat().map((r) => r.weight));
  return `the reels take ${weightNeed(groups, boxes).toFixed(2)} boxes of payload and ${floor.toFixed(2)} of floor; ` +
    `no split of reels of up to ${heaviest} kg filled ${bound} boxes within both limits`;
}

/** Why a plan needs more boxes than the largest bound, or null where it meets it. */
export function explain(used: number, bounds: Bounds, groups: ReadonlyArray<readonly Reel[]>, boxes: readonly Box[]): string | null {
  const bound = boundOf(bounds);
  if (used <= bound) return null;
  const reasons = [separationReason(groups, boxes, bound), typeReason(groups, boxes, bound)].filter((r) => r !== null);
  if (reasons.length === 0) reasons.push(packingReason(groups, boxes, bound));
  return `${used} boxes for a lower bound of ${bound}: ${reasons.join('; ')}.`;
}
