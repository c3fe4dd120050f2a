import { randomUUID } from 'node:crypto';
import { randomLoads } from '../../actors/container/plan/random-loads.js';
import type { PlanInputJson } from '../../actors/container/plan/schema.js';
import { createApiKey } from '../../db/api-keys.js';
import type { Sql } from '../../db/client.js';
import type { BenchFigure } from './figure.js';
import { benchEnv, createBenchDatabase, freePort, percentile, startBenchProcess } from './setup.js';

/**
 * Container plans through the API, end to end, with the gateway and the worker as real
 * processes: a buyer posts 2–6 open offer lines (the planner benchmark's seeded mixed loads,
 * stored as offers) with `Prefer: wait=30`; the gateway resolves them under the buyer's
 * visibility and stores the request, the container actor plans it, and the answer carries
 * the plan. Round trips one at a time (latency), then eight clients at once (plans/s).
 */
const SEQUENTIAL = 200;
const CONCURRENT = 400;
const CLIENTS = 8;

/** Each load's lines as open offers of one mill; returns the request bodies. */
async function seedOffers(sql: Sql, loads: readonly PlanInputJson[]): Promise<object[]> {
  const bodies: object[] = [];
  for (const load of loads) {
    const millId = randomUUID();
    await sql`insert into mills (id, name, country) values (${millId}, ${`Mill ${millId.slice(0, 8)}`}, 'DE')`;
    const rows = load.reels.map((r) => ({
      id: randomUUID(), grade: r.grade ?? 'testliner-3', gsm: 125, width_mm: r.width_mm, diameter_mm: r.diameter_mm,
      core_mm: 76, reels: r.count ?? 1, incoterm: 'FCA', incoterm_place: 'mill', mill_id: millId, source: 'bench',
    }));
    await sql`insert into offers ${sql(rows as never)}`;
    bodies.push({ offers: rows.map((o) => ({ offer_id: o.id })) });
  }
  return bodies;
}

async function planOnce(url: string, key: string, body: object): Promise<number> {
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST', body: JSON.stringify(body),
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', prefer: 'wait=30' },
  });
  const answer = await res.json() as { status?: string };
  if (res.status !== 200 || answer.status !== 'planned') throw new Error(`plan answered ${res.status}: ${JSON.stringify(answer).slice(0, 300)}`);
  return performance.now() - started;
}

async function sequential(url: string, key: string, bodies: readonly object[]): Promise<BenchFigure[]> {
  const ms: number[] = [];
  for (const body of bodies) ms.push(await planOnce(url, key, body));
  ms.sort((a, b) => a - b);
  return [
    { bench: 'containers.api.wait.p50', value: percentile(ms, 50), unit: 'ms' },
    { bench: 'containers.api.wait.p99', value: percentile(ms, 99), unit: 'ms' },
  ];
}

async function concurrent(url: string, key: string, bodies: readonly object[]): Promise<BenchFigure> {
  let next = 0;
  const started = performance.now();
  const client = async () => {
    while (next < bodies.length) await planOnce(url, key, bodies[next++]!);
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return { bench: `containers.api.throughput.${CLIENTS}_clients`, value: (bodies.length * 1000) / (performance.now() - started), unit: 'plans/s' };
}

async function plannerShare(sql: Sql): Promise<BenchFigure[]> {
  const [r] = await sql<{ mean: number; reels: number }[]>`
    select avg(duration_ms)::float8 as mean,
      avg((select sum((l->>'count')::int) from jsonb_array_elements(input->'reels') l))::float8 as reels
    from container_plans where status = 'planned'`;
  return [
    { bench: 'containers.api.planner.mean', value: r!.mean, unit: 'ms' },
    { bench: 'containers.api.reels_per_plan', value: r!.reels, unit: 'reels' },
  ];
}

export async function run(): Promise<BenchFigure[]> {
  const db = await createBenchDatabase();
  const port = await freePort();
  const env = benchEnv(db.url, { PORT: String(port), METRICS_PORT_WORKER: '0', METRICS_PORT_SCHEDULER: '0' });
  const worker = await startBenchProcess('worker', env);
  const gateway = await startBenchProcess('gateway', env);
  try {
    const buyerId = randomUUID();
    await db.sql`insert into buyers (id, name, country) values (${buyerId}, 'Bench buyer', 'DE')`;
    const { key } = await createApiKey(db.sql, { name: 'bench', role: 'buyer', buyerId });
    const bodies = await seedOffers(db.sql, randomLoads(20_260_101, SEQUENTIAL + CONCURRENT));
    const url = `http://127.0.0.1:${port}/containers/plans`;
    const figures = await sequential(url, key, bodies.slice(0, SEQUENTIAL));
    figures.push(await concurrent(url, key, bodies.slice(SEQUENTIAL)), ...await plannerShare(db.sql));
    return figures;
  } finally {
    await gateway.stop();
    await worker.stop();
    await db.drop();
  }
}
