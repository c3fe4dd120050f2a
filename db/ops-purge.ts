import { randomBytes } from 'node:crypto';
import { AppError } from '../actors/common/errors.js';
import { recordAudit, type Operator } from './audit.js';
import type { Db, Sql } from './client.js';

const TOKEN_TTL_MINUTES = 10;

export interface PurgeConfirmation {
  token: string;
  actor: string;
  count: number;
  expiresAt: string;
}

async function deadCount(sql: Db, actor: string, cutoff: Date | null): Promise<number> {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from mailbox
    where actor = ${actor} and state = 'dead' ${cutoff ? sql`and coalesce(finished_at, created_at) <= ${cutoff}` : sql``}`;
  return row?.n ?? 0;
}

/** A token bound to the actor and to the dead letters it has now: those, and only if still that many, may be purged. */
async function issueToken(sql: Db, op: Operator, actor: string, count: number): Promise<PurgeConfirmation> {
  const token = randomBytes(12).toString('base64url');
  const [row] = await sql<{ expires_at: Date }[]>`
    insert into ops_confirmations (token, action, actor, count, cutoff, created_by, expires_at)
    values (${token}, 'purge-dead', ${actor}, ${count}, now(), ${op.who}, now() + ${TOKEN_TTL_MINUTES} * interval '1 minute')
    returning expires_at`;
  return { token, actor, count, expiresAt: (row as { expires_at: Date }).expires_at.toISOString() };
}

function confirmationRequired(why: string, confirmation: PurgeConfirmation): AppError {
  return new AppError('B2B_CONFIRMATION_REQUIRED',
    `${why}: repeat with the token to purge ${confirmation.count} dead letters of ${confirmation.actor}`, { details: confirmation });
}

/**
 * Deletes an actor's dead letters, asking twice: without a token (or with one that is
 * unknown, used, expired, or no longer matches what it would delete) it answers
 * B2B_CONFIRMATION_REQUIRED with a fresh token; with a good token it purges, once.
 */
export async function purgeDeadLetters(sql: Sql, op: Operator, actor: string, token?: string): Promise<{ purged: number }> {
  if (!token) {
    const count = await deadCount(sql, actor, null);
    if (count === 0) return { purged: 0 };
    throw confirmationRequired('purging dead letters needs confirmation', await issueToken(sql, op, actor, count));
  }
  const outcome: { purged?: number; retry?: string } = await sql.begin(async (tx) => {
    const [t] = await tx<{ count: number; cutoff: Date }[]>`
      select count, cutoff from ops_confirmations
      where token = ${token} and action = 'purge-dead' and actor = ${actor} and used_at is null and expires_at > now()
      for update`;
    if (!t) return { retry: 'the token is unknown, used or expired' } as const;
    if ((await deadCount(tx, actor, t.cutoff)) !== t.count) return { retry: 'the dead letters changed since the token was issued' } as const;
    const deleted = await tx`
      delete from mailbox where actor = ${actor} and state = 'dead' and coalesce(finished_at, created_at) <= ${t.cutoff}`;
    await tx`update ops_confirmations set used_at = now() where token = ${token}`;
    await recordAudit(tx, op, { action: 'purge-dead', actor, count: deleted.count });
    return { purged: deleted.count } as const;
  });
  if (outcome.purged !== undefined) return { purged: outcome.purged };
  const count = await deadCount(sql, actor, null);
  if (count === 0) return { purged: 0 };
  throw confirmationRequired(outcome.retry ?? 'confirm again', await issueToken(sql, op, actor, count));
}

/** Housekeeping: spent and expired tokens. */
export async function purgeConfirmations(sql: Db): Promise<number> {
  const result = await sql`delete from ops_confirmations where expires_at < now() - interval '1 day'`;
  return result.count;
}
