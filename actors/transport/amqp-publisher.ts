import type { ChannelModel, ConfirmChannel } from 'amqplib';
import type { Logger } from '../common/log.js';

interface Outgoing {
  queue: string;
  body: Buffer;
  id: string;
}

/**
 * Publishes notices, persistent, on a confirm channel. Each stays outstanding until the
 * broker confirms it: a nack sends it again shortly, a connection lost before the confirm
 * sends it again on the next connection, in the original order. Duplicates are harmless
 * (claims are by id). Past `limit` outstanding the oldest is let go with a warning: its row
 * is in the mailbox, and the sweeper claims it after AMQP_SWEEP_GRACE_MS.
 */
export class AmqpPublisher {
  private channel: ConfirmChannel | null = null;
  private seq = 0;
  private readonly outstanding = new Map<number, Outgoing>();

  constructor(private readonly exchange: string, private readonly log: Logger, private readonly limit = 100_000) {}

  /** Link hook: on each connection a new confirm channel, and everything unconfirmed again. */
  readonly attach = async (model: ChannelModel): Promise<void> => {
    const ch = await model.createConfirmChannel();
    ch.on('error', (err: Error) => this.log.warn({ err: err.message }, 'rabbitmq publish channel error'));
    ch.on('close', () => { if (this.channel === ch) this.channel = null; });
    ch.on('return', (msg: { properties: { messageId?: string }; fields: { routingKey: string } }) => {
      this.log.warn({ msgId: msg.properties.messageId, queue: msg.fields.routingKey }, 'notice unroutable; the sweeper will deliver');
    });
    this.channel = ch;
    for (const [seq, o] of this.outstanding) this.send(ch, seq, o);
  };

  publish(queue: string, body: Buffer, id: string): void {
    if (this.outstanding.size >= this.limit) this.dropOldest();
    const seq = ++this.seq;
    const o = { queue, body, id };
    this.outstanding.set(seq, o);
    if (this.channel) this.send(this.channel, seq, o);
  }

  get unconfirmed(): number {
    return this.outstanding.size;
  }

  /** Waits until every notice is confirmed, or the time is up; says which. */
  async flush(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.outstanding.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    return this.outstanding.size === 0;
  }

  private send(ch: ConfirmChannel, seq: number, o: Outgoing): void {
    try {
      ch.publish(this.exchange, o.queue, o.body, { persistent: true, mandatory: true, contentType: 'application/json', messageId: o.id },
        (err: unknown) => this.confirmed(ch, seq, err));
    } catch {
      // The channel closed under us: the notice stays outstanding for the next connection.
    }
  }

  private confirmed(ch: ConfirmChannel, seq: number, err: unknown): void {
    if (!err) {
      this.outstanding.delete(seq);
      return;
    }
    // A nack on a live channel: again shortly. A closed channel: the next connection resends.
    if (this.channel !== ch) return;
    setTimeout(() => {
      const o = this.outstanding.get(seq);
      if (o && this.channel === ch) this.send(ch, seq, o);
    }, 200).unref();
  }

  private dropOldest(): void {
    const [seq, o] = this.outstanding.entries().next().value as [number, Outgoing];
    this.outstanding.delete(seq);
    this.log.warn({ msgId: o.id, outstanding: this.limit }, 'too many unconfirmed notices; the sweeper will deliver this one');
  }
}
