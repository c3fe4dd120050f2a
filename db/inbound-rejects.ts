import { uuidv7 } from '../actors/common/ids.js';
import type { Db } from './client.js';

export interface InboundReject {
  id: string;
  provider: string;
  code: string;
  reason: string;
  content_type: string | null;
  size_bytes: number;
  received_at: Date;
}

export interface NewReject {
  provider: string;
  code: string;
  reason: string;
  contentType: string | null;
  body: Buffer;
}

/** Keeps a delivery the provider will not send again, byte for byte. */
export async function insertReject(sql: Db, r: NewReject): Promise<string> {
  const id = uuidv7();
  await sql`
    insert into inbound_rejects (id, provider, code, reason, content_type, body, size_bytes)
    values (${id}, ${r.provider}, ${r.code}, ${r.reason}, ${r.contentType}, ${r.body}, ${r.body.length})`;
  return id;
}

export async function listRejects(sql: Db, page: { limit: number; cursor?: string; provider?: string }): Promise<InboundReject[]> {
  return sql<InboundReject[]>`
    select id, provider, code, reason, content_type, size_bytes, received_at from inbound_rejects
    where ${page.provider === undefined ? sql`true` : sql`provider = ${page.provider}`}
      and ${page.cursor === undefined ? sql`true` : sql`id < ${page.cursor}`}
    order by id desc limit ${page.limit}`;
}

export async function getRejectBody(sql: Db, id: string): Promise<{ content_type: string | null; body: Buffer } | undefined> {
  const [row] = await sql<{ content_type: string | null; body: Buffer }[]>`select content_type, body from inbound_rejects where id = ${id}`;
  return row;
}
