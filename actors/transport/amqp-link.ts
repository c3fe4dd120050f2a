import { connect, type ChannelModel, type RecoveringChannelModel } from 'amqplib';
import type { Logger } from '../common/log.js';

/** Runs on every new connection: declares, opens channels, consumes. */
export type LinkHook = (model: ChannelModel) => Promise<void>;

const RECONNECT = { initialDelay: 100, maxDelay: 5_000, factor: 2, jitter: 0.2 };

/**
 * One RabbitMQ connection that comes back by itself. amqplib's recovery reconnects with
 * backoff (and jitter, so a pool of workers does not stampede a restarted broker); every
 * hook runs again on each new connection, so topology, channels and consumers are rebuilt.
 */
export class AmqpLink {
  private model: ChannelModel | null = null;
  private readonly hooks: LinkHook[] = [];
  private conn: Promise<RecoveringChannelModel> | undefined;

  constructor(private readonly url: string, private readonly name: string, private readonly log: Logger) {}

  /** Starts connecting without waiting: a process comes up while the broker is away. */
  open(): void {
    this.conn = connect(withHeartbeat(this.url), {
      clientProperties: { connection_name: this.name },
      recovery: { ...RECONNECT, waitForConnect: false, setup: (model: ChannelModel) => this.setup(model) },
    }).then((conn) => this.watch(conn));
  }

  private watch(conn: RecoveringChannelModel): RecoveringChannelModel {
    conn.on('error', (err: Error) => this.log.warn({ link: this.name, err: err.message }, 'rabbitmq connection error'));
    conn.on('disconnect', (err: Error) => {
      this.model = null;
      this.log.warn({ link: this.name, err: err.message }, 'rabbitmq connection lost; reconnecting');
    });
    conn.on('reconnect-scheduled', ({ attempt, delay }: { attempt: number; delay: number }) => {
      this.log.debug({ link: this.name, attempt, delay }, 'rabbitmq reconnect scheduled');
    });
    return conn;
  }

  get connected(): boolean {
    return this.model !== null;
  }

  /** Adds a hook; it runs now on the live connection (if any) and on every reconnect. */
  async use(hook: LinkHook): Promise<void> {
    this.hooks.push(hook);
    const model = this.model;
    if (!model) return;
    await hook(model).catch((err: Error) => this.reset(`setup failed: ${err.message}`));
  }

  /** A channel failed in a way only a new connection mends: drop it; recovery rebuilds all. */
  reset(reason: string): void {
    const model = this.model;
    if (!model) return;
    this.model = null;
    this.log.warn({ link: this.name, reason }, 'rabbitmq link reset');
    model.close().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.model = null;
    await closeWithin(this.conn?.then((conn) => conn.close()));
  }

  private async setup(model: ChannelModel): Promise<void> {
    // Hooks added while this runs are picked up by the loop; after it, `use` runs them itself.
    for (let i = 0; i < this.hooks.length; i++) await (this.hooks[i] as LinkHook)(model);
    this.model = model;
    this.log.info({ link: this.name }, 'rabbitmq connected');
  }
}

/**
 * Heartbeats every 10 s unless the URL sets its own: a broker host that vanishes without
 * closing the socket is noticed in seconds, not after the server's default minute or two.
 */
/**
 * amqplib's close waits for the broker's close-ok, which a stalled broker or socket never
 * sends: a close waits this long at most, so that a process can always stop.
 */
export async function closeWithin(closing: Promise<unknown> | undefined, ms = 3_000): Promise<void> {
  if (!closing) return;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); });
  await Promise.race([closing.catch(() => undefined), late]);
  clearTimeout(timer);
}

export function withHeartbeat(url: string): string {
  const u = new URL(url);
  if (!u.searchParams.has('heartbeat')) u.searchParams.set('heartbeat', '10');
  return u.toString();
}
