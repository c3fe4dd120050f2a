import type { Db } from './client.js';

/** When the leading scheduler last expected a job to be due next. */
export async function expectedDue(sql: Db, job: string): Promise<Date | undefined> {
  const [row] = await sql<{ next_due: Date }[]>`select next_due from scheduler_expected where job = ${job}`;
  return row?.next_due;
}

export async function setExpectedDue(sql: Db, job: string, nextDue: Date): Promise<void> {
  await sql`
    insert into scheduler_expected (job, next_due) values (${job}, ${nextDue})
    on conflict (job) do update set next_due = excluded.next_due, updated_at = now()`;
}

/** Which of these firing keys of a job were fired. */
export async function firedKeys(sql: Db, job: string, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await sql<{ fire_key: string }[]>`select fire_key from scheduler_firings where job = ${job} and fire_key = any(${keys}::text[])`;
  return new Set(rows.map((r) => r.fire_key));
}
