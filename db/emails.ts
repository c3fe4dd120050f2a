import type { PendingQuery, Row } from 'postgres';
import type { Db } from './client.js';

export type EmailStatus = 'received' | 'ingested' | 'failed';

export interface EmailRow {
  id: string;
  identity: string;
  message_id: string | null;
  source: string;
  size_bytes: number;
  received_at: Date;
  status: EmailStatus;
  failure_reason: string | null;
  from_address: string | null;
  subject: string | null;
  sent_at: Date | null;
  parts: unknown;
  ingested_at: Date | null;
  mill_id: string | null;
  unparsed: string[];
}

export interface NewEmail {
  id: string;
  identity: string;
  messageId: string | null;
  source: string;
  raw: Buffer;
}

/** Stores a raw e-mail once per identity; a second delivery answers with the first row's id. */
export async function insertEmail(sql: Db, email: NewEmail): Promise<{ id: string; created: boolean }> {
  const [inserted] = await sql<{ id: string }[]>`
    insert into emails (id, identity, message_id, source, raw, size_bytes)
    values (${email.id}, ${email.identity}, ${email.messageId}, ${email.source}, ${email.raw}, ${email.raw.length})
    on conflict (identity) do nothing
    returning id`;
  if (inserted) return { id: inserted.id, created: true };
  const [existing] = await sql<{ id: string }[]>`select id from emails where identity = ${email.identity}`;
  return { id: (existing as { id: string }).id, created: false };
}

export async function getEmailRaw(sql: Db, id: string): Promise<Buffer | undefined> {
  const [row] = await sql<{ raw: Buffer }[]>`select raw from emails where id = ${id}`;
  return row?.raw;
}

const EMAIL_COLUMNS = 'e.id, e.identity, e.message_id, e.source, e.size_bytes, e.received_at, e.status, e.failure_reason, e.from_address, e.subject, e.sent_at, e.parts, e.ingested_at, e.mill_id, e.unparsed';

export async function getEmail(sql: Db, id: string): Promise<EmailRow | undefined> {
  const [row] = await sql<EmailRow[]>`select ${sql.unsafe(EMAIL_COLUMNS)} from emails e where e.id = ${id}`;
  return row;
}

export interface EmailFilters {
  status?: EmailStatus;
  /** unknown: read, but from no known mill; known: attributed to a mill. */
  sender?: 'known' | 'unknown';
  millId?: string;
}

/** Newest first, by keyset on the time-ordered id. */
export async function listEmails(sql: Db, f: EmailFilters, page: { limit: number; cursor?: string }): Promise<EmailRow[]> {
  const when = <T>(v: T | undefined, cond: (v: T) => PendingQuery<Row[]>) => (v === undefined ? sql`true` : cond(v));
  return sql<EmailRow[]>`
    select ${sql.unsafe(EMAIL_COLUMNS)} from emails e
    where ${when(f.status, (v) => sql`e.status = ${v}`)}
      and ${when(f.sender, (v) => (v === 'unknown' ? sql`e.mill_id is null and e.status <> 'received'` : sql`e.mill_id is not null`))}
      and ${when(f.millId, (v) => sql`e.mill_id = ${v}`)}
      and ${when(page.cursor, (v) => sql`e.id < ${v}`)}
    order by e.id desc limit ${page.limit}`;
}

/** What decoding an e-mail tells about it, recorded whether or not its offers could be read. */
export interface IngestedFacts {
  fromAddress: string | null;
  subject: string | null;
  sentAt: Date | null;
  parts: unknown;
  millId: string | null;
  unparsed: string[];
}

export async function markIngested(sql: Db, id: string, facts: IngestedFacts): Promise<void> {
  await sql`
    update emails set status = 'ingested', failure_reason = null, from_address = ${facts.fromAddress},
      subject = ${facts.subject}, sent_at = ${facts.sentAt}, parts = ${sql.json(facts.parts as never)},
      mill_id = ${facts.millId}, unparsed = ${sql.json(facts.unparsed)}, ingested_at = now()
    where id = ${id}`;
}

/** A mail that will never be read; what was learnt of it before that (sender, parts) is kept. */
export async function markFailed(sql: Db, id: string, reason: string, facts?: IngestedFacts): Promise<void> {
  await sql`
    update emails set status = 'failed', failure_reason = ${reason}, ingested_at = now(),
      from_address = ${facts?.fromAddress ?? null}, subject = ${facts?.subject ?? null}, sent_at = ${facts?.sentAt ?? null},
      parts = ${facts ? sql.json(facts.parts as never) : null}, mill_id = ${facts?.millId ?? null}, unparsed = ${sql.json(facts?.unparsed ?? [])}
    where id = ${id}`;
}
