import type { Db } from './client.js';

export interface MailboxDepth {
  actor: string;
  queued: number;
  due_later: number;
  in_flight: number;
  done: number;
  dead: number;
  cancelled: number;
  oldest_queued_age_s: number | null;
}

interface StateCount {
  actor: string;
  state: 'queued' | 'due_later' | 'in_flight' | 'done' | 'dead' | 'cancelled';
  n: number;
  oldest_s: number | null;
}

/**
 * Mailbox rows per actor and state; "due later" are queued rows whose time has not come.
 * One branch per state, each answered from its partial index (mailbox_finished, mailbox_due):
 * counting a week of finished rows reads the index, not the table.
 */
export async function mailboxDepths(sql: Db): Promise<MailboxDepth[]> {
  const counts = await sql<StateCount[]>`
    select actor, state, count(*)::int as n, null::float8 as oldest_s
    from mailbox where state in ('done', 'dead', 'cancelled') group by actor, state
    union all
    select actor, case when not_before <= now() then 'queued' else 'due_later' end, count(*)::int,
      extract(epoch from now() - min(not_before))::float8
    from mailbox where state = 'queued' group by 1, 2
    union all
    select actor, 'in_flight', count(*)::int, null from mailbox where state = 'in_flight' group by actor`;
  const byActor = new Map<string, MailboxDepth>();
  for (const c of counts) {
    const d = byActor.get(c.actor) ?? { actor: c.actor, queued: 0, due_later: 0, in_flight: 0, done: 0, dead: 0, cancelled: 0, oldest_queued_age_s: null };
    d[c.state] = c.n;
    if (c.state === 'queued') d.oldest_queued_age_s = c.oldest_s;
    byActor.set(c.actor, d);
  }
  return [...byActor.values()].sort((a, b) => a.actor.localeCompare(b.actor));
}

export interface OldestInFlight {
  actor: string;
  id: string;
  type: string;
  started_at: Date;
  age_s: number;
  lease_owner: string | null;
}

/** Per actor, the claimed message held longest (by whichever worker), and for how long. */
export async function oldestInFlight(sql: Db): Promise<OldestInFlight[]> {
  return sql<OldestInFlight[]>`
    select distinct on (actor) actor, id, type, started_at, lease_owner,
      extract(epoch from now() - started_at)::float8 as age_s
    from mailbox where state = 'in_flight' and started_at is not null
    order by actor, started_at, id`;
}
