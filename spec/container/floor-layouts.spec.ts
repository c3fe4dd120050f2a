import { describe, expect, it } from 'vitest';
import { DEFAULT_BOX_TYPES } from '../../actors/container/plan/box-types.js';
import { floorCapacity } from '../../actors/container/plan/floor-layouts.js';
import { planContainers } from '../../actors/container/plan/index.js';

/**
 * The planner stands at least as many equal reels on a floor as the better of square and
 * staggered rows, counted here with their own textbook formulas, not the planner's code.
 */

/** Square rows: a grid of D × D cells. */
function square(L: number, W: number, D: number): number {
  return Math.floor(L / D) * Math.floor(W / D);
}

/** Hexagonal rows along the length: rows D·√3/2 apart, every other row shifted half a diameter. */
function hexAlong(L: number, W: number, D: number): number {
  const rows = 1 + Math.floor((W - D) / ((D * Math.sqrt(3)) / 2));
  let n = 0;
  for (let i = 0; i < rows; i++) n += Math.floor((L - (i % 2) * (D / 2)) / D);
  return n;
}

/** The same with the rows across the width. */
function hexAcross(L: number, W: number, D: number): number {
  return hexAlong(W, L, D);
}

/** Two rows against the side walls, the second set into the gaps of the first. */
function twoRowsAtWalls(L: number, W: number, D: number): number {
  if (W < D || W >= 2 * D) return 0;
  const dx = Math.sqrt(D * D - (W - D) ** 2);
  const pitch = Math.max(D, 2 * dx);
  const row = (offset: number): number => (L - D - offset < 0 ? 0 : Math.floor((L - D - offset) / pitch) + 1);
  return row(0) + row(dx);
}

const best = (L: number, W: number, D: number): number =>
  Math.max(square(L, W, D), hexAlong(L, W, D), hexAcross(L, W, D), twoRowsAtWalls(L, W, D));

const diameters = Array.from({ length: 81 }, (_, i) => 800 + i * 10);

describe.each(DEFAULT_BOX_TYPES)('equal reels on a $type floor', (box) => {
  const floor = { length: box.length_mm, width: box.width_mm };

  it.each(diameters)('D = %i mm: floor capacity ≥ the better of square and staggered rows', (d) => {
    expect(floorCapacity(d, floor)).toBeGreaterThanOrEqual(best(floor.length, floor.width, d));
  });

  it.each(diameters)('D = %i mm: the planner fills a box with at least that many', (d) => {
    const expected = best(floor.length, floor.width, d);
    const plan = planContainers({
      reels: [{ id: 'r', diameter_mm: d, width_mm: 2000, weight_kg: 1, count: expected + 3 }],
      boxes: [box.type],
    });
    expect(Math.max(...plan.boxes.map((b) => b.reels.length))).toBeGreaterThanOrEqual(expected);
  });
});

describe('textbook counts (the test formulas themselves)', () => {
  it.each([
    // L, W, D, square, staggered (best of the three staggered formulas)
    [12032, 2352, 1250, 9, 18],
    [12032, 2352, 1000, 24, 23],
    [5898, 2352, 800, 14, 20],
  ])('%i × %i, D %i: square %i, staggered %i', (L, W, D, sq, st) => {
    expect(square(L, W, D)).toBe(sq);
    expect(Math.max(hexAlong(L, W, D), hexAcross(L, W, D), twoRowsAtWalls(L, W, D))).toBe(st);
  });
});
