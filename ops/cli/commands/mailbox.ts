import { BROWSE_STATES, browseMessages, messageViews, type BrowseState } from '../../../db/ops-messages.js';
import { getMessage } from '../../../db/mailbox.js';
import type { OpsMessage } from '../../../db/ops-views.js';
import { table, type Command, type CommandContext } from '../context.js';
import { actorArg, ageText, clip, cliOperator, flagText, idArg } from './cli-common.js';

function stateFlag(value: unknown): BrowseState | undefined {
  const state = flagText(value);
  if (state === undefined) return undefined;
  if (!(BROWSE_STATES as readonly string[]).includes(state)) throw new Error(`--state is one of ${BROWSE_STATES.join(', ')}`);
  return state as BrowseState;
}

function limitFlag(value: unknown): number {
  const n = Number(flagText(value) ?? 50);
  if (!Number.isInteger(n) || n < 1 || n > 500) throw new Error('--limit is a whole number from 1 to 500');
  return n;
}

function line(m: OpsMessage) {
  return {
    id: m.id, type: m.type, state: m.dueLater ? 'due_later' : m.state, attempts: m.attempts, created: m.timing.createdAt,
    age: ageText(m.timing.ageS), error: m.lastError ? clip(`${m.lastError.code}: ${m.lastError.message}`, 70) : null,
  };
}

export const mailbox: Command = {
  usage: 'mailbox ACTOR [--state queued|due_later|in_flight|done|dead|cancelled] [--type T] [--limit N] [--cursor ID] [--reveal]',
  summary: "an actor's messages, newest first, with their last error (payloads redacted; --reveal shows them, audited)",
  options: { state: { type: 'string' }, type: { type: 'string' }, limit: { type: 'string' }, cursor: { type: 'string' }, reveal: { type: 'boolean' } },
  async run({ sql, args, flags, json, out }: CommandContext) {
    const actor = actorArg(args[0], mailbox.usage);
    const limit = limitFlag(flags.limit);
    const rows = await browseMessages(sql, { actor, state: stateFlag(flags.state), type: flagText(flags.type), before: flagText(flags.cursor), limit });
    const views = await messageViews(sql, cliOperator(), rows, flags.reveal === true);
    if (json) return views.forEach((v) => out(JSON.stringify(v)));
    out(table(views.map(line)));
    if (rows.length === limit) out(`more: --cursor ${rows[rows.length - 1]?.id}`);
  },
};

export const message: Command = {
  usage: 'message ID [--reveal]',
  summary: 'one message: envelope, payload (redacted unless --reveal, audited), attempts, error, timeline',
  options: { reveal: { type: 'boolean' } },
  async run({ sql, args, flags, json, out }: CommandContext) {
    const id = idArg(args[0], message.usage);
    const row = await getMessage(sql, id);
    if (!row) throw new Error(`no message ${id}`);
    const [view] = await messageViews(sql, cliOperator(), [row], flags.reveal === true);
    const m = view as OpsMessage;
    if (json) return out(JSON.stringify(m));
    out(table([line(m)]));
    out(`payload: ${JSON.stringify(m.payload)}`);
    if (m.lastError) out(`last error: ${m.lastError.code}: ${m.lastError.message}`);
    out(table(m.events.map((e) => ({ at: e.at, event: e.event, attempt: e.attempt, ms: e.durationMs, by: e.by, error: e.error ? clip(`${e.error.code}: ${e.error.message}`, 60) : null }))));
  },
};
