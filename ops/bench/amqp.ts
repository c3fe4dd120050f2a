import { connect } from 'amqplib';
import { createLogger } from '../../actors/common/log.js';
import { Outbox } from '../../actors/mailbox/outbox.js';
import { AmqpTransport } from '../../actors/transport/amqp.js';
import { deleteTopology } from '../../actors/transport/amqp-wire.js';
import { names } from '../../actors/transport/names.js';
import { RedisTransport } from '../../actors/transport/redis.js';
import type { Sql } from '../../db/client.js';
import type { BenchFigure } from './figure.js';
import { awaitProbes } from './probes.js';
import { benchEnv, createBenchDatabase, percentile, startBenchProcess, waitUntil, type BenchProcess } from './setup.js';

/**
 * Worker pools: end-to-end messages/s with 1, 2 and 3 worker processes over RabbitMQ, and
 * latency at a steady 1,000/s, beside the Redis path measured the same way (one worker).
 * End to end: the producer's send (mailbox insert, notice) to the row marked done after
 * the housekeeping actor wrote its probe. All processes share this machine's cores with
 * PostgreSQL, Redis and RabbitMQ, so more workers add contention as well as hands.
 */
const TOTAL = 20_000;
const RATE = 1_000;
const RATE_SECONDS = 10;
const SHARDS = 8;
const AMQP_URL = process.env.BENCH_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const log = createLogger('bench', 'warn');

interface Wire {
  label: string;
  workers: number;
  env: Record<string, string>;
}

const WIRES: Wire[] = [
  { label: 'redis_path.workers_1', workers: 1, env: { TRANSPORT: 'redis' } },
  ...[1, 2, 3].map((workers) => ({ label: `workers_${workers}`, workers, env: { TRANSPORT: 'amqp', AMQP_URL, AMQP_SHARDS: String(SHARDS) } })),
];

async function throughput(sql: Sql, outbox: Outbox, label: string): Promise<BenchFigure> {
  const note = `${label}.throughput`;
  const start = Date.now();
  for (let sent = 0; sent < TOTAL; sent += 2_000) {
    const sentAt = new Date().toISOString();
    await Promise.all(Array.from({ length: Math.min(2_000, TOTAL - sent) }, () => outbox.send('housekeeping', 'recordProbe', { note, sentAt })));
  }
  const last = await awaitProbes(sql, note, TOTAL);
  return { bench: `amqp.${note}`, value: (TOTAL * 1000) / (last - start), unit: 'messages/s' };
}

async function atRate(sql: Sql, outbox: Outbox, label: string): Promise<BenchFigure[]> {
  const note = `${label}.at_1000_per_s`;
  const sends: Promise<unknown>[] = [];
  const start = Date.now();
  for (let tick = 0; tick < RATE_SECONDS * 100; tick++) {
    const due = start + tick * 10;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    for (let i = 0; i < RATE / 100; i++) sends.push(outbox.send('housekeeping', 'recordProbe', { note, sentAt: new Date().toISOString() }));
  }
  await Promise.all(sends);
  await awaitProbes(sql, note, sends.length);
  const rows = await sql<{ ms: number }[]>`
    select extract(epoch from finished_at - (payload->>'sentAt')::timestamptz) * 1000 as ms
    from mailbox where payload->>'note' = ${note} and state = 'done' order by 1`;
  const ms = rows.map((r) => Number(r.ms));
  return [50, 99].map((p) => ({ bench: `amqp.${note}.p${p}`, value: percentile(ms, p), unit: 'ms' }));
}

/** Every worker's consumer is on the actor's queue: measuring starts with the whole pool. */
async function awaitConsumers(prefix: string, workers: number): Promise<void> {
  const conn = await connect(AMQP_URL);
  try {
    const ch = await conn.createChannel();
    await waitUntil(async () => (await ch.checkQueue(names(prefix).queue('housekeeping'))).consumerCount === workers, 60_000, `${workers} consumers`);
  } finally {
    await conn.close();
  }
}

async function removeTopology(prefix: string): Promise<void> {
  const conn = await connect(AMQP_URL);
  await deleteTopology(await conn.createChannel(), names(prefix), SHARDS).finally(() => conn.close());
}

async function measure(wire: Wire): Promise<BenchFigure[]> {
  const db = await createBenchDatabase();
  const env = benchEnv(db.url, { ...wire.env, METRICS_PORT_WORKER: '0' });
  const prefix = env.KEY_PREFIX as string;
  const amqp = wire.env.TRANSPORT === 'amqp';
  const transport = amqp
    ? new AmqpTransport({ url: AMQP_URL, redisUrl: env.REDIS_URL as string, names: names(prefix), shards: SHARDS, log })
    : new RedisTransport(env.REDIS_URL as string, names(prefix), log);
  const pool: BenchProcess[] = [];
  try {
    for (let i = 0; i < wire.workers; i++) pool.push(await startBenchProcess('worker', { ...env, WORKER_ID: `bench-${i}` }));
    if (amqp) await awaitConsumers(prefix, wire.workers);
    const outbox = new Outbox(db.sql, transport);
    return [await throughput(db.sql, outbox, wire.label), ...await atRate(db.sql, outbox, wire.label)];
  } finally {
    await Promise.all(pool.map((p) => p.stop()));
    await transport.close();
    if (amqp) await removeTopology(prefix);
    await db.drop();
  }
}

export async function run(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for (const wire of WIRES) figures.push(...await measure(wire));
  return figures;
}
