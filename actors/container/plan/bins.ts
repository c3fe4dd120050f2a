import { shareIn } from './floor-layouts.js';
import type { Box } from './box-types.js';
import type { Reel } from './reels.js';

/**
 * A box's contents as counts per reel line, with its weight and floor share kept current,
 * so that the search in balance.ts can price a move of a few reels without restacking the
 * box. The floor share of a diameter is its stacks (first-fit decreasing, as tiers.ts) over
 * the best layout's count.
 */
export interface Bin {
  readonly index: number;
  box: Box;
  /** Reels by line: expandReels gives every reel of a line the same object. */
  readonly counts: Map<Reel, number>;
  /** Floor share per diameter. */
  readonly terms: Map<number, number>;
  weight: number;
  floor: number;
  /** The floor share allowed: 1, lowered where the real layout fails. */
  cap: number;
}

const shares = new WeakMap<Box, (d: number) => number>();

export function shareOf(box: Box, d: number): number {
  let share = shares.get(box);
  if (!share) shares.set(box, (share = shareIn(box)));
  return share(d);
}

/** First-fit decreasing on lines of equal reels, without expanding them. */
function stacksOf(height: number, kinds: Array<[Reel, number]>): number {
  if (kinds.length === 1) return Math.ceil(kinds[0]![1] / Math.max(1, Math.floor(height / kinds[0]![0].width)));
  const heights: number[] = [];
  for (const [r, count] of kinds.sort((x, y) => y[0].width - x[0].width)) {
    let n = count;
    for (let i = 0; i < heights.length && n > 0; i++) {
      const k = Math.min(n, Math.floor((height - heights[i]!) / r.width));
      if (k > 0) [heights[i], n] = [heights[i]! + k * r.width, n - k];
    }
    const tiers = Math.max(1, Math.floor(height / r.width));
    for (; n > 0; n -= tiers) heights.push(Math.min(n, tiers) * r.width);
  }
  return heights.length;
}

const countIn = (reels: readonly Reel[], r: Reel): number => {
  let n = 0;
  for (const x of reels) if (x === r) n++;
  return n;
};

/** The floor share of diameter d in a box, after adding and removing reels. */
export function termAfter(bin: Bin, box: Box, d: number, add: readonly Reel[], remove: readonly Reel[]): number {
  const kinds: Array<[Reel, number]> = [];
  for (const [r, n] of bin.counts) {
    if (r.diameter !== d) continue;
    const m = n + countIn(add, r) - countIn(remove, r);
    if (m > 0) kinds.push([r, m]);
  }
  for (const r of add) {
    if (r.diameter === d && !bin.counts.has(r) && !kinds.some(([k]) => k === r)) kinds.push([r, countIn(add, r)]);
  }
  return kinds.length === 0 ? 0 : stacksOf(box.height, kinds) * shareOf(box, d);
}

/** The distinct diameters of a few reels. */
function diametersOf(reels: readonly Reel[]): number[] {
  const out: number[] = [];
  for (const r of reels) if (!out.includes(r.diameter)) out.push(r.diameter);
  return out;
}

export function floorAfter(bin: Bin, add: readonly Reel[], remove: readonly Reel[]): number {
  let floor = bin.floor;
  for (const d of diametersOf([...add, ...remove])) floor += termAfter(bin, bin.box, d, add, remove) - (bin.terms.get(d) ?? 0);
  return floor;
}

/** The floor share of the bin's reels in another box type. */
export function floorIn(bin: Bin, box: Box): number {
  let floor = 0;
  for (const d of diametersOf([...bin.counts.keys()])) floor += termAfter(bin, box, d, [], []);
  return floor;
}

export const overflow = (box: Box, weight: number, floor: number, cap: number): number =>
  Math.max(0, weight - box.payload) / box.payload + Math.max(0, floor - cap);

export const violation = (b: Bin): number => overflow(b.box, b.weight, b.floor, b.cap);

export const weightOf = (reels: readonly Reel[]): number => reels.reduce((w, r) => w + r.weight, 0);

function refreshTerms(bin: Bin, diameters: readonly number[]): void {
  for (const d of diameters) {
    const t = termAfter(bin, bin.box, d, [], []);
    bin.floor += t - (bin.terms.get(d) ?? 0);
    if (t > 0) bin.terms.set(d, t);
    else bin.terms.delete(d);
  }
}

/** Adds and removes reels, keeping weight and floor current. */
export function shift(bin: Bin, add: readonly Reel[], remove: readonly Reel[]): void {
  bin.weight += weightOf(add) - weightOf(remove);
  for (const r of add) bin.counts.set(r, (bin.counts.get(r) ?? 0) + 1);
  for (const r of remove) {
    const n = bin.counts.get(r)! - 1;
    if (n > 0) bin.counts.set(r, n);
    else bin.counts.delete(r);
  }
  refreshTerms(bin, diametersOf([...add, ...remove]));
}

export function retype(bin: Bin, box: Box): void {
  bin.box = box;
  bin.terms.clear();
  bin.floor = 0;
  refreshTerms(bin, diametersOf([...bin.counts.keys()]));
}

export function binOf(box: Box, reels: readonly Reel[], index: number): Bin {
  const bin: Bin = { index, box, counts: new Map(), terms: new Map(), weight: 0, floor: 0, cap: 1 };
  shift(bin, reels, []);
  return bin;
}

export const reelsOf = (bin: Bin): Reel[] => [...bin.counts].flatMap(([r, n]) => Array<Reel>(n).fill(r));
