import { describe, expect, it } from 'vitest';
import { planContainers, type PlanInputJson } from '../../actors/container/plan/index.js';

type Reels = PlanInputJson['reels'];
const line = (count: number, width = 2200, weight: number | null = 1883, extra = {}): Reels[number] =>
  ({ id: `r${count}-${width}-${weight}`, diameter_mm: 1250, width_mm: width, weight_kg: weight, count, ...extra });

describe('lower bounds', () => {
  it.each<[string, Reels, string[], Record<string, unknown>, { weight: number; floor: number; joint: number }]>([
    ['a 40ft floor of heavy reels: weight binds', [line(18)], ['40ft'], {}, { weight: 2, floor: 1, joint: 2 }],
    ['one reel more than a floor', [line(19)], ['40ft'], {}, { weight: 2, floor: 2, joint: 2 }],
    ['stacked pairs take half the floor', [line(36, 1100, 900)], ['40ft'], {}, { weight: 2, floor: 1, joint: 2 }],
    ['light reels: 20 t over 26.7 t is one box, but the floor caps what a box carries', [line(40, 2000, 500)], ['40ft'], {}, { weight: 1, floor: 3, joint: 3 }],
    ['a 20ft: its 28,200 kg count in the weight bound, what its floor carries in the joint one', [line(29)], ['20ft', '40ft'], {}, { weight: 2, floor: 2, joint: 3 }],
    ['the road limit caps the payload', [line(18)], ['40ft'], { road_limit_kg: 20000 }, { weight: 2, floor: 1, joint: 2 }],
    ['unplaced reels count for nothing', [line(18), line(3, 2700)], ['40ft'], {}, { weight: 2, floor: 1, joint: 2 }],
    ['no reels', [], ['40ft'], {}, { weight: 0, floor: 0, joint: 0 }],
  ])('%s', (_, reels, boxes, options, expected) => {
    expect(planContainers({ reels, boxes, options }).lower_bound).toEqual(expected);
  });
});

describe('a plan above the larger bound says why', () => {
  it('names separate loading points', () => {
    const reels = ['Mill A', 'Mill B', 'Mill C'].map((p, i) => ({ ...line(5), id: `lp${i}`, loading_point: p }));
    const plan = planContainers({ reels, boxes: ['40ft'] });
    expect(plan.boxes).toHaveLength(3);
    expect(plan.lower_bound).toEqual({ weight: 2, floor: 1, joint: 2 });
    expect(plan.explanation).toMatch(/3 boxes for a lower bound of 2: reels from 3 loading points may not share a box/);
  });

  it('is null where the plan meets the bound', () => {
    expect(planContainers({ reels: [line(18)], boxes: ['40ft'] }).explanation).toBeNull();
  });

  it('names the limits where the reels cannot be split to the bound', () => {
    // 45,000 kg against 2 × 26,700 kg, but three 9,000 kg reels are above one payload.
    const plan = planContainers({ reels: [line(5, 2200, 9000)], boxes: ['40ft'] });
    expect(plan.lower_bound.weight).toBe(2);
    expect(plan.boxes).toHaveLength(3);
    expect(plan.explanation).toMatch(/^3 boxes for a lower bound of 2: the reels take 1\.69 boxes of payload .* reels of up to 9000 kg/);
  });
});
