import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../common/log.js';
import { createRedis } from '../transport/redis.js';
import type { ActorStatus } from './supervisor.js';

/**
 * Live state from inside each running worker, for the operators' views: every worker
 * writes its snapshot to Redis (names().workerStatusKey) each OPS_STATUS_INTERVAL_MS with
 * a TTL of five intervals, so a worker that dies drops out of the view by itself.
 */
/** Loose: a transport may add its own facts (AMQP shards) and they reach the operator unchanged. */
export const LiveActor = z.looseObject({
  actor: z.string(),
  state: z.enum(['running', 'paused', 'restarting', 'stopped']),
  pausedReason: z.string().nullable(),
  pool: z.number().int(),
  restarts: z.number().int(),
  held: z.number().int(),
  processing: z.number().int(),
  pendingNotices: z.number().int(),
  lastError: z.object({ code: z.string(), message: z.string(), at: z.string(), msgId: z.string() }).nullable(),
  oldestInFlight: z.object({ id: z.string(), type: z.string(), since: z.string(), ageMs: z.number(), running: z.boolean() }).nullable(),
});
export type LiveActor = z.infer<typeof LiveActor>;

export const WorkerSnapshot = z.object({
  worker: z.string(),
  host: z.string(),
  pid: z.number().int(),
  transport: z.string(),
  startedAt: z.string(),
  publishedAt: z.string(),
  uptimeS: z.number(),
  rssBytes: z.number(),
  actors: z.array(LiveActor),
});
export type WorkerSnapshot = z.infer<typeof WorkerSnapshot>;

export interface WorkerIdentity {
  worker: string;
  transport: string;
  startedAt: Date;
}

export function workerSnapshot(identity: WorkerIdentity, status: ActorStatus[], now = new Date()): WorkerSnapshot {
  return {
    worker: identity.worker, host: hostname(), pid: process.pid, transport: identity.transport,
    startedAt: identity.startedAt.toISOString(), publishedAt: now.toISOString(),
    uptimeS: Math.round((now.getTime() - identity.startedAt.getTime()) / 100) / 10,
    rssBytes: process.memoryUsage.rss(),
    actors: status.map((s) => ({
      ...s, lastError: s.lastError && { code: s.lastError.code, message: s.lastError.message, at: s.lastError.at, msgId: s.lastError.msgId },
    })),
  };
}

export class StatusPublisher {
  private timer: NodeJS.Timeout | undefined;
  private failing = false;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly intervalMs: number,
    private readonly snapshot: () => WorkerSnapshot,
    private readonly log: Logger,
  ) {}

  start(): void {
    void this.publish();
    this.timer = setInterval(() => void this.publish(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops publishing and removes the snapshot: a worker that stops cleanly leaves the view at once. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.del(this.key).catch(() => undefined);
  }

  async publish(): Promise<void> {
    try {
      await this.redis.set(this.key, JSON.stringify(this.snapshot()), 'PX', this.intervalMs * 5);
      if (this.failing) this.log.info('live status published again');
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.log.warn({ err: (err as Error).message }, 'could not publish live status; operators see this worker as gone');
      this.failing = true;
    }
  }
}

/** Every live worker's snapshot under a prefix; unreadable ones are skipped. */
export async function readWorkerSnapshots(redis: Redis, pattern: string): Promise<WorkerSnapshot[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 200);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  if (keys.length === 0) return [];
  const values = await redis.mget(...keys);
  return values.flatMap((v) => {
    const parsed = v === null ? undefined : WorkerSnapshot.safeParse(safeJson(v));
    return parsed?.success ? [parsed.data] : [];
  }).sort((a, b) => a.worker.localeCompare(b.worker));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface LiveStatusOptions {
  redisUrl: string;
  key: string;
  intervalMs: number;
  identity: WorkerIdentity;
  status: () => ActorStatus[];
  log: Logger;
}

/** Publishes a worker's live status on a Redis connection of its own (the wire may be RabbitMQ). */
export function startLiveStatus(o: LiveStatusOptions): { stop: () => Promise<void> } {
  const redis = createRedis(o.redisUrl, 'b2b-status');
  redis.on('error', () => undefined);
  const publisher = new StatusPublisher(redis, o.key, o.intervalMs, () => workerSnapshot(o.identity, o.status()), o.log);
  publisher.start();
  return {
    stop: async () => {
      await publisher.stop();
      await redis.quit().catch(() => undefined);
    },
  };
}
