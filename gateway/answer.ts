import type { FastifyReply, FastifyRequest } from 'fastify';
import { ERRORS, isErrorCode } from '../actors/common/errors.js';
import type { SendOptions } from '../actors/messages/envelope.js';
import type { GatewayDeps } from './deps.js';
import { preferredWait } from './prefer.js';

const MAX_WAIT_S = 60;

export interface Accepted {
  messageId: string;
  /** The 202 body; the 200 body adds the message's state and result. */
  body: Record<string, unknown>;
}

/**
 * The answer to a call that hands work to an actor (DESIGN.md, "Answers"): 202 with
 * `Location: /messages/{id}`, or, when the client sent `Prefer: wait=N` and the actor
 * finished in time, 200 with its result (or the error status of its failure).
 */
export async function sendAndAnswer(
  deps: GatewayDeps, request: FastifyRequest, reply: FastifyReply,
  send: (opts: Pick<SendOptions, 'correlationId' | 'replyTo'>) => Promise<Accepted>,
): Promise<FastifyReply> {
  const wait = preferredWait(request.headers.prefer, MAX_WAIT_S);
  const expectation = wait > 0 ? deps.waiter.expect() : undefined;
  let accepted: Accepted;
  try {
    accepted = await send(expectation ? { correlationId: expectation.correlationId, replyTo: deps.waiter.channel } : {});
  } catch (err) {
    if (expectation) deps.waiter.cancel(expectation.correlationId);
    throw err;
  }
  const location = `${deps.config.BASE_PATH}/messages/${accepted.messageId}`;
  const settled = expectation ? await expectation.wait(accepted.messageId, wait) : undefined;
  if (expectation) reply.header('preference-applied', `wait=${wait}`);
  reply.header('location', location);
  if (!settled) return reply.status(202).send({ ...accepted.body, messageId: accepted.messageId, state: 'accepted' });
  if (settled.state === 'done') return reply.status(200).send({ ...accepted.body, messageId: accepted.messageId, state: 'done', result: settled.result });
  const error = settled.last_error ?? { code: 'B2B_INTERNAL', message: 'failed' };
  const status = isErrorCode(error.code) ? ERRORS[error.code].status : 500;
  return reply.status(status >= 500 ? 500 : status).send({ ...accepted.body, messageId: accepted.messageId, state: 'dead', code: error.code, message: error.message });
}
