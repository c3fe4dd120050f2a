import { describe, expect, it } from 'vitest';
import { planContainers } from '../../actors/container/plan/index.js';
import { DEFAULT_CORE_MM, DEFAULT_DENSITIES, densityOf, reelWeightKg } from '../../actors/container/plan/reel-weight.js';

describe('reelWeightKg: π/4 × (D² − core²) × width × density', () => {
  it.each([
    // diameter, width, core, density, kg
    [1250, 2200, 76, 0.7, 1883],
    [1250, 2200, null, 0.7, 1883],
    [1000, 1000, 76, 0.7, 547],
    [1000, 1000, 150, 0.7, 537],
    [1500, 2500, 76, 0.7, 3085],
    [1250, 1680, 76, 0.65, 1335],
    [1100, 1500, 76, 1.1, 1561],
  ])('D %i, width %i, core %s, %f t/m³ → %i kg', (d, w, core, density, kg) => {
    expect(reelWeightKg(d, w, core, density)).toBe(kg);
  });

  it('takes a 3" core where none is stated', () => {
    expect(DEFAULT_CORE_MM).toBe(76);
  });
});

describe('densities', () => {
  it.each([
    ['testliner-3', 0.7],
    ['kraftliner', 0.7],
    ['fluting', 0.7],
    ['newsprint', 0.65],
    ['wfu', 0.8],
    ['wfc', 1.1],
    [null, 0.7],
  ] as const)('%s → %f t/m³', (grade, density) => {
    expect(densityOf(grade)).toBe(density);
  });

  it('has a figure for every grade, between bulky board and coated paper', () => {
    for (const density of Object.values(DEFAULT_DENSITIES)) {
      expect(density).toBeGreaterThanOrEqual(0.6);
      expect(density).toBeLessThanOrEqual(1.1);
    }
  });

  it('takes a configured figure over the default', () => {
    expect(densityOf('newsprint', { newsprint: 0.9 })).toBe(0.9);
  });
});

describe('reel weights in a plan', () => {
  const weightOf = (reel: Record<string, unknown>, options = {}): number =>
    planContainers({ reels: [{ id: 'r', diameter_mm: 1250, width_mm: 2200, ...reel }], options }).boxes[0]!.reels[0]!.weight_kg;

  it.each([
    ['a stated weight is kept', { weight_kg: 1700 }, {}, 1700],
    ['no grade: containerboard', {}, {}, 1883],
    ['the grade\'s density', { grade: 'wfc' }, {}, 2959],
    ['a configured density', { grade: 'newsprint' }, { densities: { newsprint: 0.7 } }, 1883],
    ['a larger core', { core_mm: 150 }, {}, 1863],
  ])('%s', (_, reel, options, kg) => {
    expect(weightOf(reel, options)).toBe(kg);
  });
});
