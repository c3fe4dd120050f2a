import { layoutFloor } from './box-layout.js';
import type { Loaded } from './box-fill.js';
import { shareIn } from './floor-layouts.js';
import type { Box } from './box-types.js';
import { type Reel, misfit } from './reels.js';
import { type Stack, buildStacks } from './tiers.js';

/**
 * Empties a box into the others where the greedy fill left one too many. The reels of the
 * emptiest box are pending; each goes into another box where it fits (the fullest such),
 * or displaces a smaller reel of a box that then still fits, and that reel becomes pending.
 * Each step places a reel or swaps in a strictly smaller one, so the chain ends. Boxes are
 * restacked for every trial; layouts are memoised by box type and diameters.
 */

interface Bin { readonly box: Box; readonly reels: Reel[]; weight: number }

type Layouts = Map<string, Loaded | null>;

function loadOf(box: Box, reels: readonly Reel[], memo: Layouts): Loaded | null {
  const stacks: Stack[] = buildStacks(reels, box.height).sort((a, b) => b.diameter - a.diameter);
  const diameters = stacks.map((s) => s.diameter);
  const key = `${box.type}|${diameters.join(',')}`;
  if (!memo.has(key)) {
    const points = layoutFloor(diameters, box);
    memo.set(key, points ? { box, stacks, points } : null);
  }
  const hit = memo.get(key);
  return hit ? { box, stacks, points: hit.points } : null;
}

function fits(bin: Bin, reels: readonly Reel[], weight: number, memo: Layouts): boolean {
  return weight <= bin.box.payload && reels.every((r) => misfit(r, bin.box) === null) && loadOf(bin.box, reels, memo) !== null;
}

/** A reel's pull on a box: its share of the payload plus its share of the floor. */
function sizer(box: Box): (r: Reel) => number {
  const share = shareIn(box);
  return (r) => r.weight / box.payload + share(r.diameter);
}

const kinds = (reels: readonly Reel[]): Reel[] => [...new Set(reels)];

/** The reels without one reel of line q. */
function without(reels: readonly Reel[], q: Reel): Reel[] {
  const i = reels.indexOf(q);
  return [...reels.slice(0, i), ...reels.slice(i + 1)];
}

function insert(bins: readonly Bin[], r: Reel, memo: Layouts): boolean {
  const order = [...bins].sort((a, b) => b.weight / b.box.payload - a.weight / a.box.payload);
  const bin = order.find((b) => fits(b, [...b.reels, r], b.weight + r.weight, memo));
  if (!bin) return false;
  bin.reels.push(r);
  bin.weight += r.weight;
  return true;
}

/** Swaps r into a box for the smallest reel whose removal makes room; returns that reel. */
function displace(bins: readonly Bin[], r: Reel, size: (r: Reel) => number, memo: Layouts): Reel | null {
  let best: { bin: Bin; q: Reel } | null = null;
  for (const bin of bins) {
    for (const q of kinds(bin.reels).sort((a, b) => size(a) - size(b))) {
      if (size(q) >= size(r) || (best && size(q) >= size(best.q))) break;
      if (fits(bin, [...without(bin.reels, q), r], bin.weight - q.weight + r.weight, memo)) best = { bin, q };
    }
  }
  if (!best) return null;
  const { bin, q } = best;
  bin.reels.splice(bin.reels.indexOf(q), 1, r);
  bin.weight += r.weight - q.weight;
  return q;
}

const MAX_STEPS = 400;

function emptyInto(victim: Bin, others: Bin[], memo: Layouts): boolean {
  const size = sizer(victim.box);
  const pending = [...victim.reels].sort((a, b) => size(b) - size(a));
  for (let step = 0; pending.length > 0 && step < MAX_STEPS; step++) {
    const r = pending.shift()!;
    if (insert(others, r, memo)) continue;
    const q = displace(others, r, size, memo);
    if (!q) return false;
    pending.push(q);
    pending.sort((a, b) => size(b) - size(a));
  }
  return pending.length === 0;
}

const fillOf = (b: Bin): number => b.weight / b.box.payload;
const clone = (b: Bin): Bin => ({ box: b.box, reels: [...b.reels], weight: b.weight });

/** One box fewer, or null where the emptiest boxes cannot be emptied into the rest. */
function dropOne(bins: readonly Bin[], memo: Layouts): Bin[] | null {
  const victims = [...bins].sort((a, b) => fillOf(a) - fillOf(b)).slice(0, 2);
  for (const victim of victims) {
    const others = bins.filter((b) => b !== victim).map(clone);
    if (emptyInto(victim, others, memo)) return others;
  }
  return null;
}

/** The same reels in fewer boxes where the swaps find room, down to `target` boxes. */
export function repack(loaded: readonly Loaded[], target: number): Loaded[] {
  const memo: Layouts = new Map();
  let bins: Bin[] = loaded.map((l) => {
    const reels = l.stacks.flatMap((s) => s.reels);
    return { box: l.box, reels, weight: reels.reduce((w, r) => w + r.weight, 0) };
  });
  if (bins.length <= target) return [...loaded];
  for (let next = dropOne(bins, memo); next; next = bins.length > target ? dropOne(bins, memo) : null) bins = next;
  if (bins.length === loaded.length) return [...loaded];
  return bins.map((b) => loadOf(b.box, b.reels, memo)!);
}
