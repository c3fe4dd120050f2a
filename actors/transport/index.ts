import type { Config } from '../common/config.js';
import type { Logger } from '../common/log.js';
import { names } from './names.js';
import { RedisTransport } from './redis.js';
import type { Transport } from './transport.js';

export type { Transport };

/** The configured wire. RabbitMQ (TRANSPORT=amqp) carries mailbox notices for worker pools. */
export function createTransport(config: Config, log: Logger): RedisTransport {
  return new RedisTransport(config.REDIS_URL, names(config.KEY_PREFIX), log);
}
