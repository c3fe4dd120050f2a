import { uuidv7 } from '../actors/common/ids.js';
import type { Db } from './client.js';

/** Who acts: 'key:<id>' with the key's name over HTTP, 'cli:<OS user>' from the CLI. */
export interface Operator {
  who: string;
  name: string | null;
}

export type AuditAction = 'pause' | 'resume' | 'retry' | 'retry-all' | 'cancel' | 'purge-dead' | 'reveal';

export interface AuditEntry {
  id: string;
  at: Date;
  who: string;
  who_name: string | null;
  action: AuditAction;
  actor: string | null;
  message_id: string | null;
  count: number | null;
  details: Record<string, unknown> | null;
}

export interface NewAudit {
  action: AuditAction;
  actor?: string | null;
  messageId?: string | null;
  count?: number | null;
  details?: Record<string, unknown> | null;
}

/** Records an operator action; call it in the action's own transaction, so one never lands without the other. */
export async function recordAudit(sql: Db, op: Operator, entry: NewAudit): Promise<void> {
  await sql`
    insert into ops_audit (id, who, who_name, action, actor, message_id, count, details)
    values (${uuidv7()}, ${op.who}, ${op.name}, ${entry.action}, ${entry.actor ?? null}, ${entry.messageId ?? null},
      ${entry.count ?? null}, ${entry.details ? sql.json(entry.details as never) : null})`;
}

export interface AuditQuery {
  limit: number;
  /** An entry id: list what came before it (the next page). */
  before?: string;
  action?: AuditAction;
  actor?: string;
  messageId?: string;
}

/** Newest first; ids are time-ordered (v7), so they page. */
export async function listAudit(sql: Db, q: AuditQuery): Promise<AuditEntry[]> {
  return sql<AuditEntry[]>`
    select id, at, who, who_name, action, actor, message_id, count, details from ops_audit
    where true
      ${q.before ? sql`and id < ${q.before}` : sql``}
      ${q.action ? sql`and action = ${q.action}` : sql``}
      ${q.actor ? sql`and actor = ${q.actor}` : sql``}
      ${q.messageId ? sql`and message_id = ${q.messageId}` : sql``}
    order by id desc limit ${q.limit}`;
}
