import { AppError } from '../../common/errors.js';
import type { Point, Share } from './floor-layouts.js';
import { layoutFloor } from './box-layout.js';
import type { Box } from './box-types.js';
import { misfit } from './reels.js';
import type { Stack } from './tiers.js';

/**
 * Fills one box at a time from pools of stacks. Each stack has a weight and a floor share
 * (1 / how many of its diameter the best layout stands in the box). The next stack is the
 * heaviest per floor share while the payload fill lags the floor fill, the lightest while
 * it leads, so a box fills both limits together and the load meets the larger bound.
 */

export interface Loaded {
  readonly box: Box;
  readonly stacks: Stack[];
  readonly points: Point[];
}

/** Weight per floor share against the payload: above 1 the stack is heavier than the floor average. */
export function sortByDensity(stacks: Stack[], box: Box, share: Share): Stack[] {
  const rho = (s: Stack): number => s.weight / box.payload / share(s.diameter);
  return stacks.sort((a, b) => rho(b) - rho(a) || b.diameter - a.diameter);
}

const fitting = new WeakMap<Box, WeakMap<Stack, boolean>>();

/** Whether a stack stands in a box type: its height under the roof, each reel through the door. */
export function stackFits(stack: Stack, box: Box): boolean {
  let known = fitting.get(box);
  if (!known) fitting.set(box, (known = new WeakMap()));
  let fits = known.get(stack);
  if (fits === undefined) {
    fits = stack.height <= box.height && stack.reels.every((r) => misfit(r, box) === null);
    known.set(stack, fits);
  }
  return fits;
}

interface Fill {
  readonly box: Box;
  readonly share: Share;
  /** The stacks taken, each with the pool it came from, to give it back there. */
  readonly taken: Array<{ stack: Stack; pool: Stack[] }>;
  weight: number;
  floor: number;
}

function fitsEstimate(fill: Fill, s: Stack): boolean {
  return fill.weight + s.weight <= fill.box.payload && fill.floor + fill.share(s.diameter) <= 1 + 1e-9 && stackFits(s, fill.box);
}

/** The index of the next stack for the box in a density-sorted pool, or -1. */
function pickIn(pool: readonly Stack[], fill: Fill): number {
  const heavy = fill.weight / fill.box.payload <= fill.floor;
  for (let k = 0; k < pool.length; k++) {
    const i = heavy ? k : pool.length - 1 - k;
    if (fitsEstimate(fill, pool[i]!)) return i;
  }
  return -1;
}

function take(fill: Fill, pool: Stack[], i: number): void {
  const stack = pool.splice(i, 1)[0]!;
  fill.taken.push({ stack, pool });
  fill.weight += stack.weight;
  fill.floor += fill.share(stack.diameter);
}

const diametersOf = (fill: Fill): number[] => fill.taken.map((t) => t.stack.diameter);

/** Gives back the last stacks taken until the floor layout fits; returns the layout. */
function settle(fill: Fill): Point[] {
  for (;;) {
    const points = layoutFloor(diametersOf(fill), fill.box);
    if (points) return points;
    const { stack, pool } = fill.taken.pop()!;
    fill.weight -= stack.weight;
    fill.floor -= fill.share(stack.diameter);
    pool.push(stack);
  }
}

/** Distinct stacks tried against the real layout per box: a full floor rarely takes a seventh. */
const MAX_TOP_UP_TRIES = 6;

/** Tries further stacks against the real layout, which often nests more than the shares say. */
function topUp(fill: Fill, pools: Stack[][], points: Point[]): Point[] {
  const tried = new Set<string>();
  for (const pool of pools) {
    for (let i = 0; i < pool.length && tried.size < MAX_TOP_UP_TRIES; i++) {
      const s = pool[i]!;
      const key = `${s.diameter}|${s.weight}|${s.height}`;
      if (fill.weight + s.weight > fill.box.payload || !stackFits(s, fill.box) || tried.has(key)) continue;
      tried.add(key);
      const next = layoutFloor([...diametersOf(fill), s.diameter], fill.box);
      if (!next) continue;
      take(fill, pool, i--);
      points = next;
      tried.delete(key);
    }
  }
  return points;
}

/** One box filled from the pools, the first pool first; the stacks taken leave their pools. */
export function fillOne(pools: Stack[][], box: Box, share: Share): Loaded {
  const fill: Fill = { box, share, taken: [], weight: 0, floor: 0 };
  for (const pool of pools) {
    sortByDensity(pool, box, share);
    for (let i = pickIn(pool, fill); i >= 0; i = pickIn(pool, fill)) take(fill, pool, i);
  }
  const points = topUp(fill, pools, settle(fill));
  if (fill.taken.length === 0) throw new AppError('B2B_PLAN_INVALID', `no stack left fits an empty ${box.type}`);
  return { box, stacks: fill.taken.map((t) => t.stack), points };
}
