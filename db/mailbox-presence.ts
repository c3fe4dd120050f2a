import type { Db } from './client.js';

/** Which of these mailbox ids have a row: a notice for one that has none is dead-lettered. */
export async function existingMessageIds(sql: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await sql<{ id: string }[]>`select id from mailbox where id = any(${ids}::uuid[])`;
  return new Set(rows.map((r) => r.id));
}
