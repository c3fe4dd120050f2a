import { Agent, request } from 'node:http';
import autocannon from 'autocannon';
import { createLogger } from '../../actors/common/log.js';
import { Outbox } from '../../actors/mailbox/outbox.js';
import { names } from '../../actors/transport/names.js';
import { RedisTransport } from '../../actors/transport/redis.js';
import { createApiKey } from '../../db/api-keys.js';
import type { Sql } from '../../db/client.js';
import type { BenchFigure } from './figure.js';
import { awaitProbes } from './probes.js';
import { machineFigures } from './machine.js';
import { benchEnv, createBenchDatabase, freePort, percentile, startBenchProcess } from './setup.js';

/**
 * The whole path, end to end, with the worker and the gateway as real processes: a message
 * written to the mailbox, announced on Redis, claimed, handled by the housekeeping actor
 * (one `probes` row), and marked done. Latency is from the send (the producer's call, or
 * the gateway taking the request) to the completion, both on this machine's clock.
 */
const TOTAL = 20_000;
const RATE = 1_000;
const RATE_SECONDS = 10;

async function latencies(sql: Sql, note: string): Promise<BenchFigure[]> {
  const rows = await sql<{ ms: number }[]>`
    select extract(epoch from finished_at - (payload->>'sentAt')::timestamptz) * 1000 as ms
    from mailbox where payload->>'note' = ${note} and state = 'done' order by 1`;
  const ms = rows.map((r) => Number(r.ms));
  return [
    { bench: `${note}.p50`, value: percentile(ms, 50), unit: 'ms' },
    { bench: `${note}.p99`, value: percentile(ms, 99), unit: 'ms' },
  ];
}

async function directThroughput(sql: Sql, outbox: Outbox): Promise<BenchFigure> {
  const note = 'send.throughput';
  const start = Date.now();
  const window = 2_000;
  for (let sent = 0; sent < TOTAL; sent += window) {
    const sentAt = new Date().toISOString();
    await Promise.all(Array.from({ length: Math.min(window, TOTAL - sent) }, () => outbox.send('housekeeping', 'recordProbe', { note, sentAt })));
  }
  const last = await awaitProbes(sql, note, TOTAL);
  return { bench: 'mailbox.send.throughput', value: (TOTAL * 1000) / (last - start), unit: 'messages/s' };
}

/** Calls `fire` RATE times a second for RATE_SECONDS, evenly: RATE / 100 every 10 ms, never in bursts. */
async function paced(fire: () => Promise<unknown>): Promise<number> {
  const calls: Promise<unknown>[] = [];
  const start = Date.now();
  for (let tick = 0; tick < RATE_SECONDS * 100; tick++) {
    const due = start + tick * 10;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    for (let i = 0; i < RATE / 100; i++) calls.push(fire());
  }
  await Promise.all(calls);
  return calls.length;
}

async function directAtRate(sql: Sql, outbox: Outbox): Promise<BenchFigure[]> {
  const note = 'send.at_1000_per_s';
  const sent = await paced(() => outbox.send('housekeeping', 'recordProbe', { note, sentAt: new Date().toISOString() }));
  await awaitProbes(sql, note, sent);
  return (await latencies(sql, note)).map((f) => ({ ...f, bench: `mailbox.${f.bench}` }));
}

async function httpThroughput(sql: Sql, url: string, key: string): Promise<BenchFigure> {
  const note = 'http.throughput';
  const start = Date.now();
  await autocannon({ url, method: 'POST', connections: 64, amount: TOTAL, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ note }) });
  const last = await awaitProbes(sql, note, TOTAL);
  return { bench: 'mailbox.http.throughput', value: (TOTAL * 1000) / (last - start), unit: 'messages/s' };
}

/** One POST over a kept-alive connection; resolves with the status. */
function post(agent: Agent, url: URL, key: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function httpAtRate(sql: Sql, url: string, key: string): Promise<BenchFigure[]> {
  const note = 'http.at_1000_per_s';
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const target = new URL(url);
  const body = JSON.stringify({ note });
  let accepted = 0;
  await paced(async () => { if ((await post(agent, target, key, body)) === 202) accepted++; });
  agent.destroy();
  await awaitProbes(sql, note, accepted);
  return (await latencies(sql, note)).map((f) => ({ ...f, bench: `mailbox.${f.bench}` }));
}

export async function run(): Promise<BenchFigure[]> {
  const db = await createBenchDatabase();
  const figures: BenchFigure[] = [];
  const port = await freePort();
  const env = benchEnv(db.url, { PORT: String(port) });
  const worker = await startBenchProcess('worker', env);
  const gateway = await startBenchProcess('gateway', env);
  const transport = new RedisTransport(env.REDIS_URL as string, names(env.KEY_PREFIX as string), createLogger('bench', 'warn'));
  try {
    const outbox = new Outbox(db.sql, transport);
    figures.push(await directThroughput(db.sql, outbox), ...await directAtRate(db.sql, outbox));
    const { key } = await createApiKey(db.sql, { name: 'bench', role: 'operator' });
    const url = `http://127.0.0.1:${port}/ops/probes`;
    figures.push(await httpThroughput(db.sql, url, key), ...await httpAtRate(db.sql, url, key));
    // Last: their million rows would leave PostgreSQL checkpointing under the figures above.
    return [...await machineFigures(db.sql), ...figures];
  } finally {
    await gateway.stop();
    await worker.stop();
    await transport.close();
    await db.drop();
  }
}
