import type { Sql } from '../../db/client.js';
import { waitUntil } from './setup.js';

/** Probes of one benchmark phase (their `note`) recorded so far. */
export async function probesDone(sql: Sql, note: string): Promise<number> {
  const [r] = await sql<{ n: number }[]>`select count(*)::int as n from probes where note = ${note}`;
  return r?.n ?? 0;
}

/**
 * Waits for a phase's probes, polling gently so that the poll does not load the machine it
 * measures; answers when the last of them was done.
 */
export async function awaitProbes(sql: Sql, note: string, expected: number, timeoutMs = 300_000): Promise<number> {
  await waitUntil(async () => {
    await new Promise((r) => setTimeout(r, 200));
    return (await probesDone(sql, note)) >= expected;
  }, timeoutMs, `${note}: ${expected} done`);
  const [r] = await sql<{ last: Date }[]>`
    select max(finished_at) as last from mailbox where type = 'recordProbe' and payload->>'note' = ${note}`;
  return (r as { last: Date }).last.getTime();
}
