import type { Channel, ChannelModel } from 'amqplib';
import type { Logger } from '../common/log.js';
import type { ActorName } from '../messages/envelope.js';
import { shardsToHandOver } from './amqp-balance.js';
import { closeWithin } from './amqp-link.js';
import { QueueConsumer } from './amqp-queue-consumer.js';
import { queuesOf } from './amqp-wire.js';
import type { Names } from './names.js';
import type { Notice, NoticeHandler } from './transport.js';

export interface ActorConsumerOptions {
  names: Names;
  actor: ActorName;
  shards: number;
  /** The actor's in-memory bound. */
  inflight: number;
  balanceMs: number;
  onNotices: NoticeHandler;
  onFailure: (reason: string) => void;
  log: Logger;
}

/**
 * One actor's consumers in one process: the actor's shared queue, with the actor's
 * in-memory bound as its prefetch, and every key shard queue, sharing that bound among
 * them (only the shards this process is the active consumer of deliver). Deliveries of one
 * tick reach the intake as one batch. Every `balanceMs` it hands over the shards beyond its
 * fair share, so keyed work spreads over the pool while each key keeps one consumer.
 */
export class ActorConsumer {
  private readonly queues: QueueConsumer[];
  private batch: Notice[] = [];
  private control: Channel | null = null;
  private timer: NodeJS.Timeout | undefined;
  private balancing = false;

  constructor(private readonly o: ActorConsumerOptions) {
    const shardPrefetch = Math.max(1, Math.ceil(o.inflight / o.shards));
    this.queues = queuesOf(o.names, o.actor, o.shards).map((q) => new QueueConsumer({
      queue: q.name, shard: q.shard, prefetch: q.shard === undefined ? o.inflight : shardPrefetch,
      onNotice: (n) => this.push(n), onFailure: o.onFailure, log: o.log,
    }));
  }

  /** Link hook: on each connection, consume every queue again. */
  readonly attach = async (model: ChannelModel): Promise<void> => {
    const control = await model.createChannel();
    control.on('error', () => undefined);
    control.on('close', () => { if (this.control === control) this.control = null; });
    this.control = control;
    await Promise.all(this.queues.map((q) => q.start(model)));
    this.timer ??= setInterval(() => void this.balance(), this.o.balanceMs);
  };

  /** The key shards this process is the active consumer of. */
  get activeShards(): number[] {
    return this.queues.filter((q) => q.active && q.o.shard !== undefined).map((q) => q.o.shard as number);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(this.queues.map((q) => q.close()));
    await closeWithin(this.control?.close());
  }

  private push(n: Notice): void {
    this.batch.push(n);
    if (this.batch.length === 1) setImmediate(() => this.flush());
  }

  private flush(): void {
    const batch = this.batch;
    this.batch = [];
    this.o.onNotices(batch);
  }

  private async balance(): Promise<void> {
    const control = this.control;
    if (this.balancing || !control) return;
    this.balancing = true;
    try {
      const { consumerCount } = await control.checkQueue(this.o.names.queue(this.o.actor));
      const active = this.queues.filter((q) => q.o.shard !== undefined && q.active && !q.handingOver);
      const excess = shardsToHandOver(active.length, this.o.shards, consumerCount);
      const chosen = active.sort((a, b) => a.busy - b.busy).slice(0, excess);
      if (chosen.length > 0) this.o.log.info({ actor: this.o.actor, workers: consumerCount, handOver: chosen.map((q) => q.o.shard) }, 'spreading key shards over the pool');
      await Promise.all(chosen.map((q) => q.handOver()));
    } catch (err) {
      this.o.log.debug({ actor: this.o.actor, err: (err as Error).message }, 'shard balance skipped');
    } finally {
      this.balancing = false;
    }
  }
}
