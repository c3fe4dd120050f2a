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

export async function getEmail(sql: Db, id: string): Promise<EmailRow | undefined> {
  const [row] = await sql<EmailRow[]>`
    select id, identity, message_id, source, size_bytes, received_at, status, failure_reason,
      from_address, subject, sent_at, parts, ingested_at
    from emails where id = ${id}`;
  return row;
}

export interface IngestedFacts {
  fromAddress: string | null;
  subject: string | null;
  sentAt: Date | null;
  parts: unknown;
}

export async function markIngested(sql: Db, id: string, facts: IngestedFacts): Promise<void> {
  await sql`
    update emails set status = 'ingested', failure_reason = null, from_address = ${facts.fromAddress},
      subject = ${facts.subject}, sent_at = ${facts.sentAt}, parts = ${sql.json(facts.parts as never)}, ingested_at = now()
    where id = ${id}`;
}

export async function markFailed(sql: Db, id: string, reason: string): Promise<void> {
  await sql`update emails set status = 'failed', failure_reason = ${reason}, ingested_at = now() where id = ${id}`;
}
