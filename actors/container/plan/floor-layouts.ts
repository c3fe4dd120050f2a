/**
 * Floor layouts of equal reels standing on end. A layout is a sequence of columns (reel
 * centres across the width) packed front to back, each column as close to the previous ones
 * as the circles allow. Repeating one column gives square rows; alternating two gives
 * staggered rows, along the length (even/odd rows of n spread rows) or across the width
 * (a column shifted by half a diameter); switching between them part-way gives mixed layouts.
 */

export interface Floor { readonly length: number; readonly width: number }
export interface Point { readonly x: number; readonly y: number }
export interface Disc extends Point { readonly r: number }

/** Centres across the width (y) of one column of equal reels. */
export type Column = readonly number[];
export type LayoutKind = 'square' | 'staggered' | 'mixed';

/** Which column type is the i-th column of a layout. */
export interface Sequence { readonly kind: LayoutKind; readonly at: (i: number) => number }

export interface Layout {
  readonly kind: LayoutKind;
  readonly sequence: Sequence;
  readonly points: readonly Point[];
}

export const EPS = 1e-6;

/** The smallest x ≥ minX at which discs of radius r at heights ys clear discs[from..]. */
export function clearX(discs: readonly Disc[], from: number, ys: Column, r: number, minX: number): number {
  let x = minX;
  for (let i = from; i < discs.length; i++) {
    const q = discs[i]!;
    const d = r + q.r;
    for (const y of ys) {
      const dy = y - q.y;
      if (dy < d && dy > -d) x = Math.max(x, q.x + Math.sqrt(d * d - dy * dy));
    }
  }
  return x;
}

function range(n: number, f: (j: number) => number): number[] {
  return Array.from({ length: n }, (_, j) => f(j));
}

/** k reels across, at several offsets from the left wall, and n staggered rows split odd/even. */
export function columnTypes(d: number, width: number): Column[] {
  const r = d / 2;
  const kMax = Math.floor((width + EPS) / d);
  const out: Column[] = [];
  for (let k = 1; k <= kMax; k++) {
    const slack = width - k * d;
    for (const t of [0, slack / 2, slack, Math.min(r, slack)]) out.push(range(k, (j) => r + t + j * d));
    if (k > 1) out.push(range(k, (j) => r + (j * (width - d)) / (k - 1)));
  }
  for (let n = Math.max(2, kMax + 1); ; n++) {
    const dy = (width - d) / (n - 1);
    if (2 * dy < d - EPS) break;
    const rows = range(n, (j) => r + j * dy);
    out.push(rows.filter((_, j) => j % 2 === 0), rows.filter((_, j) => j % 2 === 1));
  }
  const seen = new Set<string>();
  return out.filter((c) => {
    const key = c.map((y) => y.toFixed(3)).join(',');
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}

export interface PackOptions {
  /** Discs already on the floor (other diameters); the new columns keep clear of them. */
  readonly prior?: readonly Disc[];
  /** Stop after this many discs. */
  readonly limit?: number;
  /** After the sequence runs out of floor, add any column type that still fits. */
  readonly fillEnd?: boolean;
}

/** Places the columns of a sequence front to back until the floor (or the limit) ends. */
export function packColumns(types: readonly Column[], seq: Sequence, d: number, floor: Floor, opts: PackOptions = {}): Disc[] {
  const r = d / 2;
  const prior = opts.prior ?? [];
  const limit = opts.limit ?? Infinity;
  const own: Disc[] = [];
  let lastX = r;
  let from = 0;
  const place = (ys: Column): boolean => {
    const x = clearX(own, from, ys, r, clearX(prior, 0, ys, r, lastX));
    if (x + r > floor.length + EPS) return false;
    for (const y of ys) if (own.length < limit) own.push({ x, y, r });
    lastX = x;
    while (own[from]!.x <= lastX - d) from++;
    return true;
  };
  for (let i = 0; own.length < limit && place(types[seq.at(i)]!); i++);
  if (opts.fillEnd) {
    const widest = [...types].sort((a, b) => b.length - a.length);
    while (own.length < limit && widest.some(place));
  }
  return own;
}

const square = (a: number): Sequence => ({ kind: 'square', at: () => a });
const staggered = (a: number, b: number): Sequence => ({ kind: 'staggered', at: (i) => (i % 2 === 0 ? a : b) });
const mixed = (a: number, b: number, m: number, tail: number): Sequence =>
  ({ kind: 'mixed', at: (i) => (i >= m ? tail : i % 2 === 0 ? a : b) });

function layoutOf(types: readonly Column[], seq: Sequence, d: number, floor: Floor): Layout {
  return { kind: seq.kind, sequence: seq, points: packColumns(types, seq, d, floor, { fillEnd: true }) };
}

/** Mixed layouts: staggered for the first m columns, then square, for every switch point. */
function mixedLayouts(types: readonly Column[], a: number, b: number, columns: number, d: number, floor: Floor): Layout[] {
  const out: Layout[] = [];
  for (let m = 1; m < columns; m++) {
    for (const tail of [a, b]) out.push(layoutOf(types, mixed(a, b, m, tail), d, floor));
  }
  return out;
}

const byCount = (p: Layout, q: Layout): number => q.points.length - p.points.length || rank(p.kind) - rank(q.kind);

/** Square rows of every column type, and staggered rows of every pair that nests. */
function plainLayouts(types: readonly Column[], d: number, floor: Floor): { layouts: Layout[]; pairs: Array<[number, number, Layout]> } {
  const layouts = types.map((_, a) => layoutOf(types, square(a), d, floor));
  const pairs: Array<[number, number, Layout]> = [];
  for (let a = 0; a < types.length; a++) {
    for (let b = 0; b < types.length; b++) {
      if (a !== b && interlocks(types[a]!, types[b]!, d)) pairs.push([a, b, layoutOf(types, staggered(a, b), d, floor)]);
    }
  }
  return { layouts: [...layouts, ...pairs.map(([, , l]) => l)], pairs };
}

/** Layouts kept: those a zone may use (the plain ones within 10% of the best) and the best. */
const KEPT = 12;

/**
 * Square and staggered rows, then mixes of a staggered pair with square rows of either of
 * its columns, for pairs whose plain layouts come within two reels of the best plain one
 * (a switch gains a reel or two, not more). The best first.
 */
function searchLayouts(d: number, floor: Floor): Layout[] {
  const types = columnTypes(d, floor.width);
  const { layouts, pairs } = plainLayouts(types, d, floor);
  const plainBest = Math.max(0, ...layouts.map((l) => l.points.length));
  const count = (a: number): number => layouts[a]!.points.length;
  const mixes = pairs
    .filter(([a, b, alt]) => Math.max(alt.points.length, count(a), count(b)) >= plainBest - 2 && alt.points.length > 0)
    .flatMap(([a, b, alt]) => mixedLayouts(types, a, b, columnsOf(alt), d, floor));
  const bestMix = mixes.sort(byCount)[0];
  return [...layouts.sort(byCount).slice(0, KEPT), ...(bestMix ? [bestMix] : [])].sort(byCount);
}

/** Whether column b nests into column a closer than a square row would (a diameter apart). */
function interlocks(a: Column, b: Column, d: number): boolean {
  return clearX(a.map((y) => ({ x: 0, y, r: d / 2 })), 0, b, d / 2, 0) < d - EPS;
}

const rank = (kind: LayoutKind): number => ['square', 'staggered', 'mixed'].indexOf(kind);

function columnsOf(layout: Layout): number {
  return new Set(layout.points.map((p) => p.x)).size;
}

const cache = new Map<string, { types: Column[]; layouts: Layout[] }>();

/** The layouts for one diameter and floor, memoised: a plan asks for the same few many times. */
export function floorLayouts(d: number, floor: Floor): { types: Column[]; layouts: Layout[] } {
  const key = `${d}|${floor.length}|${floor.width}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = { types: columnTypes(d, floor.width), layouts: searchLayouts(d, floor) };
    cache.set(key, hit);
  }
  return hit;
}

/** The best layout of reels of diameter d on a floor. */
export function bestFloorLayout(d: number, floor: Floor): Layout {
  return floorLayouts(d, floor).layouts[0] ?? { kind: 'square', sequence: square(0), points: [] };
}

/** How many reels of diameter d stand on the floor at most (in one tier). */
export function floorCapacity(d: number, floor: Floor): number {
  return bestFloorLayout(d, floor).points.length;
}

/** The share of a floor one stack of a diameter takes: 1 / the floor's capacity for it. */
export type Share = (diameter: number) => number;

export function shareIn(floor: Floor): Share {
  const memo = new Map<number, number>();
  return (d) => {
    let s = memo.get(d);
    if (s === undefined) memo.set(d, (s = 1 / floorCapacity(d, floor)));
    return s;
  };
}
