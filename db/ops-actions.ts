import { AppError } from '../actors/common/errors.js';
import { recordAudit, type Operator } from './audit.js';
import type { Sql, TxSql } from './client.js';
import { setPaused, type ActorControl } from './controls.js';
import { insertEvents } from './events.js';
import type { MailboxRow } from './mailbox.js';

/**
 * Operators' actions on mailboxes, shared by the API, the console and the CLI. Each runs
 * in one transaction with its audit entry and its lifecycle event; announcing the
 * re-queued messages on the wire is the caller's (the sweeper would find them anyway).
 */
export interface Requeued {
  id: string;
  actor: string;
  key: string | null;
}

async function lockMessage(tx: TxSql, id: string): Promise<MailboxRow> {
  const [row] = await tx<MailboxRow[]>`select * from mailbox where id = ${id} for update`;
  if (!row) throw new AppError('B2B_MESSAGE_NOT_FOUND', `no message ${id}`);
  return row;
}

function operatorEvent(row: MailboxRow, op: Operator, event: 'retried' | 'cancelled') {
  return {
    messageId: row.id, actor: row.actor, type: row.type, event, at: new Date(), attempt: row.attempts, durationMs: null,
    worker: op.who, errorCode: row.last_error?.code ?? null, errorMessage: row.last_error?.message ?? null,
  };
}

/** A dead letter goes back to the queue with a fresh set of attempts; its last error stays until it succeeds. */
export async function retryDeadLetter(sql: Sql, op: Operator, id: string): Promise<MailboxRow> {
  return sql.begin(async (tx) => {
    const row = await lockMessage(tx, id);
    if (row.state !== 'dead') throw new AppError('B2B_CONFLICT', `only a dead letter can be retried; this message is ${row.state}`);
    const [queued] = await tx<MailboxRow[]>`
      update mailbox set state = 'queued', attempts = 0, not_before = now(), started_at = null, finished_at = null,
        lease_owner = null, lease_until = null
      where id = ${id} returning *`;
    await insertEvents(tx, [operatorEvent(row, op, 'retried')]);
    await recordAudit(tx, op, { action: 'retry', actor: row.actor, messageId: id, details: { attempts: row.attempts, lastError: row.last_error } });
    return queued as MailboxRow;
  });
}

/** Every dead letter of an actor back to the queue. */
export async function retryAllDeadLetters(sql: Sql, op: Operator, actor: string): Promise<Requeued[]> {
  return sql.begin(async (tx) => {
    const rows = await tx<Requeued[]>`
      with retried as (
        update mailbox set state = 'queued', attempts = 0, not_before = now(), started_at = null, finished_at = null,
          lease_owner = null, lease_until = null
        where actor = ${actor} and state = 'dead'
        returning id, actor, type, key, last_error),
      events as (
        insert into mailbox_events (message_id, actor, type, event, worker, error_code, error_message)
        select id, actor, type, 'retried', ${op.who}, last_error ->> 'code', last_error ->> 'message' from retried)
      select id, actor, key from retried`;
    await recordAudit(tx, op, { action: 'retry-all', actor, count: rows.length });
    return [...rows];
  });
}

/** A queued message (due now or later) that should never run; one already claimed cannot be cancelled. */
export async function cancelMessage(sql: Sql, op: Operator, id: string): Promise<MailboxRow> {
  return sql.begin(async (tx) => {
    const row = await lockMessage(tx, id);
    if (row.state !== 'queued') throw new AppError('B2B_CONFLICT', `only a queued message can be cancelled; this message is ${row.state}`);
    const [cancelled] = await tx<MailboxRow[]>`
      update mailbox set state = 'cancelled', finished_at = now() where id = ${id} returning *`;
    await insertEvents(tx, [operatorEvent(row, op, 'cancelled')]);
    await recordAudit(tx, op, { action: 'cancel', actor: row.actor, messageId: id, details: { type: row.type, notBefore: row.not_before } });
    return cancelled as MailboxRow;
  });
}

/** Pauses or resumes an actor's intake for every worker (the row is the truth; workers apply it within a sweep). */
export async function changePause(sql: Sql, op: Operator, actor: string, paused: boolean, reason: string | null): Promise<ActorControl> {
  return sql.begin(async (tx) => {
    const control = await setPaused(tx, actor, paused, reason, op.who);
    await recordAudit(tx, op, { action: paused ? 'pause' : 'resume', actor, details: reason ? { reason } : null });
    return control;
  });
}
