import { type Disc, type Floor, type Layout, type Point, EPS, floorLayouts, packColumns } from './floor-layouts.js';

/**
 * The floor of one box holding reels of several diameters: one zone per diameter, front to
 * back, each zone in the layout that ends it soonest, each packed against the zones before
 * it so that columns nest across the seam (and small reels drop into gaps the big ones left).
 */

/** The layouts worth trying for a zone: the best, and every plain layout within 10% of it. */
function zoneCandidates(layouts: readonly Layout[]): Layout[] {
  const best = layouts[0];
  if (!best) return [];
  const least = best.points.length * 0.9;
  const plain = layouts.filter((l) => l.kind !== 'mixed' && l.points.length >= least).slice(0, 8);
  return [best, ...plain.filter((l) => l !== best)];
}

const endOf = (discs: readonly Disc[]): number => Math.max(...discs.map((p) => p.x + p.r));

/** k reels of diameter d behind the discs already placed, in the layout that ends soonest. */
function bestZone(d: number, k: number, floor: Floor, prior: readonly Disc[]): Disc[] | null {
  const { types, layouts } = floorLayouts(d, floor);
  let best: Disc[] | null = null;
  for (const layout of zoneCandidates(layouts)) {
    const zone = packColumns(types, layout.sequence, d, floor, { prior, limit: k, fillEnd: true });
    if (zone.length === k && (!best || endOf(zone) < endOf(best) - EPS)) best = zone;
  }
  return best;
}

function zonesInOrder(groups: ReadonlyArray<readonly [number, number]>, floor: Floor): Map<number, Disc[]> | null {
  const placed: Disc[] = [];
  const zones = new Map<number, Disc[]>();
  for (const [d, k] of groups) {
    const zone = bestZone(d, k, floor, placed);
    if (!zone) return null;
    placed.push(...zone);
    zones.set(d, zone);
  }
  return zones;
}

function countsByDiameter(diameters: readonly number[]): Array<[number, number]> {
  const counts = new Map<number, number>();
  for (const d of diameters) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[0] - a[0]);
}

function layoutZones(groups: ReadonlyArray<readonly [number, number]>, floor: Floor): Map<number, Disc[]> | null {
  const orders = groups.length > 1 ? [groups, [...groups].reverse()] : [groups];
  for (const order of orders) {
    const zones = zonesInOrder(order, floor);
    if (zones) return zones;
  }
  return null;
}

/** Layouts by floor and diameters: a plan tries the same few mixes many times. Bounded, as it outlives plans. */
const memo = new Map<string, Map<number, Disc[]> | null>();
const MEMO_SIZE = 20_000;

/** Floor centres for one disc per diameter given (in that order), or null where they do not fit. */
export function layoutFloor(diameters: readonly number[], floor: Floor): Point[] | null {
  const groups = countsByDiameter(diameters);
  const key = `${floor.length}|${floor.width}|${groups.map(([d, k]) => `${d}x${k}`).join(',')}`;
  let zones = memo.get(key);
  if (zones === undefined) {
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(key, (zones = layoutZones(groups, floor)));
  }
  if (!zones) return null;
  const next = new Map([...zones.keys()].map((d) => [d, 0]));
  return diameters.map((d) => {
    const i = next.get(d)!;
    next.set(d, i + 1);
    return zones.get(d)![i]!;
  });
}
