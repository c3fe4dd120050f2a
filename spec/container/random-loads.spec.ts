import { describe, expect, it } from 'vitest';
import { planContainers, planContext, planProblems } from '../../actors/container/plan/index.js';
import { loadOfSize, randomLoads, seeded } from '../../actors/container/plan/random-loads.js';

describe('seeded random loads', () => {
  it('are the same for a seed, and differ between seeds', () => {
    expect(randomLoads(7, 5)).toEqual(randomLoads(7, 5));
    expect(randomLoads(7, 5)).not.toEqual(randomLoads(8, 5));
    expect(Array.from({ length: 3 }, seeded(1))).toEqual(Array.from({ length: 3 }, seeded(1)));
  });

  it('have 2–6 offer lines of 900–1,500 mm reels, 800–2,500 mm wide', () => {
    for (const load of randomLoads(11, 200)) {
      expect(load.reels.length).toBeGreaterThanOrEqual(2);
      expect(load.reels.length).toBeLessThanOrEqual(6);
      for (const r of load.reels) {
        expect(r.diameter_mm).toBeGreaterThanOrEqual(900);
        expect(r.diameter_mm).toBeLessThanOrEqual(1500);
        expect(r.width_mm).toBeGreaterThanOrEqual(800);
        expect(r.width_mm).toBeLessThanOrEqual(2500);
      }
    }
  });

  it('make loads of an exact size', () => {
    expect(loadOfSize(3, 500).reels.reduce((n, r) => n + (r.count ?? 1), 0)).toBe(500);
  });

  it('plan, and every plan passes its own check again', () => {
    for (const load of randomLoads(2026, 100)) {
      const plan = planContainers(load);
      expect(planProblems(plan, planContext(load))).toEqual([]);
      expect(plan.unplaced.length === 0 || plan.unplaced.every((u) => /door/.test(u.reason))).toBe(true);
      if (plan.boxes.length > Math.max(plan.lower_bound.weight, plan.lower_bound.floor, plan.lower_bound.joint)) expect(plan.explanation).toMatch(/lower bound/);
    }
  });
});
