import { createHmac, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { names } from '../../actors/transport/names.js';
import { buildApp } from '../../gateway/app.js';
import { ReplyWaiter } from '../../gateway/replies.js';
import { createApiKey, type Role } from '../../db/api-keys.js';
import type { Harness } from './harness.js';

export async function buildTestApp(h: Harness, now?: () => number): Promise<FastifyInstance> {
  const waiter = new ReplyWaiter(h.db.sql, h.transport, names(h.config.KEY_PREFIX));
  await waiter.start();
  return buildApp({ config: h.config, sql: h.db.sql, transport: h.transport, outbox: h.outbox, waiter, now });
}

/** A key of the role; a buyer key without a buyer gets a buyer of its own. */
export async function keyFor(h: Harness, role: Role, extra: { buyerId?: string; millId?: string } = {}): Promise<string> {
  let buyerId = extra.buyerId;
  if (role === 'buyer' && !buyerId) {
    buyerId = randomUUID();
    await h.db.sql`insert into buyers (id, name, country) values (${buyerId}, ${`Buyer ${buyerId.slice(0, 8)}`}, 'DE')`;
  }
  const { key } = await createApiKey(h.db.sql, { name: `test ${role}`, role, ...extra, buyerId });
  return key;
}

export function bearer(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

export function signRaw(secret: string, body: Buffer | string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const raw = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const mac = createHmac('sha256', secret).update(Buffer.concat([Buffer.from(`${timestamp}.`), raw])).digest('hex');
  return { 'x-b2b-timestamp': String(timestamp), 'x-b2b-signature': `sha256=${mac}`, 'content-type': 'message/rfc822' };
}
