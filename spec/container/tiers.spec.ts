import { describe, expect, it } from 'vitest';
import type { Reel } from '../../actors/container/plan/reels.js';
import { buildStacks } from '../../actors/container/plan/tiers.js';

const reel = (id: string, diameter: number, width: number, weight = width): Reel =>
  ({ id, diameter, width, weight, offerLineId: null, loadingPoint: null });

/** Widths per stack, bottom first, stacks in a stable order. */
const shape = (reels: Reel[], height: number): number[][] =>
  buildStacks(reels, height).map((s) => s.reels.map((r) => r.width)).sort((a, b) => b[0]! - a[0]! || b.length - a.length);

describe('buildStacks: as many tiers as the inside height allows', () => {
  it.each([
    ['two narrow reels stand one on another', [1100, 1100], 2393, [[1100, 1100]]],
    ['two that would pass the roof stand apart', [1250, 1200], 2393, [[1250], [1200]]],
    ['the same two stack in a high-cube', [1250, 1200], 2698, [[1250, 1200]]],
    ['three narrow reels in a high-cube', [850, 850, 850], 2698, [[850, 850, 850]]],
    ['a wide reel takes the narrowest that fits on it', [1600, 1400, 790, 700], 2393, [[1600, 790], [1400, 700]]],
    ['a reel too wide for any partner stands alone', [2200, 900], 2393, [[2200], [900]]],
  ])('%s', (_, widths, height, expected) => {
    expect(shape(widths.map((w, i) => reel(`r${i}`, 1000, w)), height)).toEqual(expected);
  });

  it('stacks only reels of the same diameter', () => {
    const stacks = buildStacks([reel('a', 1000, 1000), reel('b', 1100, 1000)], 2393);
    expect(stacks.map((s) => s.reels.length)).toEqual([1, 1]);
  });

  it('puts the heavier reel at the bottom', () => {
    const [stack] = buildStacks([reel('light', 1000, 1100, 500), reel('heavy', 1000, 1000, 900)], 2393);
    expect(stack!.reels.map((r) => r.id)).toEqual(['heavy', 'light']);
  });

  it('adds up height and weight', () => {
    const [stack] = buildStacks([reel('a', 1000, 1100, 600), reel('b', 1000, 1000, 500)], 2393);
    expect({ height: stack!.height, weight: stack!.weight, diameter: stack!.diameter }).toEqual({ height: 2100, weight: 1100, diameter: 1000 });
  });
});
