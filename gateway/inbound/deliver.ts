import type { FastifyReply, FastifyRequest } from 'fastify';
import { insertReject } from '../../db/inbound-rejects.js';
import type { GatewayDeps } from '../deps.js';
import { storeInbound } from './store.js';
import { isUnprocessable, unprocessable } from './unprocessable.js';

export interface Provider {
  name: 'mailgun' | 'sendgrid' | 'postmark';
  /** The answer that makes this provider stop retrying a payload we will never take. */
  rejectStatus: number;
}

export interface ProviderMail {
  raw: Buffer;
  /** A one-time value of the delivery (Mailgun's token): a second use is a replay. */
  nonce?: string;
}

/**
 * Turns an authenticated provider post into a stored e-mail and answers 200 with its id.
 * A payload that can never become an e-mail is kept (inbound_rejects) and answered with
 * the provider's stop-retrying status; any other failure propagates (a database that is
 * down answers 503, so the provider retries).
 */
export async function deliver(
  deps: GatewayDeps, request: FastifyRequest, reply: FastifyReply, provider: Provider, build: () => Promise<ProviderMail>,
): Promise<FastifyReply> {
  let mail: ProviderMail;
  try {
    mail = await build();
  } catch (err) {
    if (!isUnprocessable(err)) throw err;
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const rejectId = await insertReject(deps.sql, { provider: provider.name, code: err.code, reason: err.message, contentType: request.headers['content-type'] ?? null, body });
    request.log.warn({ provider: provider.name, rejectId, reason: err.message }, 'inbound delivery kept as a reject');
    return reply.status(provider.rejectStatus).send({ code: err.code, message: err.message, rejectId });
  }
  const accepted = await storeInbound(deps, { source: provider.name, raw: mail.raw, nonce: mail.nonce }, {});
  return reply.status(200).send({ ...accepted.body, messageId: accepted.messageId, state: 'accepted' });
}

/** Once a provider is authenticated, a body we cannot even read is its problem to keep, not a 4xx. */
export function readAuthenticated<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'B2B_VALIDATION' || code === 'B2B_UNSUPPORTED_MEDIA_TYPE') throw unprocessable((err as Error).message);
    throw err;
  }
}
