import { z } from 'zod';
import { ACTORS } from '../actors/messages/envelope.js';
import type { LiveActor, WorkerSnapshot } from '../actors/system/status-publisher.js';
import type { Db } from './client.js';
import { listControls, type ActorControl } from './controls.js';
import { mailboxDepths, oldestInFlight, type MailboxDepth, type OldestInFlight } from './depths.js';
import { actorStats, lastErrors, type ActorStats, type LastError } from './ops-stats.js';

/** Everything an operator sees of one actor: durable (PostgreSQL), historic (events) and live (the workers). */
export const ActorView = z.object({
  actor: z.string(),
  state: z.enum(['running', 'paused', 'restarting', 'stopped']),
  pausedReason: z.string().nullable(),
  pausedBy: z.string().nullable(),
  resumeAt: z.string().nullable(),
  /** Live workers running this actor; 0: none is (state "stopped" unless paused). */
  workers: z.number().int(),
  live: z.object({ restarts: z.number().int(), held: z.number().int(), processing: z.number().int(), pendingNotices: z.number().int() }),
  mailbox: z.object({
    queued: z.number().int(), dueLater: z.number().int(), inFlight: z.number().int(),
    done: z.number().int(), dead: z.number().int(), cancelled: z.number().int(),
  }),
  oldestQueuedAgeS: z.number().nullable(),
  oldestInFlight: z.object({ id: z.string(), type: z.string(), since: z.string(), ageS: z.number(), worker: z.string().nullable() }).nullable(),
  throughput: z.object({ lastMinute: z.number().int(), lastHour: z.number().int(), receivedLastMinute: z.number().int(), receivedLastHour: z.number().int() }),
  failures: z.object({ lastMinute: z.number().int(), lastHour: z.number().int(), deadLastHour: z.number().int(), rate: z.number().nullable() }),
  handlingMs: z.object({ mean: z.number().nullable(), p95: z.number().nullable() }),
  lastError: z.object({ code: z.string().nullable(), message: z.string().nullable(), at: z.string(), messageId: z.string() }).nullable(),
});
export type ActorView = z.infer<typeof ActorView>;

export interface OverviewFacts {
  depths: MailboxDepth[];
  controls: ActorControl[];
  inFlight: OldestInFlight[];
  stats: ActorStats[];
  errors: LastError[];
  /** null: the live status could not be read (Redis down). */
  workers: WorkerSnapshot[] | null;
}

async function overviewFacts(sql: Db, workers: WorkerSnapshot[] | null): Promise<OverviewFacts> {
  const [depths, controls, inFlight, stats, errors] = await Promise.all([
    mailboxDepths(sql), listControls(sql), oldestInFlight(sql), actorStats(sql, ACTORS), lastErrors(sql, ACTORS),
  ]);
  return { depths, controls, inFlight, stats, errors, workers };
}

/** The actor's state across workers: a pause (the durable row) first, then the liveliest worker. */
export function combinedState(control: ActorControl | undefined, live: LiveActor[]): ActorView['state'] {
  if (control?.paused) return 'paused';
  for (const state of ['restarting', 'running', 'paused'] as const) if (live.some((l) => l.state === state)) return state;
  return 'stopped';
}

function lastErrorOf(stored: LastError | undefined, live: LiveActor[]): ActorView['lastError'] {
  const fromLive = live.flatMap((l) => (l.lastError ? [l.lastError] : [])).sort((a, b) => b.at.localeCompare(a.at))[0];
  const storedAt = stored?.at.toISOString();
  if (fromLive && (!storedAt || fromLive.at > storedAt)) return { code: fromLive.code, message: fromLive.message, at: fromLive.at, messageId: fromLive.msgId };
  return stored && storedAt ? { code: stored.code, message: stored.message, at: storedAt, messageId: stored.message_id } : null;
}

function sum(live: LiveActor[], pick: (l: LiveActor) => number): number {
  return live.reduce((n, l) => n + pick(l), 0);
}

export function actorView(actor: string, f: OverviewFacts): ActorView {
  const d = f.depths.find((x) => x.actor === actor);
  const c = f.controls.find((x) => x.actor === actor);
  const s = f.stats.find((x) => x.actor === actor);
  const o = f.inFlight.find((x) => x.actor === actor);
  const live = (f.workers ?? []).flatMap((w) => w.actors.filter((a) => a.actor === actor));
  const attempts = (s?.succeeded_1h ?? 0) + (s?.failed_1h ?? 0);
  return {
    actor, state: combinedState(c, live),
    pausedReason: c?.paused ? c.reason : null, pausedBy: c?.paused ? c.changed_by : null,
    resumeAt: c?.paused ? c.resume_at?.toISOString() ?? null : null,
    workers: live.length,
    live: { restarts: sum(live, (l) => l.restarts), held: sum(live, (l) => l.held), processing: sum(live, (l) => l.processing), pendingNotices: sum(live, (l) => l.pendingNotices) },
    mailbox: { queued: d?.queued ?? 0, dueLater: d?.due_later ?? 0, inFlight: d?.in_flight ?? 0, done: d?.done ?? 0, dead: d?.dead ?? 0, cancelled: d?.cancelled ?? 0 },
    oldestQueuedAgeS: d?.oldest_queued_age_s ?? null,
    oldestInFlight: o ? { id: o.id, type: o.type, since: o.started_at.toISOString(), ageS: o.age_s, worker: o.lease_owner } : null,
    throughput: { lastMinute: s?.succeeded_1m ?? 0, lastHour: s?.succeeded_1h ?? 0, receivedLastMinute: s?.received_1m ?? 0, receivedLastHour: s?.received_1h ?? 0 },
    failures: { lastMinute: s?.failed_1m ?? 0, lastHour: s?.failed_1h ?? 0, deadLastHour: s?.dead_1h ?? 0, rate: attempts === 0 ? null : (s?.failed_1h ?? 0) / attempts },
    handlingMs: { mean: s?.mean_ms ?? null, p95: s?.p95_ms ?? null },
    lastError: lastErrorOf(f.errors.find((x) => x.actor === actor), live),
  };
}

/** Every actor the system knows, in the registry's order. */
export async function actorOverview(sql: Db, workers: WorkerSnapshot[] | null): Promise<ActorView[]> {
  const facts = await overviewFacts(sql, workers);
  return ACTORS.map((actor) => actorView(actor, facts));
}
