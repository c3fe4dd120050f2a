import { describe, expect, it } from 'vitest';
import { assertValidPlan, planContainers, planContext, planProblems, type Plan, type PlacedReel, type PlanInputJson } from '../../actors/container/plan/index.js';

const input: PlanInputJson = {
  reels: [
    { id: 'a', diameter_mm: 1250, width_mm: 2200, weight_kg: 1883, count: 4, offer_line_id: 'L1', loading_point: 'Mill A' },
    { id: 'b', diameter_mm: 1000, width_mm: 1100, weight_kg: 600, count: 4, offer_line_id: 'L2', loading_point: 'Mill B' },
  ],
  boxes: ['40ft'],
  options: { mix_loading_points: true },
};
const plan = planContainers(input);
const ctx = planContext(input);

const reels = (p: Plan): PlacedReel[] => p.boxes[0]!.reels;
const upper = (p: Plan): PlacedReel => reels(p).find((r) => r.tier === 1)!;
const first = (p: Plan, id: string): PlacedReel => reels(p).find((r) => r.id === id && r.tier === 0)!;

describe('planProblems', () => {
  it('passes the planner\'s own plan', () => {
    expect(plan.boxes).toHaveLength(1);
    expect(reels(plan).some((r) => r.tier === 1)).toBe(true);
    expect(planProblems(plan, ctx)).toEqual([]);
  });

  it.each<[string, (p: Plan) => void, RegExp]>([
    ['two reels in one place', (p) => Object.assign(first(p, 'a'), { x_mm: first(p, 'b').x_mm + 100, y_mm: first(p, 'b').y_mm }), /overlap by/],
    ['a reel through the front wall', (p) => void (first(p, 'a').x_mm = 100), /crosses a wall/],
    ['a reel through the side wall', (p) => void (first(p, 'a').y_mm = 2352 - 100), /crosses a wall/],
    ['a reel through the door', (p) => void (first(p, 'a').x_mm = 12032 - 100), /crosses a wall/],
    ['an upper tier in the air', (p) => void (upper(p).x_mm += 2000), /stands on no reel of its diameter/],
    ['an upper tier on another diameter', (p) => void (upper(p).diameter_mm = 1250), /stands on no reel of its diameter/],
    ['a stack above the roof', (p) => void (upper(p).width_mm = 1400), /2500 mm high, above 2393 mm/],
    ['a reel above the door', (p) => void (first(p, 'a').width_mm = 2300), /2300 mm wide, above the 2280 mm door/],
    ['a box above its payload', (p) => {
      first(p, 'a').weight_kg = 20000;
      p.boxes[0]!.weight_kg = reels(p).reduce((w, r) => w + r.weight_kg, 0);
    }, /kg above the 26700 kg payload/],
    ['a box weight that is not its reels\'', (p) => void (p.boxes[0]!.weight_kg += 100), /is not the reels'/],
    ['a type not allowed', (p) => void (p.boxes[0]!.type = '45ft'), /box type 45ft is not allowed/],
    ['a reel dropped', (p) => void reels(p).pop(), /reel [ab]: 3 placed or unplaced of 4/],
    ['a reel invented', (p) => void reels(p).push({ ...first(p, 'a'), id: 'zzz', y_mm: 5000 }), /reel zzz: 1 placed or unplaced of 0/],
    ['a reel reported twice', (p) => void p.unplaced.push({ id: 'a', count: 1, reason: 'test' }), /reel a: 5 placed or unplaced of 4/],
    ['a fill out of range', (p) => void (p.boxes[0]!.payload_fill = 1.5), /payload_fill/],
  ])('catches %s', (_, breakIt, problem) => {
    const broken = structuredClone(plan);
    breakIt(broken);
    expect(planProblems(broken, ctx).join('\n')).toMatch(problem);
  });

  it('catches loading points sharing a box where they may not', () => {
    const strict = planContext({ ...input, options: { mix_loading_points: false } });
    expect(planProblems(plan, strict).join('\n')).toMatch(/reels from 2 loading points share the box/);
  });

  it('tolerates half a millimetre of overlap', () => {
    const touching = structuredClone(plan);
    const [a, b] = reels(touching).filter((r) => r.id === 'a');
    touching.boxes[0]!.reels = [a!, b!];
    Object.assign(a!, { x_mm: 625, y_mm: 625 });
    Object.assign(b!, { x_mm: 625 + 1250 - 0.4, y_mm: 625 });
    expect(planProblems(touching, ctx).join('\n')).not.toMatch(/overlap/);
    b!.x_mm -= 0.2;
    expect(planProblems(touching, ctx).join('\n')).toMatch(/overlap/);
  });
});

describe('assertValidPlan', () => {
  it('throws B2B_PLAN_INVALID for a broken plan and returns a sound one', () => {
    const broken = structuredClone(plan);
    first(broken, 'a').x_mm = 0;
    expect(() => assertValidPlan(broken, ctx)).toThrow(expect.objectContaining({ code: 'B2B_PLAN_INVALID' }));
    expect(assertValidPlan(plan, ctx)).toBe(plan);
  });
});
