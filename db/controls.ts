import type { Db } from './client.js';

export interface ActorControl {
  actor: string;
  paused: boolean;
  reason: string | null;
  resume_at: Date | null;
  changed_by: string | null;
  changed_at: Date;
}

export async function listControls(sql: Db): Promise<ActorControl[]> {
  return sql<ActorControl[]>`select * from actor_controls order by actor`;
}

export async function setPaused(
  sql: Db, actor: string, paused: boolean, reason: string | null, by: string, resumeAt: Date | null = null,
): Promise<ActorControl> {
  const [row] = await sql<ActorControl[]>`
    insert into actor_controls (actor, paused, reason, resume_at, changed_by, changed_at)
    values (${actor}, ${paused}, ${reason}, ${resumeAt}, ${by}, now())
    on conflict (actor) do update set paused = excluded.paused, reason = excluded.reason,
      resume_at = excluded.resume_at, changed_by = excluded.changed_by, changed_at = now()
    returning *`;
  return row as ActorControl;
}

/** Ends the pauses whose cool-down is over; an operator's pause has none and stays. */
export async function resumeCooledDown(sql: Db): Promise<string[]> {
  const rows = await sql<{ actor: string }[]>`
    update actor_controls set paused = false, reason = 'resumed after its cool-down', resume_at = null,
      changed_by = 'supervisor', changed_at = now()
    where paused and resume_at <= now()
    returning actor`;
  return rows.map((r) => r.actor);
}
