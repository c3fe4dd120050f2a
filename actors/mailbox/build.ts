import { uuidv7 } from '../common/ids.js';
import { AppError } from '../common/errors.js';
import { messageSchema, type ActorName, type SendOptions } from '../messages/index.js';
import type { NewMessage } from '../../db/mailbox.js';

/** Validates a payload against its actor's schema and lays it out as a mailbox row. */
export function buildMessage(actor: ActorName, type: string, payload: unknown, opts: SendOptions = {}): NewMessage {
  const schema = messageSchema(actor, type);
  if (!schema) throw new AppError('B2B_MESSAGE_INVALID', `actor ${actor} takes no message of type ${type}`);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new AppError('B2B_MESSAGE_INVALID', `invalid ${actor}.${type} payload`, { details: parsed.error.issues });
  }
  return {
    // v7: time-ordered, so ids sort in send order and index inserts stay local.
    id: uuidv7(),
    actor,
    type,
    payload: parsed.data,
    key: opts.key,
    dedupe_key: opts.dedupeKey,
    correlation_id: opts.correlationId,
    reply_to: opts.replyTo,
    origin: opts.origin,
    not_before: opts.notBefore?.toISOString(),
  };
}
