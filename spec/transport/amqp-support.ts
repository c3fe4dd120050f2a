import { connect, type Channel } from 'amqplib';
import { closeWithin } from '../../actors/transport/amqp-link.js';
import { deleteTopology as deleteWire } from '../../actors/transport/amqp-wire.js';
import { names } from '../../actors/transport/names.js';
import { AMQP_URL } from '../support/services.js';

export { AMQP_URL };

/** Runs `fn` on a channel of a connection of its own, closed afterwards. */
export async function withChannel<T>(fn: (ch: Channel) => Promise<T>, url = AMQP_URL): Promise<T> {
  const conn = await connect(url);
  try {
    const ch = await conn.createChannel();
    ch.on('error', () => undefined);
    return await fn(ch);
  } finally {
    await closeWithin(conn.close());
  }
}

/** Ready (not yet delivered) messages in a queue. */
export function queueDepth(queue: string, url = AMQP_URL): Promise<number> {
  return withChannel(async (ch) => (await ch.checkQueue(queue)).messageCount, url);
}

/** Deletes every queue and exchange a test's prefix declared. */
export async function deleteTopology(prefix: string, shards: number, url = AMQP_URL): Promise<void> {
  await withChannel((ch) => deleteWire(ch, names(prefix), shards), url);
}
