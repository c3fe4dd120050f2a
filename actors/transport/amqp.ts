import type { Redis } from 'ioredis';
import type { Logger } from '../common/log.js';
import type { ActorName } from '../messages/envelope.js';
import { ActorConsumer } from './amqp-consumer.js';
import { AmqpLink } from './amqp-link.js';
import { AmqpPublisher } from './amqp-publisher.js';
import { declareTopology, encodeNotice, queueFor } from './amqp-wire.js';
import type { Names } from './names.js';
import { RedisTransport } from './redis.js';
import type { ConsumeOptions, ControlCommand, Notice, NoticeHandler, Reply, Transport } from './transport.js';

export interface AmqpTransportOptions {
  url: string;
  /** Replies, control and worker status stay on Redis: fan-out and fire-and-forget fit pub/sub. */
  redisUrl: string;
  names: Names;
  shards: number;
  log: Logger;
  balanceMs?: number;
}

/**
 * RabbitMQ as the wire (TRANSPORT=amqp), for worker pools: each notice is delivered to one
 * consumer, acknowledged only once its row is settled, and delivered again to another
 * worker when its consumer dies. Publishing and consuming use separate connections, so
 * the broker's flow control on publishers never holds up acknowledgements.
 */
export class AmqpTransport implements Transport {
  readonly kind = 'amqp';
  private readonly redis: RedisTransport;
  private readonly publisher: AmqpPublisher;
  private readonly pub: AmqpLink;
  private sub: AmqpLink | undefined;
  private readonly consumers = new Map<ActorName, ActorConsumer[]>();

  constructor(private readonly o: AmqpTransportOptions) {
    this.redis = new RedisTransport(o.redisUrl, o.names, o.log);
    this.publisher = new AmqpPublisher(o.names.exchange, o.log);
    this.pub = this.link('b2b-amqp-pub');
    void this.pub.use(this.publisher.attach);
  }

  notify(actor: ActorName, notices: Notice[]): void {
    for (const n of notices) this.publisher.publish(queueFor(this.o.names, actor, n.key, this.o.shards), encodeNotice(n), n.id);
  }

  async consume(actor: ActorName, onNotices: NoticeHandler, options: ConsumeOptions = {}): Promise<void> {
    this.sub ??= this.link('b2b-amqp-sub');
    const sub = this.sub;
    const consumer = new ActorConsumer({
      names: this.o.names, actor, shards: this.o.shards, inflight: options.inflight ?? 100, balanceMs: this.o.balanceMs ?? 2_000,
      onNotices, onFailure: (reason) => sub.reset(reason), log: this.o.log,
    });
    this.consumers.set(actor, [...(this.consumers.get(actor) ?? []), consumer]);
    await sub.use(consumer.attach);
  }

  /** The key shards of an actor this process is the active consumer of (for the operator view). */
  activeShards(actor: ActorName): number[] {
    return (this.consumers.get(actor) ?? []).flatMap((c) => c.activeShards).sort((a, b) => a - b);
  }

  reply(channel: string, reply: Reply): void {
    this.redis.reply(channel, reply);
  }

  onReplies(channel: string, onReply: (reply: Reply) => void): Promise<void> {
    return this.redis.onReplies(channel, onReply);
  }

  control(command: ControlCommand): void {
    this.redis.control(command);
  }

  onControl(onCommand: (command: ControlCommand) => void): Promise<void> {
    return this.redis.onControl(onCommand);
  }

  async ping(timeoutMs = 2_000): Promise<boolean> {
    const amqp = this.pub.connected && (this.sub?.connected ?? true);
    return amqp && (await this.redis.ping(timeoutMs));
  }

  /** Notices published and not yet confirmed by the broker. */
  get unconfirmed(): number {
    return this.publisher.unconfirmed;
  }

  get client(): Redis {
    return this.redis.client;
  }

  /** Consumers first (what they hold goes back to the queues), then what is unconfirmed. */
  async close(flushMs = 2_000): Promise<void> {
    for (const list of this.consumers.values()) await Promise.all(list.map((c) => c.close()));
    await this.sub?.close();
    if (!(await this.publisher.flush(flushMs))) {
      this.o.log.warn({ unconfirmed: this.publisher.unconfirmed }, 'closing with unconfirmed notices; the sweeper will deliver them');
    }
    await this.pub.close();
    await this.redis.close();
  }

  private link(name: string): AmqpLink {
    const link = new AmqpLink(this.o.url, name, this.o.log);
    void link.use(async (model) => {
      const ch = await model.createChannel();
      await declareTopology(ch, this.o.names, this.o.shards);
      await ch.close();
    });
    link.open();
    return link;
  }
}
