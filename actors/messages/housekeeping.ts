import { z } from 'zod';

/** Scheduler → housekeeping: delete finished mailbox rows, old webhook nonces and lifecycle events past retention. */
export const PurgeFinished = z.object({
  doneOlderThanHours: z.number().int().min(0),
  noncesOlderThanHours: z.number().int().min(0).default(24),
  eventsOlderThanDays: z.number().int().min(1).default(14),
});

/**
 * Operator CLI or benchmark → housekeeping: record an end-to-end probe row, once per message.
 * `failUntilAttempt` makes a probe fail on purpose (attempts below it), so an operator can
 * check retries and dead letters on a live system.
 */
export const RecordProbe = z.object({
  note: z.string().max(200).optional(),
  sentAt: z.iso.datetime({ offset: true }),
  failUntilAttempt: z.number().int().min(0).max(100).optional(),
  failCode: z.string().max(80).optional(),
});

export const housekeepingMessages = { purgeFinished: PurgeFinished, recordProbe: RecordProbe } as const;
