import type { Db } from './client.js';

export type MailboxState = 'queued' | 'in_flight' | 'done' | 'dead' | 'cancelled';

export interface MailboxRow {
  id: string;
  actor: string;
  type: string;
  payload: unknown;
  key: string | null;
  dedupe_key: string | null;
  correlation_id: string | null;
  reply_to: string | null;
  origin: string | null;
  state: MailboxState;
  attempts: number;
  not_before: Date;
  lease_owner: string | null;
  lease_until: Date | null;
  last_error: { code: string; message: string; retryable: boolean } | null;
  result: unknown;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface NewMessage {
  id: string;
  actor: string;
  type: string;
  payload: unknown;
  key?: string;
  dedupe_key?: string;
  correlation_id?: string;
  reply_to?: string;
  origin?: string;
  not_before?: string;
}

export interface Inserted {
  id: string;
  created: boolean;
}

/**
 * Writes messages in one statement. A message whose dedupe key already has a row is not
 * written again: its answer is the existing row's id with `created: false`.
 * Callers remove duplicates within one batch first (see the outbox).
 */
export async function insertMessages(sql: Db, messages: NewMessage[]): Promise<Inserted[]> {
  if (messages.length === 0) return [];
  // A tagged template, so that the statement is prepared once per connection.
  const rows = await sql<{ requested: string; id: string | null }[]>`
    with input as (
      select * from jsonb_to_recordset(${sql.json(messages as never)}) as x(id uuid, actor text, type text,
        payload jsonb, key text, dedupe_key text, correlation_id text, reply_to text, origin text, not_before timestamptz)),
    ins as (
      insert into mailbox (id, actor, type, payload, key, dedupe_key, correlation_id, reply_to, origin, not_before)
      select id, actor, type, payload, key, dedupe_key, correlation_id, reply_to, origin, coalesce(not_before, now())
      from input
      on conflict (actor, dedupe_key) where dedupe_key is not null do nothing
      returning id)
    select i.id as requested, ins.id
    from input i left join ins on ins.id = i.id`;
  const created = new Set(rows.filter((r) => r.id !== null).map((r) => r.requested));
  const existing = await existingIds(sql, messages.filter((m) => !created.has(m.id)));
  return messages.map((m) => (created.has(m.id)
    ? { id: m.id, created: true }
    : { id: existing.get(`${m.actor}\u0000${m.dedupe_key}`) ?? m.id, created: false }));
}

async function existingIds(sql: Db, messages: NewMessage[]): Promise<Map<string, string>> {
  if (messages.length === 0) return new Map();
  const rows = await sql<{ actor: string; dedupe_key: string; id: string }[]>`
    select m.actor, m.dedupe_key, m.id from mailbox m
    join jsonb_to_recordset(${sql.json(messages.map((m) => ({ actor: m.actor, dedupe_key: m.dedupe_key })) as never)})
      as x(actor text, dedupe_key text) on m.actor = x.actor and m.dedupe_key = x.dedupe_key`;
  return new Map(rows.map((r) => [`${r.actor}\u0000${r.dedupe_key}`, r.id]));
}

/** Claims the named rows that are still queued and due; the others were taken or are not due. */
export async function claimByIds(sql: Db, actor: string, ids: string[], owner: string, leaseMs: number): Promise<MailboxRow[]> {
  if (ids.length === 0) return [];
  return sql<MailboxRow[]>`
    update mailbox set state = 'in_flight', attempts = attempts + 1, lease_owner = ${owner},
      lease_until = now() + ${leaseMs} * interval '1 millisecond', started_at = now()
    where id = any(${ids}::uuid[]) and actor = ${actor} and state = 'queued' and not_before <= now()
    returning *`;
}

/**
 * Claims the oldest due rows of an actor, skipping rows another worker is claiming.
 * `graceMs` leaves alone fresh rows whose notice is probably still on its way.
 */
export async function claimDue(sql: Db, actor: string, limit: number, owner: string, leaseMs: number, graceMs: number): Promise<MailboxRow[]> {
  if (limit <= 0) return [];
  const rows = await sql<MailboxRow[]>`
    update mailbox m set state = 'in_flight', attempts = m.attempts + 1, lease_owner = ${owner},
      lease_until = now() + ${leaseMs} * interval '1 millisecond', started_at = now()
    from (
      select id from mailbox
      where actor = ${actor} and state = 'queued' and not_before <= now()
        and (not_before <= now() - ${graceMs} * interval '1 millisecond' or not_before > created_at)
      order by not_before, id
      limit ${limit}
      for update skip locked
    ) due
    where m.id = due.id
    returning m.*`;
  return rows.sort((a, b) => a.not_before.getTime() - b.not_before.getTime() || (a.id < b.id ? -1 : 1));
}

export interface Completion {
  id: string;
  result: unknown;
}

/** Marks handled messages done, in one statement; a row this owner no longer holds is left alone. */
export async function completeMessages(sql: Db, owner: string, completions: Completion[]): Promise<string[]> {
  if (completions.length === 0) return [];
  const rows = await sql<{ id: string }[]>`
    update mailbox m set state = 'done', result = x.result, finished_at = now(),
      lease_owner = null, lease_until = null, last_error = null
    from jsonb_to_recordset(${sql.json(completions as never)}) as x(id uuid, result jsonb)
    where m.id = x.id and ((m.state = 'in_flight' and m.lease_owner = ${owner}) or m.state = 'queued')
    returning m.id`;
  return rows.map((r) => r.id);
}

export interface Failure {
  id: string;
  error: { code: string; message: string; retryable: boolean };
  /** null: a dead letter. */
  retryAt: Date | null;
  /** false: give the attempt back (the failure was an outage, not the message). */
  countAttempt?: boolean;
}

export async function failMessage(sql: Db, owner: string, failure: Failure): Promise<MailboxRow | undefined> {
  const dead = failure.retryAt === null;
  const [row] = await sql<MailboxRow[]>`
    update mailbox set
      state = ${dead ? 'dead' : 'queued'},
      attempts = attempts - ${failure.countAttempt === false ? 1 : 0},
      not_before = coalesce(${failure.retryAt}, not_before),
      last_error = ${sql.json(failure.error as never)},
      lease_owner = null, lease_until = null,
      finished_at = ${dead ? sql`now()` : null}
    where id = ${failure.id} and state = 'in_flight' and lease_owner = ${owner}
    returning *`;
  return row;
}

/** Puts held rows back without counting the attempt: a clean shutdown or a pause is not a failure. */
export async function releaseMessages(sql: Db, owner: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await sql<{ id: string }[]>`
    update mailbox set state = 'queued', attempts = greatest(attempts - 1, 0), lease_owner = null, lease_until = null
    where id = any(${ids}::uuid[]) and state = 'in_flight' and lease_owner = ${owner}
    returning id`;
  return rows.map((r) => r.id);
}

export async function renewLeases(sql: Db, owner: string, ids: string[], leaseMs: number): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await sql`
    update mailbox set lease_until = now() + ${leaseMs} * interval '1 millisecond'
    where id = any(${ids}::uuid[]) and state = 'in_flight' and lease_owner = ${owner}`;
  return result.count;
}

export interface ExpiredLease {
  id: string;
  actor: string;
  key: string | null;
  state: MailboxState;
}

/**
 * Rows whose worker stopped renewing its lease (killed, hung, partitioned) go back to
 * the queue, or to the dead letters when that was their last attempt: a message that
 * kills its worker every time must not kill every worker forever.
 */
export async function expireLeases(sql: Db, maxAttempts: Record<string, number>, fallbackMax: number): Promise<ExpiredLease[]> {
  const error = { code: 'B2B_LEASE_EXPIRED', message: 'the worker holding this message stopped before finishing it', retryable: true };
  return sql<ExpiredLease[]>`
    update mailbox set
      state = case when attempts >= coalesce((${sql.json(maxAttempts)}::jsonb ->> actor)::int, ${fallbackMax}) then 'dead' else 'queued' end,
      finished_at = case when attempts >= coalesce((${sql.json(maxAttempts)}::jsonb ->> actor)::int, ${fallbackMax}) then now() end,
      last_error = ${sql.json(error)}, lease_owner = null, lease_until = null
    where id in (select id from mailbox where state = 'in_flight' and lease_until < now() for update skip locked)
    returning id, actor, key, state`;
}

export async function getMessage(sql: Db, id: string): Promise<MailboxRow | undefined> {
  const [row] = await sql<MailboxRow[]>`select * from mailbox where id = ${id}`;
  return row;
}

/** Deletes finished rows past retention, in slices, so a large purge never holds long locks. */
export async function purgeFinished(sql: Db, olderThanHours: number, slice = 5_000): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await sql`
      delete from mailbox where id in (
        select id from mailbox where state in ('done', 'cancelled')
          and finished_at < now() - ${olderThanHours} * interval '1 hour'
        limit ${slice})`;
    total += result.count;
    if (result.count < slice) return total;
  }
}
