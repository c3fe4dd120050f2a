import autocannon from 'autocannon';
import { createLogger } from '../../actors/common/log.js';
import { Outbox } from '../../actors/mailbox/outbox.js';
import { EventRecorder } from '../../actors/system/observer.js';
import { names } from '../../actors/transport/names.js';
import { RedisTransport } from '../../actors/transport/redis.js';
import { createApiKey } from '../../db/api-keys.js';
import type { Sql } from '../../db/client.js';
import type { MailboxRow } from '../../db/mailbox.js';
import type { BenchFigure } from './figure.js';
import { benchEnv, createBenchDatabase, freePort, startBenchProcess, waitUntil } from './setup.js';

/**
 * What watching costs and how fast the operators' views answer on a busy history:
 * - lifecycle events through the worker's recorder (group commit), events/s;
 * - the outbox's send rate with and without the trigger that writes 'received' events;
 * - GET /ops/actors, a mailbox page and /metrics against 200,000 mailbox rows and an
 *   hour of 600,000 events (and its per-minute figures), over HTTP from a real gateway
 *   process, 4 clients at once.
 */
const EVENTS = 60_000;
const SENDS = 20_000;
const HISTORY_ROWS = 200_000;
const HISTORY_EVENTS = 600_000;
const log = createLogger('bench', 'warn');

function fakeRow(i: number): MailboxRow {
  const now = new Date();
  return {
    id: `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`, actor: 'housekeeping', type: 'recordProbe', payload: {}, key: null,
    dedupe_key: null, correlation_id: null, reply_to: null, origin: null, state: 'in_flight', attempts: 1, not_before: now,
    lease_owner: 'bench', lease_until: null, last_error: null, result: null, created_at: now, started_at: now, finished_at: null,
  };
}

async function eventsPerSecond(sql: Sql): Promise<BenchFigure> {
  const recorder = new EventRecorder(sql, 'bench', log);
  const start = performance.now();
  for (let i = 0; i < EVENTS; i++) {
    const row = fakeRow(i);
    recorder.started(row);
    recorder.finished(row, 'succeeded', 3, null);
    if (i % 2_000 === 0) await new Promise((r) => setImmediate(r));
  }
  await recorder.drained();
  const seconds = (performance.now() - start) / 1000;
  return { bench: 'ops.events.recorded', value: (EVENTS * 2) / seconds, unit: 'events/s' };
}

async function sendRate(sql: Sql, outbox: Outbox, label: string): Promise<BenchFigure> {
  const sentAt = new Date().toISOString();
  const start = performance.now();
  for (let sent = 0; sent < SENDS; sent += 2_000) {
    await Promise.all(Array.from({ length: 2_000 }, () => outbox.send('housekeeping', 'recordProbe', { sentAt, note: label })));
  }
  const value = SENDS / ((performance.now() - start) / 1000);
  await sql`delete from mailbox where payload->>'note' = ${label}`;
  return { bench: `ops.outbox.send_${label}`, value, unit: 'messages/s' };
}

/** A history as a busy week would leave it: mostly done, some dead, some queued; an hour of events. */
async function seedHistory(sql: Sql): Promise<void> {
  await sql`
    insert into mailbox (id, actor, type, payload, state, attempts, created_at, finished_at, last_error)
    select gen_random_uuid(), (array['ingestion','matching','newsletter','container','housekeeping'])[1 + i % 5], 'recordProbe',
      jsonb_build_object('note', i, 'sentAt', now()),
      case when i % 100 = 0 then 'dead' when i % 50 = 1 then 'queued' else 'done' end, 1,
      now() - (i % 3600) * interval '1 second', now() - (i % 3600) * interval '1 second',
      case when i % 100 = 0 then '{"code":"B2B_INTERNAL","message":"bench","retryable":true}'::jsonb end
    from generate_series(1, ${HISTORY_ROWS}) i`;
  await sql`
    insert into mailbox_events (message_id, actor, type, event, at, attempt, duration_ms, worker, error_code)
    select gen_random_uuid(), (array['ingestion','matching','newsletter','container','housekeeping'])[1 + i % 5], 'recordProbe',
      (array['received','started','succeeded','succeeded','failed'])[1 + i % 5], now() - (i % 3600) * interval '1 second',
      1, i % 250, 'bench', case when i % 5 = 4 then 'B2B_INTERNAL' end
    from generate_series(1, ${HISTORY_EVENTS}) i`;
  await sql`
    insert into mailbox_event_minutes (actor, minute, shard, received, succeeded, failed, dead, handled_ms, timed, buckets)
    select a, date_trunc('minute', now()) - m * interval '1 minute', s, 250, 240, 8, 2, 240 * 40, 250,
      array[0, 5, 10, 20, 30, 40, 40, 30, 25, 20, 10, 10, 5, 3, 2]
    from unnest(array['ingestion','matching','newsletter','container','housekeeping']) a, generate_series(0, 59) m, generate_series(0, 7) s
    on conflict do nothing`;
  await sql`analyze mailbox`;
  await sql`analyze mailbox_events`;
}

async function latency(url: string, key: string, name: string): Promise<BenchFigure[]> {
  const result = await autocannon({ url, connections: 4, duration: 8, headers: { authorization: `Bearer ${key}` } });
  if (result.non2xx > 0) throw new Error(`${name}: ${result.non2xx} answers were not 2xx`);
  return [
    { bench: `ops.http.${name}.p50`, value: result.latency.p50, unit: 'ms' },
    { bench: `ops.http.${name}.p99`, value: result.latency.p99, unit: 'ms' },
    { bench: `ops.http.${name}.rate`, value: result.requests.average, unit: 'requests/s' },
  ];
}

export async function run(): Promise<BenchFigure[]> {
  const db = await createBenchDatabase();
  const figures: BenchFigure[] = [await eventsPerSecond(db.sql)];
  const env = benchEnv(db.url);
  const transport = new RedisTransport(env.REDIS_URL as string, names(env.KEY_PREFIX as string), log);
  const outbox = new Outbox(db.sql, transport);
  try {
    figures.push(await sendRate(db.sql, outbox, 'with_received_events'));
    await db.sql`alter table mailbox disable trigger mailbox_received`;
    figures.push(await sendRate(db.sql, outbox, 'without_received_events'));
    await db.sql`alter table mailbox enable trigger mailbox_received`;
    await seedHistory(db.sql);
    const port = await freePort();
    const gateway = await startBenchProcess('gateway', { ...env, PORT: String(port) });
    const { key } = await createApiKey(db.sql, { name: 'bench', role: 'operator' });
    const base = `http://127.0.0.1:${port}`;
    await waitUntil(async () => (await fetch(`${base}/readyz`)).ok, 10_000, 'gateway ready');
    figures.push(...await latency(`${base}/ops/actors`, key, 'actors'));
    figures.push(...await latency(`${base}/ops/actors/ingestion/messages?state=dead&limit=50`, key, 'dead_letters_page'));
    figures.push(...await latency(`${base}/metrics`, key, 'metrics'));
    await gateway.stop();
  } finally {
    await outbox.drained();
    await transport.close();
    await db.drop();
  }
  return figures;
}
