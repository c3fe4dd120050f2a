import type { Db } from './client.js';

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

/** Writes a batch of events in one statement (the recorder's group commit). */
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
}

/** Rows the sweeper took back from a worker that stopped renewing its lease: failed, or dead when it was their last attempt. */
export async function recordExpiredLeases(sql: Db, ids: string[], worker: string): Promise<void> {
  if (ids.length === 0) return;
  await sql`
    insert into mailbox_events (message_id, actor, type, event, attempt, worker, error_code, error_message)
    select id, actor, type, case when state = 'dead' then 'dead_lettered' else 'failed' end, attempts, ${worker},
      last_error ->> 'code', last_error ->> 'message'
    from mailbox where id = any(${ids}::uuid[])`;
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
    if (result.count < slice) return total;
  }
}
