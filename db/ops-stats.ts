import type { Db } from './client.js';
import { percentileOf } from './ops-histogram.js';

/** An actor's last minute (from the events) and last hour (from the per-minute figures), so it survives restarts. */
export interface ActorStats {
  actor: string;
  received_1m: number;
  received_1h: number;
  succeeded_1m: number;
  succeeded_1h: number;
  failed_1m: number;
  failed_1h: number;
  dead_1h: number;
  /** Handling time of every attempt that ran (succeeded or failed), in ms; p95 read from the histogram. */
  mean_ms: number | null;
  p95_ms: number | null;
}

interface HourRow {
  actor: string;
  received: number;
  succeeded: number;
  failed: number;
  dead: number;
  handled_ms: number;
  timed: number;
  buckets: number[];
}

/** The last 60 minutes (this one included), summed over shards; buckets summed element-wise. */
async function lastHour(sql: Db): Promise<HourRow[]> {
  return sql<HourRow[]>`
    with hour as (
      select * from mailbox_event_minutes where minute >= date_trunc('minute', now()) - interval '59 minutes'),
    buckets as (
      select actor, array_agg(n order by i) as buckets
      from (select actor, i, sum(b)::int as n from hour, unnest(buckets) with ordinality as u(b, i) group by actor, i) per_bucket
      group by actor)
    select h.actor, sum(received)::int as received, sum(succeeded)::int as succeeded, sum(failed)::int as failed,
      sum(dead)::int as dead, sum(handled_ms)::float8 as handled_ms, sum(timed)::int as timed, coalesce(b.buckets, '{}') as buckets
    from hour h left join buckets b on b.actor = h.actor
    group by h.actor, b.buckets order by h.actor`;
}

interface MinuteRow {
  actor: string;
  received: number;
  succeeded: number;
  failed: number;
}

/** Exactly the last 60 s, from the events: a range of the (actor, at) index per actor. */
async function lastMinute(sql: Db, actors: readonly string[]): Promise<MinuteRow[]> {
  return sql<MinuteRow[]>`
    select a.actor, m.received, m.succeeded, m.failed
    from unnest(${actors as string[]}::text[]) as a(actor)
    cross join lateral (
      select count(*) filter (where event = 'received')::int as received,
        count(*) filter (where event = 'succeeded')::int as succeeded,
        count(*) filter (where event in ('failed', 'dead_lettered'))::int as failed
      from mailbox_events where actor = a.actor and at > now() - interval '1 minute') m
    where m.received + m.succeeded + m.failed > 0`;
}

export async function actorStats(sql: Db, actors: readonly string[]): Promise<ActorStats[]> {
  const [hour, minute] = await Promise.all([lastHour(sql), lastMinute(sql, actors)]);
  const seen = [...new Set([...hour.map((h) => h.actor), ...minute.map((m) => m.actor)])].sort();
  return seen.map((actor) => {
    const h = hour.find((x) => x.actor === actor);
    const m = minute.find((x) => x.actor === actor);
    return {
      actor, received_1m: m?.received ?? 0, received_1h: h?.received ?? 0, succeeded_1m: m?.succeeded ?? 0, succeeded_1h: h?.succeeded ?? 0,
      failed_1m: m?.failed ?? 0, failed_1h: (h?.failed ?? 0) + (h?.dead ?? 0), dead_1h: h?.dead ?? 0,
      mean_ms: h && h.timed > 0 ? h.handled_ms / h.timed : null, p95_ms: h ? percentileOf(h.buckets, 0.95) : null,
    };
  });
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
    select actor, minute, sum(succeeded)::int as succeeded, sum(failed + dead)::int as failed
    from mailbox_event_minutes
    where minute >= date_trunc('minute', now()) - (${minutes} - 1) * interval '1 minute'
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
