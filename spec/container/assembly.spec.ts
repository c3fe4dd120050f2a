import { describe, expect, it } from 'vitest';
import { planContainers, type Plan, type PlanInputJson } from '../../actors/container/plan/index.js';

type ReelLine = PlanInputJson['reels'][number];
const reel = (id: string, count: number, extra: Partial<ReelLine> = {}): ReelLine =>
  ({ id, diameter_mm: 1250, width_mm: 2200, weight_kg: 1883, count, ...extra });

const bound = (p: Plan): number => Math.max(p.lower_bound.weight, p.lower_bound.floor, p.lower_bound.joint);
const ids = (p: Plan): string[][] => p.boxes.map((b) => [...new Set(b.reels.map((r) => r.id))].sort());
const placed = (p: Plan): number => p.boxes.reduce((n, b) => n + b.reels.length, 0);

describe('planContainers: mixed loads', () => {
  const mixed: PlanInputJson = {
    reels: [
      reel('kraftliner', 18),
      reel('fluting', 30, { diameter_mm: 1000, width_mm: 1000, weight_kg: null, grade: 'fluting' }),
      reel('testliner', 12, { diameter_mm: 1400, width_mm: 1500, weight_kg: null, grade: 'testliner-3' }),
      reel('wide', 3, { diameter_mm: 1400, width_mm: 2500, weight_kg: null }),
    ],
  };

  it('meets the larger lower bound and places every reel', () => {
    const plan = planContainers(mixed);
    expect(plan.boxes.length).toBe(bound(plan));
    expect(plan.explanation).toBeNull();
    expect(placed(plan)).toBe(63);
    expect(plan.unplaced).toEqual([]);
  });

  it('puts reels too tall for a standard door into a high-cube', () => {
    const plan = planContainers(mixed);
    for (const box of plan.boxes) if (box.reels.some((r) => r.width_mm > 2280)) expect(box.type).toBe('40ft-hc');
  });

  it('is the same plan every time', () => {
    expect(planContainers(mixed)).toEqual(planContainers(mixed));
  });

  it('fills a box to its payload, the remainder says "count"', () => {
    const plan = planContainers({ reels: [reel('a', 18)], boxes: ['40ft'] });
    expect(plan.boxes.map((b) => [b.reels.length, b.binding])).toEqual([[14, 'weight'], [4, 'count']]);
    expect(plan.boxes[0]!.payload_fill).toBeCloseTo(26362 / 26700, 4);
  });

  it.each<[string, Partial<ReelLine>, string[], string]>([
    ['a full floor of light reels binds on the floor', { width_mm: 2000, weight_kg: 500 }, ['40ft', '40ft-hc'], 'floor'],
    ['reels a high-cube would stack two high bind on height', { width_mm: 1300, weight_kg: 500 }, ['40ft', '40ft-hc'], 'height'],
  ])('%s', (_, extra, boxes, binding) => {
    const plan = planContainers({ reels: [reel('a', 18, extra)], boxes });
    expect(plan.boxes.map((b) => [b.type, b.reels.length, b.binding])).toEqual([['40ft', 18, binding]]);
  });
});

describe('planContainers: loading points', () => {
  const reels = [reel('a', 5, { loading_point: 'Mill A' }), reel('b', 5, { loading_point: 'Mill B' })];

  it('keeps reels from different loading points in separate boxes by default', () => {
    const plan = planContainers({ reels, boxes: ['40ft'] });
    expect(ids(plan)).toEqual([['a'], ['b']]);
  });

  it('lets them share a box where the options allow', () => {
    const plan = planContainers({ reels, boxes: ['40ft'], options: { mix_loading_points: true } });
    expect(ids(plan)).toEqual([['a', 'b']]);
  });
});

describe('planContainers: limits', () => {
  it('keeps every box under the road limit', () => {
    const plan = planContainers({ reels: [reel('a', 30)], boxes: ['40ft'], options: { road_limit_kg: 20000 } });
    expect(plan.boxes).toHaveLength(3);
    for (const box of plan.boxes) expect(box.weight_kg).toBeLessThanOrEqual(20000);
    expect(plan.boxes[0]!.payload_fill).toBeCloseTo((10 * 1883) / 20000, 4);
  });

  it.each<[string, number, string[], RegExp]>([
    ['above every door', 2700, ['20ft', '40ft', '40ft-hc'], /width 2700 mm above the 2585 mm door/],
    ['above a standard door where no high-cube is allowed', 2400, ['20ft', '40ft'], /40ft: width 2400 mm above the 2280 mm door/],
  ])('reports a reel %s as unplaced, and plans the rest', (_, width, boxes, reason) => {
    const plan = planContainers({ reels: [reel('ok', 4), reel('tall', 2, { width_mm: width })], boxes });
    expect(plan.unplaced).toEqual([{ id: 'tall', count: 2, reason: expect.stringMatching(reason) }]);
    expect(placed(plan)).toBe(4);
  });

  it('never stacks reels heavier together than a payload', () => {
    const plan = planContainers({ reels: [reel('heavy', 3, { width_mm: 1000, weight_kg: 14000 })], boxes: ['40ft'] });
    expect(plan.boxes.map((b) => b.reels.length)).toEqual([1, 1, 1]);
    expect(plan.explanation).toMatch(/reels of up to 14000 kg/);
  });

  it('reports a reel heavier than any payload as unplaced', () => {
    const plan = planContainers({ reels: [reel('heavy', 1, { weight_kg: 30000 })] });
    expect(plan.unplaced[0]!.reason).toMatch(/weight 30000 kg above the 26500 kg payload/);
    expect(plan.boxes).toEqual([]);
  });
});

describe('planContainers: box types', () => {
  it('takes a 20ft where it holds what a 40ft would', () => {
    expect(planContainers({ reels: [reel('a', 4)] }).boxes.map((b) => b.type)).toEqual(['20ft']);
  });

  it('takes a 40ft where one holds what would need two 20ft', () => {
    expect(planContainers({ reels: [reel('a', 12)] }).boxes.map((b) => b.type)).toEqual(['40ft']);
  });

  it('uses a box type defined in the input', () => {
    const long = { type: '45ft', length_mm: 13556, width_mm: 2352, height_mm: 2698, door_height_mm: 2585, payload_kg: 27600 };
    const plan = planContainers({ reels: [reel('a', 14, { weight_kg: 1900 })], boxes: ['45ft'], box_types: [long] });
    expect(plan.boxes.map((b) => [b.type, b.reels.length])).toEqual([['45ft', 14]]);
  });
});

describe('planContainers: input it cannot plan', () => {
  it.each<[string, unknown, RegExp]>([
    ['an unknown box type', { reels: [reel('a', 1)], boxes: ['53ft'] }, /unknown box type "53ft"/],
    ['a box type twice', { reels: [reel('a', 1)], boxes: ['40ft', '40ft'] }, /listed twice/],
    ['two reel lines with one id', { reels: [reel('a', 1), reel('a', 2)] }, /reel id "a" is used by two reel lines/],
    ['a negative diameter', { reels: [reel('a', 1, { diameter_mm: -5 })] }, /reels\.0\.diameter_mm/],
    ['a core as wide as the reel', { reels: [reel('a', 1, { core_mm: 1250 })] }, /core_mm must be smaller than diameter_mm/],
    ['an unknown grade', { reels: [reel('a', 1, { grade: 'cardboard' as never })] }, /reels\.0\.grade/],
    ['an unknown field', { reels: [reel('a', 1)], extra: true }, /extra/],
  ])('rejects %s with B2B_PLAN_INPUT_INVALID', (_, input, message) => {
    expect(() => planContainers(input as PlanInputJson)).toThrow(expect.objectContaining({ code: 'B2B_PLAN_INPUT_INVALID', message: expect.stringMatching(message) }));
  });
});
