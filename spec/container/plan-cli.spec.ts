import { describe, expect, it } from 'vitest';
import { planContainers, type PlanInputJson } from '../../actors/container/plan/index.js';
import { runPlanCli } from '../../ops/cli/plan.js';

const good: PlanInputJson = { reels: [{ id: 'a', diameter_mm: 1250, width_mm: 2200, weight_kg: 1883, core_mm: 76, grade: 'testliner-3', count: 18, loading_point: null }], boxes: ['20ft', '40ft', '40ft-hc'], options: {} };

async function run(args: string[], files: Record<string, string>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runPlanCli(args, {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    read: async (f) => {
      if (!(f in files)) throw new Error(`ENOENT: no such file ${f}`);
      return files[f]!;
    },
  });
  return { code, out, err };
}

describe('npm run plan -- FILE.json', () => {
  it('prints the plan as JSON', async () => {
    const { code, out, err } = await run(['load.json'], { 'load.json': JSON.stringify(good) });
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(JSON.parse(out)).toEqual(planContainers(good));
  });

  it.each<[string, string[], Record<string, string>, RegExp]>([
    ['no file', [], {}, /^usage: npm run -s plan -- FILE\.json/],
    ['a missing file', ['nope.json'], {}, /^nope\.json: ENOENT/],
    ['not JSON', ['x.json'], { 'x.json': '{reels' }, /^x\.json: not JSON/],
    ['a reel without a diameter', ['x.json'], { 'x.json': '{"reels": [{"id": "a", "width_mm": 1000}]}' }, /B2B_PLAN_INPUT_INVALID: .*reels\.0\.diameter_mm/],
    ['an unknown box type', ['x.json'], { 'x.json': '{"reels": [], "boxes": ["60ft"]}' }, /unknown box type "60ft"/],
  ])('answers %s on stderr with exit code 2', async (_, args, files, message) => {
    const { code, out, err } = await run(args, files);
    expect({ code, out }).toEqual({ code: 2, out: '' });
    expect(err).toMatch(message);
  });
});
