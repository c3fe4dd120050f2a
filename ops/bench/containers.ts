import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { planContainers } from '../../actors/container/plan/index.js';
import { loadOfSize, randomLoads } from '../../actors/container/plan/random-loads.js';
import type { Plan, PlanInputJson } from '../../actors/container/plan/schema.js';
import type { BenchFigure } from './figure.js';

/**
 * Container planning, single core: 1,000 seeded mixed loads (random-loads.ts) with every
 * default box type allowed: the share of plans that meet the larger lower bound as the plan
 * reports it, and as the brief words it (weight at the largest payload allowed: a 20ft's
 * 28,200 kg, which no 20ft floor of paper reels reaches), the same loads with 40ft and
 * 40ft-hc only (where the two bounds agree), mean fills, and the time per plan: per load,
 * and per 500-reel load (wall clock, and CPU time, which a busy machine inflates less).
 */
const SEED = 20_261_204;
const LOADS = 1_000;
const BIG_LOADS = 20;
const BIG_REELS = 500;

/** DOMAIN.md's bound: the larger of ceil(total weight / payload) and the floor bound. */
const literalBound = (plan: Plan): number => Math.max(plan.lower_bound.weight, plan.lower_bound.floor);
/** The sharpest bound the plan reports (the joint bound counts what a floor can carry). */
const sharpestBound = (plan: Plan): number => Math.max(literalBound(plan), plan.lower_bound.joint);

interface Run { plans: Plan[]; ms: number }

function planAll(loads: readonly PlanInputJson[], boxes: readonly string[]): Run {
  const start = performance.now();
  const plans = loads.map((load) => planContainers({ ...load, boxes: [...boxes] }));
  return { plans, ms: (performance.now() - start) / loads.length };
}

const share = (plans: readonly Plan[], ok: (p: Plan) => boolean): number =>
  Math.round((plans.filter(ok).length / plans.length) * 1000) / 1000;

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;

function timeBigLoads(): { wall: number[]; cpu: number[] } {
  for (let seed = 1; seed <= 3; seed++) planContainers(loadOfSize(SEED + 1000 + seed, BIG_REELS));
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let seed = 1; seed <= BIG_LOADS; seed++) {
    const load = loadOfSize(SEED + seed, BIG_REELS);
    const [t, c] = [performance.now(), process.cpuUsage()];
    planContainers(load);
    const used = process.cpuUsage(c);
    wall.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

export async function run(): Promise<BenchFigure[]> {
  const loads = randomLoads(SEED, LOADS);
  const all = ['20ft', '40ft', '40ft-hc'];
  const no20 = ['40ft', '40ft-hc'];
  const every = planAll(loads, all);
  const forties = planAll(loads, no20);
  const fills = every.plans.flatMap((p) => p.boxes);
  const big = timeBigLoads();
  return [
    { bench: 'containers.meets_lower_bound', value: share(every.plans, (p) => p.boxes.length <= literalBound(p)), unit: 'ratio' },
    { bench: 'containers.meets_joint_bound', value: share(every.plans, (p) => p.boxes.length <= sharpestBound(p)), unit: 'ratio' },
    { bench: 'containers.meets_lower_bound.40ft_only', value: share(forties.plans, (p) => p.boxes.length <= literalBound(p)), unit: 'ratio' },
    { bench: 'containers.mean_payload_fill', value: round(mean(fills.map((b) => b.payload_fill)), 3), unit: 'ratio' },
    { bench: 'containers.mean_floor_fill', value: round(mean(fills.map((b) => b.floor_fill)), 3), unit: 'ratio' },
    { bench: 'containers.ms_per_plan', value: round(every.ms, 2), unit: 'ms' },
    { bench: 'containers.ms_per_500_reels', value: round(mean(big.wall), 1), unit: 'ms' },
    { bench: 'containers.ms_per_500_reels.max', value: round(Math.max(...big.wall), 1), unit: 'ms' },
    { bench: 'containers.cpu_ms_per_500_reels', value: round(mean(big.cpu), 1), unit: 'ms' },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const figure of await run()) process.stdout.write(`${JSON.stringify(figure)}\n`);
}
