import { Redis } from 'ioredis';

/**
 * One sending rate across every worker process: a GCRA (generic cell rate algorithm) in
 * one Lua script on Redis, with Redis's own clock, so no two processes' clocks disagree.
 * Each call reserves the next free slot and says how long to wait for it; slots are
 * 1000/rate ms apart, so over any span the count sent stays within rate × span + 1.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local interval = tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local nextTat = tat + interval
redis.call('SET', KEYS[1], string.format('%.3f', nextTat), 'PX', math.ceil(nextTat - now) + 1000)
return math.ceil(tat - now)
`;

type ReservingRedis = Redis & { reserveSlot(key: string, intervalMs: string): Promise<number> };

export interface RateLimiter {
  /** Resolves when this caller may send one message; rejects when the signal aborts. */
  acquire(signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A limiter on its own Redis connection, opened on first use. */
export function redisRateLimiter(redisUrl: string, key: string, perSecond: number): RateLimiter {
  let redis: ReservingRedis | undefined;
  const connection = (): ReservingRedis => {
    if (!redis) {
      redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3 }) as ReservingRedis;
      redis.defineCommand('reserveSlot', { numberOfKeys: 1, lua: RESERVE });
    }
    return redis;
  };
  const intervalMs = (1000 / perSecond).toFixed(3);
  return {
    async acquire(signal) {
      const waitMs = await connection().reserveSlot(key, intervalMs);
      if (waitMs > 0) await sleep(waitMs, signal);
    },
    async close() {
      if (redis) await redis.quit().catch(() => redis?.disconnect());
      redis = undefined;
    },
  };
}
