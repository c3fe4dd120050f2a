import type { Db } from './client.js';
import { bucketOf } from './ops-histogram.js';

export const EVENT_KINDS = ['received', 'started', 'succeeded', 'failed', 'dead_lettered', 'retried', 'cancelled'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** One step in a message's life (migration 050 says what each kind and duration means). */
export interface NewEvent {
  messageId: string;
  actor: string;
  type: string;
  event: EventKind;
  at: Date;
  attempt: number | null;
  durationMs: number | null;
  worker: string | null;
  errorCode: string | null;
  errorMessage: string | null;
}

export interface EventRow {
  message_id: string;
  actor: string;
  type: string;
  event: EventKind;
  at: Date;
  attempt: number | null;
  duration_ms: number | null;
  worker: string | null;
  error_code: string | null;
  error_message: string | null;
}

/** One actor's minute, as a batch of events adds to it (mailbox_event_minutes). */
interface MinuteDelta {
  actor: string;
  minute: string;
  succeeded: number;
  failed: number;
  dead: number;
  handled_ms: number;
  timed: number;
  buckets: number[];
}

const COUNTED: Partial<Record<EventKind, 'succeeded' | 'failed' | 'dead'>> = { succeeded: 'succeeded', failed: 'failed', dead_lettered: 'dead' };

function count(d: MinuteDelta, e: NewEvent, outcome: 'succeeded' | 'failed' | 'dead'): void {
  d[outcome]++;
  if (e.durationMs === null) return;
  d.handled_ms += Math.round(e.durationMs);
  d.timed++;
  const b = bucketOf(e.durationMs);
  while (d.buckets.length <= b) d.buckets.push(0);
  d.buckets[b] = (d.buckets[b] as number) + 1;
}

/** What a batch adds to each actor's minutes: outcomes, handler times and their histogram. Sorted, so upserts lock rows in one order. */
export function rollupEvents(events: NewEvent[]): MinuteDelta[] {
  const byKey = new Map<string, MinuteDelta>();
  for (const e of events) {
    const outcome = COUNTED[e.event];
    if (!outcome) continue;
    const minute = new Date(Math.floor(e.at.getTime() / 60_000) * 60_000).toISOString();
    const key = `${e.actor} ${minute}`;
    const d = byKey.get(key) ?? { actor: e.actor, minute, succeeded: 0, failed: 0, dead: 0, handled_ms: 0, timed: 0, buckets: [] };
    count(d, e, outcome);
    byKey.set(key, d);
  }
  return [...byKey.values()].sort((a, b) => a.actor.localeCompare(b.actor) || a.minute.localeCompare(b.minute));
}

async function upsertMinutes(sql: Db, deltas: MinuteDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  await sql`
    insert into mailbox_event_minutes as m (actor, minute, shard, succeeded, failed, dead, handled_ms, timed, buckets)
    select actor, minute, pg_backend_pid() % 8, succeeded, failed, dead, handled_ms, timed, buckets
    from jsonb_to_recordset(${sql.json(deltas as never)}) as x(actor text, minute timestamptz, succeeded integer,
      failed integer, dead integer, handled_ms bigint, timed integer, buckets integer[])
    order by actor, minute
    on conflict (actor, minute, shard) do update set
      succeeded = m.succeeded + excluded.succeeded, failed = m.failed + excluded.failed, dead = m.dead + excluded.dead,
      handled_ms = m.handled_ms + excluded.handled_ms, timed = m.timed + excluded.timed,
      buckets = array(select coalesce(a, 0) + coalesce(b, 0) from unnest(m.buckets, excluded.buckets) as t(a, b))`;
}

/**
 * Writes a batch of events and what they add to the per-minute figures (the recorder's
 * group commit: run it in a transaction so the two agree).
 */
export async function insertEvents(sql: Db, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((e) => ({
    message_id: e.messageId, actor: e.actor, type: e.type, event: e.event, at: e.at.toISOString(), attempt: e.attempt,
    duration_ms: e.durationMs === null ? null : Math.round(e.durationMs), worker: e.worker, error_code: e.errorCode,
    error_message: e.errorMessage === null ? null : e.errorMessage.slice(0, 2_000),
  }));
  await sql`
    insert into mailbox_events (message_id, actor, type, event, at, attempt, duration_ms, worker, error_code, error_message)
    select message_id, actor, type, event, at, attempt, duration_ms, worker, error_code, error_message
    from jsonb_to_recordset(${sql.json(rows as never)}) as x(message_id uuid, actor text, type text, event text,
      at timestamptz, attempt integer, duration_ms integer, worker text, error_code text, error_message text)`;
  await upsertMinutes(sql, rollupEvents(events));
}

/** Rows the sweeper took back from a worker that stopped renewing its lease: failed, or dead when it was their last attempt. */
export async function recordExpiredLeases(sql: Db, ids: string[], worker: string): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    with written as (
      insert into mailbox_events (message_id, actor, type, event, attempt, worker, error_code, error_message)
      select id, actor, type, case when state = 'dead' then 'dead_lettered' else 'failed' end, attempts, ${worker},
        last_error ->> 'code', last_error ->> 'message'
      from mailbox where id = any(${ids}::uuid[])
      returning actor, event, at)
    insert into mailbox_event_minutes as m (actor, minute, shard, failed, dead)
    select actor, date_trunc('minute', at), pg_backend_pid() % 8,
      count(*) filter (where event = 'failed'), count(*) filter (where event = 'dead_lettered')
    from written group by 1, 2 order by 1, 2
    on conflict (actor, minute, shard) do update set failed = m.failed + excluded.failed, dead = m.dead + excluded.dead`;
}

/** Ties in time (one clock tick) are broken in the order a life runs. */
const LIFECYCLE_ORDER = ['received', 'retried', 'started', 'failed', 'succeeded', 'dead_lettered', 'cancelled'];

/** The timelines of some messages, oldest step first. */
export async function eventsOf(sql: Db, messageIds: string[]): Promise<EventRow[]> {
  if (messageIds.length === 0) return [];
  return sql<EventRow[]>`
    select message_id, actor, type, event, at, attempt, duration_ms, worker, error_code, error_message
    from mailbox_events where message_id = any(${messageIds}::uuid[])
    order by message_id, at, array_position(${LIFECYCLE_ORDER}::text[], event)`;
}

/** Deletes events past retention, in slices, so a large purge never holds long locks. */
export async function purgeEvents(sql: Db, olderThanDays: number, slice = 10_000): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await sql`
      delete from mailbox_events where ctid = any(array(
        select ctid from mailbox_events where at < now() - ${olderThanDays} * interval '1 day' limit ${slice}))`;
    total += result.count;
    if (result.count < slice) break;
  }
  await sql`delete from mailbox_event_minutes where minute < now() - ${olderThanDays} * interval '1 day'`;
  return total;
}
