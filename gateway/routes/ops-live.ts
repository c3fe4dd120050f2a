import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Config } from '../../actors/common/config.js';
import { names } from '../../actors/transport/names.js';
import { createRedis } from '../../actors/transport/redis.js';
import { readWorkerSnapshots, type WorkerSnapshot } from '../../actors/system/status-publisher.js';

const READ_TIMEOUT_MS = 1_500;

/**
 * The workers' live snapshots, read from Redis on a connection of the gateway's own
 * (opened on first use, closed with the app). Redis being down costs the live columns,
 * not the view: the answer is null and the durable facts still show.
 */
export function liveWorkers(app: FastifyInstance, config: Config): () => Promise<WorkerSnapshot[] | null> {
  const known = readers.get(app);
  if (known) return known;
  const reader = createReader(app, config);
  readers.set(app, reader);
  return reader;
}

/** One reader (one connection) per app, whichever routes ask. */
const readers = new WeakMap<FastifyInstance, () => Promise<WorkerSnapshot[] | null>>();

function createReader(app: FastifyInstance, config: Config): () => Promise<WorkerSnapshot[] | null> {
  let redis: Redis | undefined;
  const pattern = names(config.KEY_PREFIX).workerStatusPattern;
  app.addHook('onClose', async () => {
    await redis?.quit().catch(() => undefined);
  });
  return async () => {
    if (!redis) {
      redis = createRedis(config.REDIS_URL, 'b2b-ops');
      redis.on('error', () => undefined);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => { timer = setTimeout(() => resolve(null), READ_TIMEOUT_MS); });
    try {
      return await Promise.race([readWorkerSnapshots(redis, pattern), timeout]);
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  };
}
