import { listControls, setPaused } from '../../../db/controls.js';
import { mailboxDepths } from '../../../db/depths.js';
import { ActorName } from '../../../actors/messages/envelope.js';
import { table, type Command } from '../context.js';

function actorArg(args: string[], usage: string): ActorName {
  const parsed = ActorName.safeParse(args[0]);
  if (!parsed.success) throw new Error(`usage: ${usage} (actors: ${ActorName.options.join(', ')})`);
  return parsed.data;
}

export const actors: Command = {
  usage: 'actors',
  summary: "every actor's pause state and durable mailbox by state",
  async run({ sql, json, out }) {
    const [depths, controls] = await Promise.all([mailboxDepths(sql), listControls(sql)]);
    const rows = ActorName.options.map((actor) => {
      const d = depths.find((x) => x.actor === actor);
      const c = controls.find((x) => x.actor === actor);
      return {
        actor, state: c?.paused ? 'paused' : 'running', queued: d?.queued ?? 0, due_later: d?.due_later ?? 0,
        in_flight: d?.in_flight ?? 0, done: d?.done ?? 0, dead: d?.dead ?? 0,
        oldest_queued_s: d?.oldest_queued_age_s === null || d === undefined ? null : Math.round(d.oldest_queued_age_s),
        reason: c?.paused ? c.reason : null,
      };
    });
    if (json) return rows.forEach((r) => out(JSON.stringify(r)));
    out(table(rows));
  },
};

export const pause: Command = {
  usage: 'pause ACTOR [--reason TEXT]',
  summary: "pause an actor's intake; its messages wait, durably (workers apply it within a sweep)",
  options: { reason: { type: 'string' } },
  async run({ sql, args, flags, out }) {
    const actor = actorArg(args, pause.usage);
    const reason = typeof flags.reason === 'string' ? flags.reason : 'paused from the operator CLI';
    await setPaused(sql, actor, true, reason, 'cli');
    out(`${actor} paused`);
  },
};

export const resume: Command = {
  usage: 'resume ACTOR',
  summary: "resume an actor's intake",
  async run({ sql, args, out }) {
    const actor = actorArg(args, resume.usage);
    await setPaused(sql, actor, false, null, 'cli');
    out(`${actor} resumed`);
  },
};
