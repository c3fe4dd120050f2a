import type { Channel, ChannelModel, ConsumeMessage } from 'amqplib';
import type { Logger } from '../common/log.js';
import { decodeNotice } from './amqp-wire.js';
import { closeWithin } from './amqp-link.js';
import type { Notice, NoticeOutcome } from './transport.js';

export interface QueueConsumerOptions {
  queue: string;
  /** Set for a key shard queue (single active consumer). */
  shard?: number;
  prefetch: number;
  onNotice: (notice: Notice) => void;
  /** The channel failed, not by our hand: only a new connection mends it. */
  onFailure: (reason: string) => void;
  log: Logger;
}

/**
 * One queue's consumer, on a channel of its own so that a shard can be handed over alone.
 * Each notice is acknowledged only when the intake settles it (its row is done, failed or
 * released); a channel that closes first leaves it to the broker, which delivers it again.
 */
export class QueueConsumer {
  /** Has had a delivery since it registered: on a shard queue, it is the active consumer. */
  active = false;
  private channel: Channel | null = null;
  private model: ChannelModel | null = null;
  private outstanding = 0;
  private handing = false;
  private drained: (() => void) | null = null;

  constructor(readonly o: QueueConsumerOptions) {}

  get busy(): number {
    return this.outstanding;
  }

  get handingOver(): boolean {
    return this.handing;
  }

  async start(model: ChannelModel): Promise<void> {
    this.model = model;
    this.active = false;
    this.outstanding = 0;
    this.handing = false;
    this.wake();
    const ch = await model.createChannel();
    ch.on('error', (err: Error) => this.o.log.warn({ queue: this.o.queue, err: err.message }, 'rabbitmq consumer channel error'));
    ch.on('close', () => this.closed(ch));
    await ch.prefetch(this.o.prefetch);
    this.channel = ch;
    await ch.consume(this.o.queue, (msg) => {
      if (msg) this.delivered(ch, msg);
      else this.o.onFailure(`the broker cancelled the consumer of ${this.o.queue}`);
    });
  }

  /**
   * Gives the queue to the next consumer in line without breaking its order: newer notices
   * wait, unacknowledged, until every notice already handed on is settled; then the channel
   * closes (the broker puts the waiting ones back at the head of the queue, and the next
   * consumer becomes the active one) and this one gets back in line.
   */
  async handOver(): Promise<void> {
    const { channel: ch, model } = this;
    if (!ch || !model || this.handing) return;
    this.handing = true;
    if (this.outstanding > 0) await new Promise<void>((r) => { this.drained = r; });
    if (this.channel !== ch) return;
    this.channel = null;
    await ch.close().catch(() => undefined);
    this.o.log.info({ queue: this.o.queue }, 'key shard handed over');
    await this.start(model).catch((err: Error) => this.o.onFailure(`consume ${this.o.queue}: ${err.message}`));
  }

  async close(): Promise<void> {
    const ch = this.channel;
    this.channel = null;
    this.wake();
    await closeWithin(ch?.close());
  }

  private delivered(ch: Channel, msg: ConsumeMessage): void {
    const notice = decodeNotice(msg.content);
    if (!notice) {
      this.o.log.warn({ queue: this.o.queue }, 'malformed notice dead-lettered');
      this.answer(ch, msg, 'rejected');
      return;
    }
    // Handing over: it goes back to the queue with the channel, for the next consumer.
    if (this.handing) return;
    this.active = true;
    this.outstanding++;
    let once = false;
    const settle = (outcome: NoticeOutcome) => {
      if (once) return;
      once = true;
      this.settle(ch, msg, outcome);
    };
    this.o.onNotice({ ...notice, settle });
  }

  private settle(ch: Channel, msg: ConsumeMessage, outcome: NoticeOutcome): void {
    // Another channel by now: the broker has put this notice back already.
    if (this.channel !== ch) return;
    this.outstanding--;
    this.answer(ch, msg, outcome);
    if (this.outstanding === 0) this.wake();
  }

  private answer(ch: Channel, msg: ConsumeMessage, outcome: NoticeOutcome): void {
    try {
      if (outcome === 'settled') ch.ack(msg);
      else ch.nack(msg, false, outcome === 'released');
    } catch {
      // Closing: the broker delivers the notice again.
    }
  }

  private wake(): void {
    const drained = this.drained;
    this.drained = null;
    drained?.();
  }

  private closed(ch: Channel): void {
    // Closed on purpose (a hand-over, shutting down): nothing to mend.
    if (this.channel !== ch) return;
    this.channel = null;
    this.wake();
    this.o.onFailure(`the channel of ${this.o.queue} closed`);
  }
}
