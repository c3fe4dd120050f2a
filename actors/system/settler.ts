import type { Sql } from '../../db/client.js';
import { completeMessages, failMessage, releaseMessages, type Completion, type MailboxRow } from '../../db/mailbox.js';
import { Batcher } from '../common/batcher.js';
import { toErrorShape, type ErrorShape } from '../common/errors.js';
import type { Logger } from '../common/log.js';
import { retryDelayMs } from '../mailbox/backoff.js';
import type { Transport } from '../transport/transport.js';

export interface RetryPolicy {
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
}

export type Outcome = 'done' | 'retry' | 'dead';

/**
 * Writes what became of each claimed message. Completions are batched (group commit);
 * failures are rare and written one by one. Replies go out only after the row is settled,
 * so a waiting client never sees a result the mailbox does not hold.
 */
export class Settler {
  private readonly completions: Batcher<Completion & { row: MailboxRow }, void>;

  constructor(
    private readonly sql: Sql,
    private readonly transport: Transport,
    private readonly owner: string,
    private readonly log: Logger,
  ) {
    this.completions = new Batcher((batch) => this.writeCompletions(batch), 1_000);
  }

  done(row: MailboxRow, result: unknown): Promise<void> {
    return this.completions.add({ id: row.id, result: result ?? null, row });
  }

  async fail(row: MailboxRow, err: unknown, policy: RetryPolicy, random: () => number = Math.random): Promise<{ outcome: Outcome; error: ErrorShape }> {
    const error = toErrorShape(err);
    // An outage is not the message's fault: it does not use up an attempt.
    const outage = error.code === 'B2B_UNAVAILABLE';
    const last = !error.retryable || (!outage && row.attempts >= policy.maxAttempts);
    const retryAt = last ? null : new Date(Date.now() + retryDelayMs(row.attempts, policy.backoffBaseMs, policy.backoffMaxMs, random));
    const settled = await failMessage(this.sql, this.owner, {
      id: row.id, error: { code: error.code, message: error.message, retryable: error.retryable }, retryAt, countAttempt: !outage,
    });
    if (settled && last && row.reply_to) {
      this.transport.reply(row.reply_to, { id: row.id, correlationId: row.correlation_id ?? undefined, state: 'dead', error });
    }
    return { outcome: last ? 'dead' : 'retry', error };
  }

  release(ids: string[]): Promise<string[]> {
    return releaseMessages(this.sql, this.owner, ids);
  }

  drained(): Promise<void> {
    return this.completions.idle();
  }

  private async writeCompletions(batch: (Completion & { row: MailboxRow })[]): Promise<void[]> {
    const settled = new Set(await completeMessages(this.sql, this.owner, batch.map(({ id, result }) => ({ id, result }))));
    for (const { row, result } of batch) {
      if (!settled.has(row.id)) {
        this.log.warn({ msgId: row.id, actor: row.actor }, 'completion not recorded: the lease had passed to another worker');
      } else if (row.reply_to) {
        this.transport.reply(row.reply_to, { id: row.id, correlationId: row.correlation_id ?? undefined, state: 'done', result });
      }
    }
    return batch.map(() => undefined);
  }
}
