import type { Db } from './client.js';

/** An actor's last hour, from its lifecycle events (so it survives restarts). */
export interface ActorStats {
  actor: string;
  received_1m: number;
  received_1h: number;
  succeeded_1m: number;
  succeeded_1h: number;
  failed_1m: number;
  failed_1h: number;
  dead_1h: number;
  /** Handling time of every attempt that ran (succeeded or failed), in ms. */
  mean_ms: number | null;
  p95_ms: number | null;
}

export async function actorStats(sql: Db): Promise<ActorStats[]> {
  return sql<ActorStats[]>`
    select actor,
      count(*) filter (where event = 'received' and at > now() - interval '1 minute')::int as received_1m,
      count(*) filter (where event = 'received')::int as received_1h,
      count(*) filter (where event = 'succeeded' and at > now() - interval '1 minute')::int as succeeded_1m,
      count(*) filter (where event = 'succeeded')::int as succeeded_1h,
      count(*) filter (where event in ('failed', 'dead_lettered') and at > now() - interval '1 minute')::int as failed_1m,
      count(*) filter (where event in ('failed', 'dead_lettered'))::int as failed_1h,
      count(*) filter (where event = 'dead_lettered')::int as dead_1h,
      avg(duration_ms) filter (where event in ('succeeded', 'failed', 'dead_lettered'))::float8 as mean_ms,
      (percentile_cont(0.95) within group (order by duration_ms)
        filter (where event in ('succeeded', 'failed', 'dead_lettered') and duration_ms is not null))::float8 as p95_ms
    from mailbox_events where at > now() - interval '1 hour'
    group by actor order by actor`;
}

export interface LastError {
  actor: string;
  message_id: string;
  code: string | null;
  message: string | null;
  at: Date;
}

/** Each actor's most recent failure within the event retention, however long ago. */
export async function lastErrors(sql: Db, actors: readonly string[]): Promise<LastError[]> {
  return sql<LastError[]>`
    select a.actor, e.message_id, e.error_code as code, e.error_message as message, e.at
    from unnest(${actors as string[]}::text[]) as a(actor)
    cross join lateral (
      select message_id, error_code, error_message, at from mailbox_events
      where actor = a.actor and event in ('failed', 'dead_lettered')
      order by at desc limit 1) e`;
}

export interface MinuteCount {
  actor: string;
  minute: Date;
  succeeded: number;
  failed: number;
}

/** Handled messages per actor and minute, for the console's charts; minutes with none are absent. */
export async function throughputByMinute(sql: Db, minutes: number): Promise<MinuteCount[]> {
  return sql<MinuteCount[]>`
    select actor, date_trunc('minute', at) as minute,
      count(*) filter (where event = 'succeeded')::int as succeeded,
      count(*) filter (where event in ('failed', 'dead_lettered'))::int as failed
    from mailbox_events
    where at >= date_trunc('minute', now()) - (${minutes} - 1) * interval '1 minute'
      and event in ('succeeded', 'failed', 'dead_lettered')
    group by 1, 2 order by 1, 2`;
}

/** Per actor, one count per minute over the window, oldest first, zeros where nothing happened. */
export function minuteSeries(rows: MinuteCount[], actors: readonly string[], minutes: number, now: Date): { from: Date; actors: { actor: string; succeeded: number[]; failed: number[] }[] } {
  const current = Math.floor(now.getTime() / 60_000) * 60_000;
  const from = current - (minutes - 1) * 60_000;
  const series = actors.map((actor) => ({ actor, succeeded: new Array<number>(minutes).fill(0), failed: new Array<number>(minutes).fill(0) }));
  for (const r of rows) {
    const s = series.find((x) => x.actor === r.actor);
    const i = Math.round((r.minute.getTime() - from) / 60_000);
    if (!s || i < 0 || i >= minutes) continue;
    s.succeeded[i] = r.succeeded;
    s.failed[i] = r.failed;
  }
  return { from: new Date(from), actors: series };
}
