import { randomUUID } from 'node:crypto';
import type { Sql } from '../db/client.js';
import { getMessage, type MailboxRow } from '../db/mailbox.js';
import type { Reply, Transport } from '../actors/transport/transport.js';
import type { Names } from '../actors/transport/names.js';

export type Settled = Pick<MailboxRow, 'id' | 'state' | 'result' | 'last_error'>;

/**
 * Waits for actors' answers on this gateway process's own reply channel. The mailbox row
 * stays the truth: when a reply is lost (or the send was a duplicate, so nobody replies
 * to this caller), the row is read instead.
 */
export class ReplyWaiter {
  readonly channel: string;
  private readonly waiting = new Map<string, (reply: Reply) => void>();

  constructor(private readonly sql: Sql, private readonly transport: Transport, names: Names) {
    this.channel = names.replyChannel(`gateway-${randomUUID()}`);
  }

  async start(): Promise<void> {
    await this.transport.onReplies(this.channel, (reply) => {
      if (reply.correlationId) this.waiting.get(reply.correlationId)?.(reply);
    });
  }

  /** A correlation id to send with, and a wait that ends with the settled row or undefined. */
  expect(): { correlationId: string; wait: (messageId: string, seconds: number) => Promise<Settled | undefined> } {
    const correlationId = randomUUID();
    let resolveReply: (r: Reply) => void = () => undefined;
    const replied = new Promise<Reply>((resolve) => { resolveReply = resolve; });
    this.waiting.set(correlationId, resolveReply);
    return {
      correlationId,
      wait: async (messageId, seconds) => {
        try {
          return await this.waitFor(messageId, replied, seconds * 1000);
        } finally {
          this.waiting.delete(correlationId);
        }
      },
    };
  }

  /** Forgets a wait that will not happen (the send failed). */
  cancel(correlationId: string): void {
    this.waiting.delete(correlationId);
  }

  private async waitFor(messageId: string, replied: Promise<Reply>, ms: number): Promise<Settled | undefined> {
    const deadline = Date.now() + ms;
    for (;;) {
      const row = await getMessage(this.sql, messageId);
      if (row && (row.state === 'done' || row.state === 'dead')) return row;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      const reply = await Promise.race([replied, sleep(Math.min(left, 500))]);
      if (reply) return { id: reply.id, state: reply.state, result: reply.result ?? null, last_error: reply.error ?? null };
    }
  }
}

function sleep(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
}
