import { cancelMessage, retryAllDeadLetters, retryDeadLetter } from '../../../db/ops-actions.js';
import { purgeDeadLetters, type PurgeConfirmation } from '../../../db/ops-purge.js';
import type { Command } from '../context.js';
import { actorArg, announce, cliOperator, flagText, idArg } from './cli-common.js';

/** Exit status of a destructive command that was not confirmed: nothing was done. */
const NEEDS_CONFIRMATION = 3;

export const retry: Command = {
  usage: 'retry ID',
  summary: 'retry a dead letter now, with a fresh set of attempts (audited)',
  async run({ sql, args, json, out }) {
    const row = await retryDeadLetter(sql, cliOperator(), idArg(args[0], retry.usage));
    await announce([row]);
    out(json ? JSON.stringify({ id: row.id, actor: row.actor, state: row.state }) : `${row.id} (${row.actor}.${row.type}) queued again`);
  },
};

export const retryAll: Command = {
  usage: 'retry-all ACTOR',
  summary: "retry all of an actor's dead letters now (audited)",
  async run({ sql, args, json, out }) {
    const actor = actorArg(args[0], retryAll.usage);
    const rows = await retryAllDeadLetters(sql, cliOperator(), actor);
    await announce(rows);
    out(json ? JSON.stringify({ actor, retried: rows.length }) : `${rows.length} dead letters of ${actor} queued again`);
  },
};

export const cancel: Command = {
  usage: 'cancel ID',
  summary: 'cancel a queued message (due now or later) so it never runs (audited)',
  async run({ sql, args, json, out }) {
    const row = await cancelMessage(sql, cliOperator(), idArg(args[0], cancel.usage));
    out(json ? JSON.stringify({ id: row.id, actor: row.actor, state: row.state }) : `${row.id} (${row.actor}.${row.type}) cancelled`);
  },
};

export const purge: Command = {
  usage: 'purge ACTOR [--confirm TOKEN]',
  summary: "delete an actor's dead letters: the first call prints a token, the second (with it) deletes (audited)",
  options: { confirm: { type: 'string' } },
  async run({ sql, args, flags, json, out }) {
    const actor = actorArg(args[0], purge.usage);
    try {
      const { purged } = await purgeDeadLetters(sql, cliOperator(), actor, flagText(flags.confirm));
      out(json ? JSON.stringify({ actor, purged }) : `${purged} dead letters of ${actor} purged`);
      return 0;
    } catch (err) {
      if ((err as { code?: string }).code !== 'B2B_CONFIRMATION_REQUIRED') throw err;
      const c = (err as { details: PurgeConfirmation }).details;
      out(json ? JSON.stringify({ code: 'B2B_CONFIRMATION_REQUIRED', ...c })
        : `${(err as Error).message}\n  npm run -s ops -- purge ${actor} --confirm ${c.token}   (valid until ${c.expiresAt})`);
      return NEEDS_CONFIRMATION;
    }
  },
};
