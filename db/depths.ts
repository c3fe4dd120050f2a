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

/** Mailbox rows per actor and state; "due later" are queued rows whose time has not come. */
export async function mailboxDepths(sql: Db): Promise<MailboxDepth[]> {
  return sql<MailboxDepth[]>`
    select actor,
      count(*) filter (where state = 'queued' and not_before <= now())::int as queued,
      count(*) filter (where state = 'queued' and not_before > now())::int as due_later,
      count(*) filter (where state = 'in_flight')::int as in_flight,
      count(*) filter (where state = 'done')::int as done,
      count(*) filter (where state = 'dead')::int as dead,
      count(*) filter (where state = 'cancelled')::int as cancelled,
      extract(epoch from now() - min(not_before) filter (where state = 'queued' and not_before <= now()))::float8 as oldest_queued_age_s
    from mailbox group by actor order by actor`;
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
