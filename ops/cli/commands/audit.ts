import { listAudit, type AuditAction } from '../../../db/audit.js';
import { table, type Command } from '../context.js';
import { flagText } from './cli-common.js';

export const audit: Command = {
  usage: 'audit [--actor ACTOR] [--action ACTION] [--limit N]',
  summary: 'operator actions from the API, the console and the CLI: who, what, when (newest first)',
  options: { actor: { type: 'string' }, action: { type: 'string' }, limit: { type: 'string' } },
  async run({ sql, flags, json, out }) {
    const limit = Number(flagText(flags.limit) ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1_000) throw new Error('--limit is a whole number from 1 to 1000');
    const entries = await listAudit(sql, { limit, actor: flagText(flags.actor), action: flagText(flags.action) as AuditAction | undefined });
    if (json) return entries.forEach((e) => out(JSON.stringify(e)));
    out(table(entries.map((e) => ({
      at: e.at, who: e.who, action: e.action, actor: e.actor, message: e.message_id, count: e.count,
      details: e.details ? JSON.stringify(e.details).slice(0, 60) : null,
    }))));
  },
};
