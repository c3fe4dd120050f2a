import type { Channel } from 'amqplib';
import { z } from 'zod';
import { ACTORS, type ActorName } from '../messages/envelope.js';
import { hashKey } from './hash-key.js';
import type { Names } from './names.js';
import type { Notice } from './transport.js';

/** A notice as it travels in one AMQP message: the row's id and, for routing, its key. */
export const WireNotice = z.object({
  id: z.uuid(),
  key: z.string().min(1).max(200).optional(),
});

export interface ActorQueue {
  name: string;
  /** Set for a key shard: consumed by one worker at a time, so one key's messages stay in order. */
  shard?: number;
}

/** A keyed notice goes to its key's shard queue; any other to the actor's shared queue. */
export function queueFor(names: Names, actor: ActorName, key: string | undefined, shards: number): string {
  return key === undefined ? names.queue(actor) : names.queue(actor, hashKey(key) % shards);
}

export function queuesOf(names: Names, actor: ActorName, shards: number): ActorQueue[] {
  return [{ name: names.queue(actor) }, ...Array.from({ length: shards }, (_, shard) => ({ name: names.queue(actor, shard), shard }))];
}

export function encodeNotice(n: Notice): Buffer {
  return Buffer.from(JSON.stringify(n.key === undefined ? { id: n.id } : { id: n.id, key: n.key }));
}

/** Undefined for a body that is no notice (it is dead-lettered). */
export function decodeNotice(body: Buffer): Notice | undefined {
  try {
    const parsed = WireNotice.safeParse(JSON.parse(body.toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Declares everything, idempotently, on every (re)connect of every process: a direct
 * exchange routing by queue name, a durable queue per actor and per key shard
 * (single active consumer), and a dead-letter exchange with its queue for rejected notices.
 */
export async function declareTopology(ch: Channel, names: Names, shards: number): Promise<void> {
  await ch.assertExchange(names.exchange, 'direct', { durable: true });
  await ch.assertExchange(names.deadLetterExchange, 'fanout', { durable: true });
  await ch.assertQueue(names.deadLetterQueue, { durable: true, arguments: { 'x-max-length': 100_000 } });
  await ch.bindQueue(names.deadLetterQueue, names.deadLetterExchange, '');
  await Promise.all(ACTORS.flatMap((actor) => queuesOf(names, actor, shards)).map(async (q) => {
    await ch.assertQueue(q.name, {
      durable: true,
      deadLetterExchange: names.deadLetterExchange,
      arguments: q.shard === undefined ? {} : { 'x-single-active-consumer': true },
    });
    await ch.bindQueue(q.name, names.exchange, q.name);
  }));
}

/** Deletes what `declareTopology` made (a test's or a benchmark's prefix, a retired deployment). */
export async function deleteTopology(ch: Channel, names: Names, shards: number): Promise<void> {
  for (const q of ACTORS.flatMap((actor) => queuesOf(names, actor, shards))) await ch.deleteQueue(q.name);
  await ch.deleteQueue(names.deadLetterQueue);
  await ch.deleteExchange(names.exchange);
  await ch.deleteExchange(names.deadLetterExchange);
}
