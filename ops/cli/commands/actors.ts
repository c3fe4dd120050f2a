import { changePause } from '../../../db/ops-actions.js';
import { actorOverview, type ActorView } from '../../../db/ops-overview.js';
import { table, type Command } from '../context.js';
import { actorArg, ageText, clip, cliOperator, flagText, liveWorkersOrNull } from './cli-common.js';

function row(a: ActorView, live: boolean) {
  const m = a.mailbox;
  return {
    actor: a.actor, state: a.state, workers: live ? a.workers : '?', queued: m.queued, due_later: m.dueLater, in_flight: m.inFlight,
    dead: m.dead, done: m.done, held: live ? a.live.held : '?', oldest_queued: ageText(a.oldestQueuedAgeS),
    oldest_in_flight: ageText(a.oldestInFlight?.ageS), handled_1m: a.throughput.lastMinute, handled_1h: a.throughput.lastHour,
    fail_rate: a.failures.rate === null ? null : `${(a.failures.rate * 100).toFixed(1)}%`,
    mean_ms: a.handlingMs.mean === null ? null : Math.round(a.handlingMs.mean), p95_ms: a.handlingMs.p95 === null ? null : Math.round(a.handlingMs.p95),
    last_error: a.lastError ? clip(`${a.lastError.code}: ${a.lastError.message}`, 50) : null,
  };
}

export const actors: Command = {
  usage: 'actors',
  summary: 'every actor: state, mailbox by state, oldest ages, throughput, failure rate, handling times, last error',
  async run({ sql, json, out }) {
    const workers = await liveWorkersOrNull();
    const views = await actorOverview(sql, workers);
    if (json) return views.forEach((v) => out(JSON.stringify(v)));
    out(table(views.map((v) => row(v, workers !== null))));
    const paused = views.filter((v) => v.pausedReason);
    for (const p of paused) out(`${p.actor} paused by ${p.pausedBy ?? '?'}: ${p.pausedReason}${p.resumeAt ? ` (tries again at ${p.resumeAt})` : ''}`);
    if (workers === null) out('(live figures unavailable: REDIS_URL not configured or not answering)');
  },
};

export const workers: Command = {
  usage: 'workers',
  summary: 'each live worker process and what its actors hold (from Redis)',
  async run({ json, out }) {
    const live = await liveWorkersOrNull();
    if (live === null) throw new Error('live status unavailable: REDIS_URL not configured or not answering');
    if (json) return live.forEach((w) => out(JSON.stringify(w)));
    out(table(live.flatMap((w) => w.actors.map((a) => ({
      worker: w.worker, pid: w.pid, up: ageText(w.uptimeS), actor: a.actor, state: a.state, pool: a.pool, held: a.held,
      running: a.processing, restarts: a.restarts, oldest_in_flight: ageText(a.oldestInFlight ? a.oldestInFlight.ageMs / 1000 : null),
    })))));
  },
};

export const pause: Command = {
  usage: 'pause ACTOR [--reason TEXT]',
  summary: "pause an actor's intake; its messages wait, durably (workers apply it within a sweep; audited)",
  options: { reason: { type: 'string' } },
  async run({ sql, args, flags, out }) {
    const actor = actorArg(args[0], pause.usage);
    await changePause(sql, cliOperator(), actor, true, flagText(flags.reason) ?? 'paused from the operator CLI');
    out(`${actor} paused`);
  },
};

export const resume: Command = {
  usage: 'resume ACTOR',
  summary: "resume an actor's intake (audited)",
  async run({ sql, args, out }) {
    const actor = actorArg(args[0], resume.usage);
    await changePause(sql, cliOperator(), actor, false, null);
    out(`${actor} resumed`);
  },
};
