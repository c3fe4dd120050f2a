import { layoutFloor } from './box-layout.js';
import type { Loaded } from './box-fill.js';
import type { Box } from './box-types.js';
import { type Bin, binOf, floorAfter, floorIn, overflow, reelsOf, retype, shareOf, shift, violation, weightOf } from './bins.js';
import { type Reel, misfit } from './reels.js';
import { buildStacks } from './tiers.js';

/**
 * Fits a load into a fixed number of boxes, where the greedy fill needed more, by tabu search
 * on the overflow: the reels of the emptiest boxes go where they overflow least, then reels
 * move and swap (one for one, one for two, two for one) between an overflowing box and the
 * boxes with most room, and a box may change type, until no box is above its payload or its
 * floor. Floors are judged by shares during the search and by a real layout at the end; a
 * box whose layout disagrees gets a smaller floor allowance and the search goes on. A budget
 * of priced moves bounds the search.
 */

/** Reels going from bin a to bin b (`out`) and back (`back`), or a's new type. */
interface Move { readonly a: Bin; readonly b: Bin | null; readonly out: readonly Reel[]; readonly back: readonly Reel[]; readonly box: Box | null }

interface Search {
  readonly bins: readonly Bin[];
  readonly boxes: readonly Box[];
  /** Moving a reel of this line from one bin to another is tabu until the step stored. */
  readonly tabu: Map<string, number>;
  step: number;
  budget: number;
}

const TABU_TENURE = 7;
/** Bins an overflowing bin trades with in one step. */
const PARTNERS = 8;
/** Moves priced at most in one search. */
const BUDGET = 20_000;

const fits = (reels: readonly Reel[], box: Box): boolean => reels.every((r) => misfit(r, box) === null);

/** How much a transfer lowers the two bins' overflow; null where it does not lower a's. */
function gainOf(a: Bin, b: Bin, out: readonly Reel[], back: readonly Reel[]): number | null {
  const dw = weightOf(out) - weightOf(back);
  const va = overflow(a.box, a.weight - dw, floorAfter(a, back, out), a.cap);
  if (va >= violation(a) - 1e-12 || !fits(out, b.box) || !fits(back, a.box)) return null;
  const vb = overflow(b.box, b.weight + dw, floorAfter(b, out, back), b.cap);
  return violation(a) + violation(b) - va - vb;
}

/** One or two reels of a bin, by line. */
function groupsOf(bin: Bin, withNone: boolean): Reel[][] {
  const kinds = [...bin.counts.keys()];
  const pairs = kinds.flatMap((k, i) => kinds.slice(i).filter((j) => j !== k || bin.counts.get(k)! >= 2).map((j) => [k, j]));
  return [...(withNone ? [[]] : []), ...kinds.map((k) => [k]), ...pairs];
}

const tabuKey = (r: Reel, from: Bin, to: Bin): string => `${r.id}|${from.index}>${to.index}`;

function isTabu(s: Search, m: Move): boolean {
  const until = (r: Reel, from: Bin, to: Bin): number => s.tabu.get(tabuKey(r, from, to)) ?? -1;
  return m.out.some((r) => until(r, m.a, m.b!) > s.step) || m.back.some((r) => until(r, m.b!, m.a) > s.step);
}

/** The bins with the most room, where an overflowing bin's reels are likeliest to go. */
function partners(s: Search, a: Bin): Bin[] {
  const room = (b: Bin): number => (1 - b.weight / b.box.payload) + (b.cap - b.floor);
  return s.bins.filter((b) => b !== a).sort((x, y) => room(y) - room(x)).slice(0, PARTNERS);
}

/** Another type for an overflowing bin, only where that alone lowers its overflow. */
function retypes(s: Search, a: Bin): Array<[Move, number]> {
  return s.boxes.filter((box) => box !== a.box && fits([...a.counts.keys()], box))
    .map((box): [Move, number] => [{ a, b: null, out: [], back: [], box }, violation(a) - overflow(box, a.weight, floorIn(a, box), a.cap)])
    .filter(([, gain]) => gain > 1e-12);
}

/**
 * The move that lowers the overflow most. A tabu move counts where it ends the search, or
 * where every move is tabu, so the search never stalls on a short tabu list.
 */
function bestMove(s: Search, total: number): Move | null {
  let best: Move | null = null;
  let bestGain = -Infinity;
  let fallback: Move | null = null;
  let fallbackGain = -Infinity;
  for (const a of s.bins.filter((x) => violation(x) > 1e-12)) {
    for (const [m, gain] of retypes(s, a)) if (gain > bestGain) [best, bestGain] = [m, gain];
    const outs = groupsOf(a, false);
    for (const b of partners(s, a)) {
      const backs = groupsOf(b, true);
      for (const out of outs) {
        for (const back of backs) {
          if (out.length + back.length > 3 || s.budget-- <= 0) continue;
          const gain = gainOf(a, b, out, back);
          if (gain === null || gain <= bestGain) continue;
          const m: Move = { a, b, out, back, box: null };
          if (!isTabu(s, m) || total - gain < 1e-12) [best, bestGain] = [m, gain];
          else if (gain > fallbackGain) [fallback, fallbackGain] = [m, gain];
        }
      }
    }
  }
  return best ?? fallback;
}

function apply(s: Search, m: Move): void {
  if (m.box) return retype(m.a, m.box);
  shift(m.a, m.back, m.out);
  shift(m.b!, m.out, m.back);
  for (const r of m.out) s.tabu.set(tabuKey(r, m.b!, m.a), s.step + TABU_TENURE);
  for (const r of m.back) s.tabu.set(tabuKey(r, m.a, m.b!), s.step + TABU_TENURE);
}

/** Real layouts for every bin, or the bins whose layout fails. */
function layouts(bins: readonly Bin[]): { loads: Loaded[]; failed: Bin[] } {
  const loads: Loaded[] = [];
  const failed: Bin[] = [];
  for (const bin of bins) {
    const stacks = buildStacks(reelsOf(bin), bin.box.height);
    const points = layoutFloor(stacks.map((x) => x.diameter), bin.box);
    if (points) loads.push({ box: bin.box, stacks, points });
    else failed.push(bin);
  }
  return { loads, failed };
}

/** Bins over their floor share alone whose real layout fits: their allowance rises to what they hold. */
function admitNested(bins: readonly Bin[]): boolean {
  let admitted = false;
  for (const bin of bins) {
    if (bin.floor <= bin.cap || bin.weight > bin.box.payload) continue;
    const stacks = buildStacks(reelsOf(bin), bin.box.height);
    if (layoutFloor(stacks.map((x) => x.diameter), bin.box)) [bin.cap, admitted] = [bin.floor, true];
  }
  return admitted;
}

function search(s: Search): Loaded[] | null {
  for (; s.budget > 0; s.step++) {
    const total = s.bins.reduce((v, b) => v + violation(b), 0);
    if (total < 1e-12) {
      const { loads, failed } = layouts(s.bins);
      if (failed.length === 0) return loads;
      for (const bin of failed) bin.cap = Math.min(bin.cap, 1) - 0.015;
      continue;
    }
    if (admitNested(s.bins)) continue;
    const move = bestMove(s, total);
    if (!move) return null;
    apply(s, move);
  }
  return null;
}

/** Each spilled reel, heaviest first, into the bin where it overflows least. */
function spill(bins: readonly Bin[], reels: readonly Reel[]): boolean {
  for (const r of [...reels].sort((x, y) => y.weight - x.weight)) {
    const cost = (b: Bin): number => overflow(b.box, b.weight + r.weight, floorAfter(b, [r], []), b.cap) - violation(b);
    const options = bins.filter((b) => misfit(r, b.box) === null);
    if (options.length === 0) return false;
    shift(options.reduce((x, y) => (cost(y) < cost(x) ? y : x)), [r], []);
  }
  return true;
}

const fullness = (l: Loaded): number =>
  l.stacks.reduce((f, x) => f + x.weight / l.box.payload + shareOf(l.box, x.diameter), 0);

/** The reels of a plan in `target` boxes, or null where the search finds no way. */
export function balance(loaded: readonly Loaded[], target: number, boxes: readonly Box[]): Loaded[] | null {
  if (target <= 0 || loaded.length <= target) return null;
  const order = [...loaded].sort((x, y) => fullness(y) - fullness(x));
  const bins = order.slice(0, target).map((l, i) => binOf(l.box, l.stacks.flatMap((x) => x.reels), i));
  if (!spill(bins, order.slice(target).flatMap((l) => l.stacks.flatMap((x) => x.reels)))) return null;
  return search({ bins, boxes, tabu: new Map(), step: 0, budget: BUDGET });
}
