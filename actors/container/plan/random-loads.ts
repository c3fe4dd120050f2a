import { GRADES, type Grade } from '../../domain/grades.js';
import { densityOf, reelWeightKg } from './reel-weight.js';
import type { PlanInputJson } from './schema.js';

/**
 * Seeded random mixed loads for the benchmark and the tests: 2–6 offer lines, one reel size
 * each, diameters 900–1,500 mm in the 50 mm steps mills quote, widths 800–2,500 mm in
 * 10 mm steps, grades from the whole table, 5–60 t a line as a whole number of reels (2 to
 * some 160 reels a line, 23 at the median; 12–350 reels a load, 111 at the median).
 */

export type Random = () => number;

/** mulberry32: small, fast and the same on every platform for a seed. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max]. */
export function between(rand: Random, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

export interface LineSpec {
  readonly tonnes?: readonly [number, number];
  readonly count?: number;
}

function randomLine(rand: Random, id: string, spec: LineSpec): PlanInputJson['reels'][number] {
  const diameter = between(rand, 18, 30) * 50;
  const width = between(rand, 80, 250) * 10;
  const grade: Grade = GRADES[between(rand, 0, GRADES.length - 1)]!;
  const [lo, hi] = spec.tonnes ?? [5, 60];
  const weight = reelWeightKg(diameter, width, null, densityOf(grade));
  const count = spec.count ?? Math.max(1, Math.round((between(rand, lo, hi) * 1000) / weight));
  return { id, diameter_mm: diameter, width_mm: width, grade, count, offer_line_id: id, core_mm: null, weight_kg: null };
}

/** One mixed load of 2–6 offer lines. */
export function randomLoad(rand: Random, name: string): PlanInputJson {
  const lines = between(rand, 2, 6);
  return { reels: Array.from({ length: lines }, (_, i) => randomLine(rand, `${name}-L${i + 1}`, {})) };
}

export function randomLoads(seed: number, n: number): PlanInputJson[] {
  const rand = seeded(seed);
  return Array.from({ length: n }, (_, i) => randomLoad(rand, `load${i + 1}`));
}

/** A load of exactly `reels` reels over six offer lines, for timing. */
export function loadOfSize(seed: number, reels: number): PlanInputJson {
  const rand = seeded(seed);
  const cuts = [0, ...Array.from({ length: 5 }, () => between(rand, 1, reels - 1)).sort((a, b) => a - b), reels];
  const counts = cuts.slice(1).map((c, i) => c - cuts[i]!).map((c) => Math.max(c, 0));
  const lines = counts.map((count, i) => randomLine(rand, `big${seed}-L${i + 1}`, { count })).filter((l) => (l.count ?? 0) > 0);
  return { reels: lines };
}
