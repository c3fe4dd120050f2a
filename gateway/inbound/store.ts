import { uuidv7 } from '../../actors/common/ids.js';
import { AppError } from '../../actors/common/errors.js';
import { insertEmail } from '../../db/emails.js';
import { useNonce } from '../../db/nonces.js';
import type { SendOptions } from '../../actors/messages/envelope.js';
import type { GatewayDeps } from '../deps.js';
import type { Accepted } from '../answer.js';
import { emailIdentity } from './rfc822.js';

export interface InboundMail {
  /** rfc822, mailgun, sendgrid, postmark… */
  source: string;
  raw: Buffer;
  /** The webhook's one-time value (signature, token); a second use is a replay. */
  nonce?: string;
}

/**
 * Stores an inbound mail raw and queues its ingestion, in one transaction: when the
 * provider gets its 2xx, both are durable. A second delivery of the same mail answers
 * with the first one's e-mail and message and ingests nothing again.
 */
export async function storeInbound(deps: GatewayDeps, mail: InboundMail, reply: Pick<SendOptions, 'correlationId' | 'replyTo'>): Promise<Accepted> {
  const { identity, messageId } = emailIdentity(mail.raw);
  const result = await deps.sql.begin(async (tx) => {
    if (mail.nonce !== undefined && !(await useNonce(tx, mail.source, mail.nonce))) {
      throw new AppError('B2B_WEBHOOK_REPLAYED', 'this webhook signature was already used');
    }
    const email = await insertEmail(tx, { id: uuidv7(), identity, messageId, source: mail.source, raw: mail.raw });
    const staged = await deps.outbox.stage(tx, 'ingestion', 'ingestEmail', { emailId: email.id }, {
      dedupeKey: `email:${email.id}`, origin: `webhook:${mail.source}`, ...reply,
    });
    return { email, staged };
  });
  deps.outbox.announce([result.staged]);
  return {
    messageId: result.staged.inserted.id,
    body: { emailId: result.email.id, duplicate: !result.email.created },
  };
}
