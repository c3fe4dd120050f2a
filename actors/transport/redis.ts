import { Redis } from 'ioredis';
import type { Logger } from '../common/log.js';
import type { ActorName } from '../messages/envelope.js';
import type { Names } from './names.js';
import type { ControlCommand, Notice, NoticeHandler, Reply, Transport } from './transport.js';

type Listener = (payload: string) => void;

export function createRedis(url: string, name: string): Redis {
  return new Redis(url, {
    connectionName: name,
    maxRetriesPerRequest: 2,
    enableAutoPipelining: true,
    retryStrategy: (times) => Math.min(50 * 2 ** times, 2_000),
  });
}

/**
 * The subscriber connection sends nothing but (re)subscriptions: no ready check (INFO)
 * and no pipelining, which a connection in subscriber mode refuses after a reconnect.
 */
function createSubscriber(url: string): Redis {
  return new Redis(url, {
    connectionName: 'b2b-sub',
    enableReadyCheck: false,
    autoResubscribe: true,
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(50 * 2 ** times, 2_000),
  });
}

/**
 * Redis pub/sub as the wire: fast and at-most-once. A notice published while no worker
 * listens (or while Redis restarts) is gone, which is why the sweeper exists.
 */
export class RedisTransport implements Transport {
  readonly kind = 'redis';
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly listeners = new Map<string, Listener>();

  constructor(url: string, private readonly names: Names, private readonly log: Logger) {
    this.pub = createRedis(url, 'b2b-pub');
    this.sub = createSubscriber(url);
    this.pub.on('error', (err) => this.log.warn({ err: err.message }, 'redis publisher error'));
    this.sub.on('error', (err) => this.log.warn({ err: err.message }, 'redis subscriber error'));
    this.sub.on('message', (channel: string, payload: string) => this.listeners.get(channel)?.(payload));
  }

  notify(actor: ActorName, notices: Notice[]): void {
    if (notices.length === 0) return;
    this.publish(this.names.mailboxChannel(actor), JSON.stringify(notices));
  }

  async consume(actor: ActorName, onNotices: NoticeHandler): Promise<void> {
    await this.listen(this.names.mailboxChannel(actor), (payload) => onNotices(JSON.parse(payload) as Notice[]));
  }

  reply(channel: string, reply: Reply): void {
    this.publish(channel, JSON.stringify(reply));
  }

  async onReplies(channel: string, onReply: (reply: Reply) => void): Promise<void> {
    await this.listen(channel, (payload) => onReply(JSON.parse(payload) as Reply));
  }

  control(command: ControlCommand): void {
    this.publish(this.names.controlChannel, JSON.stringify(command));
  }

  async onControl(onCommand: (command: ControlCommand) => void): Promise<void> {
    await this.listen(this.names.controlChannel, (payload) => onCommand(JSON.parse(payload) as ControlCommand));
  }

  async ping(timeoutMs = 2_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs); });
    try {
      return await Promise.race([this.pub.ping().then((r) => r === 'PONG'), timeout]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The publisher connection, for the few things that need plain Redis commands (rate limits, status). */
  get client(): Redis {
    return this.pub;
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }

  private publish(channel: string, payload: string): void {
    this.pub.publish(channel, payload).catch((err: Error) => {
      this.log.warn({ channel, err: err.message }, 'publish failed; the sweeper will deliver');
    });
  }

  private async listen(channel: string, listener: Listener): Promise<void> {
    const safe: Listener = (payload) => {
      try {
        listener(payload);
      } catch (err) {
        this.log.error({ channel, err }, 'bad payload on channel');
      }
    };
    this.listeners.set(channel, safe);
    await this.sub.subscribe(channel);
  }
}
