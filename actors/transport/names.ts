import type { ActorName } from '../messages/envelope.js';

/**
 * The one owner of every name this system puts in Redis and RabbitMQ. All carry the
 * configured prefix, so two deployments (or two test runs) on one server never collide.
 */
export function names(prefix: string) {
  return {
    mailboxChannel: (actor: ActorName) => `${prefix}:mailbox:${actor}`,
    replyChannel: (process: string) => `${prefix}:reply:${process}`,
    controlChannel: `${prefix}:control`,
    workerStatusKey: (workerId: string) => `${prefix}:worker:${workerId}`,
    workerStatusPattern: `${prefix}:worker:*`,
    rateLimitKey: (name: string) => `${prefix}:ratelimit:${name}`,
    exchange: `${prefix}.mailbox`,
    deadLetterExchange: `${prefix}.mailbox.dlx`,
    deadLetterQueue: `${prefix}.mailbox.dead`,
    queue: (actor: ActorName, shard?: number) => (shard === undefined ? `${prefix}.${actor}` : `${prefix}.${actor}.${shard}`),
    scheduleName: (job: string) => `${prefix}:${job}`,
  };
}

export type Names = ReturnType<typeof names>;
