import { recordAudit, type Operator } from './audit.js';
import type { Db } from './client.js';
import { eventsOf } from './events.js';
import type { MailboxRow } from './mailbox.js';
import { opsMessageView, type OpsMessage } from './ops-views.js';

/** The states an operator filters by: "queued" is due now, "due_later" waits for its time. */
export const BROWSE_STATES = ['queued', 'due_later', 'in_flight', 'done', 'dead', 'cancelled'] as const;
export type BrowseState = (typeof BROWSE_STATES)[number];

export interface BrowseQuery {
  actor: string;
  state?: BrowseState;
  type?: string;
  /** A message id: list the older ones (the next page). */
  before?: string;
  limit: number;
}

function stateFilter(sql: Db, state: BrowseState | undefined) {
  switch (state) {
    case undefined: return sql``;
    case 'queued': return sql`and state = 'queued' and not_before <= now()`;
    case 'due_later': return sql`and state = 'queued' and not_before > now()`;
    default: return sql`and state = ${state}`;
  }
}

/** One page of an actor's mailbox, newest first (ids are time-ordered). */
export async function browseMessages(sql: Db, q: BrowseQuery): Promise<MailboxRow[]> {
  return sql<MailboxRow[]>`
    select * from mailbox
    where actor = ${q.actor} ${stateFilter(sql, q.state)}
      ${q.type ? sql`and type = ${q.type}` : sql``}
      ${q.before ? sql`and id < ${q.before}` : sql``}
    order by id desc limit ${q.limit}`;
}

/**
 * Rows as the operator sees them, with their timelines. Showing what redaction hides
 * (`reveal`) is an action like any other: it is audited, with the ids shown.
 */
export async function messageViews(sql: Db, op: Operator, rows: MailboxRow[], reveal: boolean): Promise<OpsMessage[]> {
  if (reveal && rows.length > 0) {
    await recordAudit(sql, op, {
      action: 'reveal', actor: rows[0]?.actor ?? null, messageId: rows.length === 1 ? rows[0]?.id : null, count: rows.length,
      details: { ids: rows.map((r) => r.id).slice(0, 200) },
    });
  }
  const events = await eventsOf(sql, rows.map((r) => r.id));
  return rows.map((r) => opsMessageView(r, events, reveal));
}
