import type { Sql } from '../../db/client.js';
import { purgeEvents } from '../../db/events.js';
import { purgeFinished } from '../../db/mailbox.js';
import { purgeNonces } from '../../db/nonces.js';
import { purgeConfirmations } from '../../db/ops-purge.js';
import { recordProbes, type ProbeRow } from '../../db/probes.js';
import { Batcher } from '../common/batcher.js';
import { AppError, isErrorCode } from '../common/errors.js';
import type { PurgeFinished, RecordProbe } from '../messages/housekeeping.js';
import type { ActorDefinition, HandlerContext } from '../system/definition.js';
import type { z } from 'zod';

export interface HousekeepingDeps {
  sql: Sql;
}

/**
 * Housekeeping: retention of finished mailbox rows, webhook nonces, lifecycle events and
 * spent confirmation tokens, and end-to-end probes. Probe rows are written in group commits: many concurrent probes, one insert.
 */
export function createHousekeeping({ sql }: HousekeepingDeps): ActorDefinition<null> {
  const probes = new Batcher<ProbeRow, void>(async (rows) => {
    await recordProbes(sql, rows);
    return rows.map(() => undefined);
  });
  return {
    name: 'housekeeping', pool: 64, inflight: 2_000, timeoutMs: 60_000, maxAttempts: 5,
    initialState: () => null,
    handle: async (ctx: HandlerContext<null>) => {
      switch (ctx.message.type) {
        case 'purgeFinished': return purge(sql, ctx.message.payload as z.output<typeof PurgeFinished>);
        case 'recordProbe': return probe(probes, ctx);
        default: throw new AppError('B2B_MESSAGE_INVALID', `housekeeping has no handler for ${ctx.message.type}`);
      }
    },
  };
}

async function purge(sql: Sql, p: z.output<typeof PurgeFinished>): Promise<{ messages: number; nonces: number; events: number; confirmations: number }> {
  const messages = await purgeFinished(sql, p.doneOlderThanHours);
  const nonces = await purgeNonces(sql, p.noncesOlderThanHours);
  const events = await purgeEvents(sql, p.eventsOlderThanDays);
  const confirmations = await purgeConfirmations(sql);
  return { messages, nonces, events, confirmations };
}

async function probe(probes: Batcher<ProbeRow, void>, ctx: HandlerContext<null>): Promise<{ recorded: true }> {
  const p = ctx.message.payload as z.output<typeof RecordProbe>;
  if (p.failUntilAttempt !== undefined && ctx.message.attempts < p.failUntilAttempt) {
    const code = isErrorCode(p.failCode) ? p.failCode : 'B2B_INTERNAL';
    throw new AppError(code, `probe failing on purpose (attempt ${ctx.message.attempts} of ${p.failUntilAttempt})`);
  }
  await probes.add({ messageId: ctx.message.id, note: p.note ?? null, sentAt: p.sentAt });
  return { recorded: true };
}
