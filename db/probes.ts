import type { Db } from './client.js';

export interface ProbeRow {
  messageId: string;
  note: string | null;
  sentAt: string;
}

/** Idempotent per message: a redelivered probe does not write a second row. */
export async function recordProbes(sql: Db, rows: ProbeRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into probes (message_id, note, sent_at)
    select x.message_id, x.note, x.sent_at
    from jsonb_to_recordset(${sql.json(rows.map((r) => ({ message_id: r.messageId, note: r.note, sent_at: r.sentAt })) as never)})
      as x(message_id uuid, note text, sent_at timestamptz)
    on conflict (message_id) do nothing`;
}
