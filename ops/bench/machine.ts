import { Redis } from 'ioredis';
import type { Sql } from '../../db/client.js';
import type { BenchFigure } from './figure.js';
import { BENCH_REDIS_URL } from './setup.js';

/** The machine's own limits in the same sitting, so the system's figures read as a fraction of them. */
export async function machineFigures(sql: Sql): Promise<BenchFigure[]> {
  await sql`create table if not exists bench_rows (id bigint, payload text)`;
  const figures = [await pgSingleInserts(sql), await pgBatchInserts(sql), await redisPubSub()];
  await sql`drop table bench_rows`;
  return figures;
}

async function pgSingleInserts(sql: Sql, ms = 3_000): Promise<BenchFigure> {
  const start = Date.now();
  let n = 0;
  while (Date.now() - start < ms) {
    await sql`insert into bench_rows (id, payload) values (${n}, 'x')`;
    n++;
  }
  return { bench: 'machine.postgres_single_insert', value: (n * 1000) / (Date.now() - start), unit: 'rows/s' };
}

async function pgBatchInserts(sql: Sql, ms = 3_000, batch = 500): Promise<BenchFigure> {
  const rows = Array.from({ length: batch }, (_, i) => ({ id: i, payload: 'x' }));
  const start = Date.now();
  let n = 0;
  while (Date.now() - start < ms) {
    await sql`insert into bench_rows ${sql(rows, 'id', 'payload')}`;
    n += batch;
  }
  return { bench: 'machine.postgres_insert_batch500', value: (n * 1000) / (Date.now() - start), unit: 'rows/s' };
}

async function redisPubSub(count = 100_000): Promise<BenchFigure> {
  const pub = new Redis(BENCH_REDIS_URL, { enableAutoPipelining: true });
  const sub = new Redis(BENCH_REDIS_URL);
  const channel = `bench:pubsub:${process.pid}`;
  let received = 0;
  const done = new Promise<void>((r) => sub.on('message', () => { if (++received === count) r(); }));
  await sub.subscribe(channel);
  const start = Date.now();
  await Promise.all(Array.from({ length: count }, () => pub.publish(channel, 'x')));
  await done;
  const value = (count * 1000) / (Date.now() - start);
  pub.disconnect();
  sub.disconnect();
  return { bench: 'machine.redis_pubsub', value, unit: 'messages/s' };
}
