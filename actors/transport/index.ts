import type { Config } from '../common/config.js';
import type { Logger } from '../common/log.js';
import { AmqpTransport } from './amqp.js';
import { names } from './names.js';
import { RedisTransport } from './redis.js';
import type { Transport } from './transport.js';

export type { Transport };

/** Either wire; both keep a Redis client for replies, control, status and rate limits. */
export type WireTransport = RedisTransport | AmqpTransport;

/** The configured wire: Redis pub/sub, or RabbitMQ (TRANSPORT=amqp) for worker pools. */
export function createTransport(config: Config, log: Logger): WireTransport {
  const n = names(config.KEY_PREFIX);
  if (config.TRANSPORT === 'amqp') {
    return new AmqpTransport({ url: config.AMQP_URL, redisUrl: config.REDIS_URL, names: n, shards: config.AMQP_SHARDS, log });
  }
  return new RedisTransport(config.REDIS_URL, n, log);
}
