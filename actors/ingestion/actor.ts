import type { Sql } from '../../db/client.js';
import { getEmailRaw, markFailed, markIngested } from '../../db/emails.js';
import { AppError } from '../common/errors.js';
import type { IngestEmail } from '../messages/ingestion.js';
import type { ActorDefinition, HandlerContext } from '../system/definition.js';
import { parseMime, type ParsedEmail } from './mime.js';
import type { z } from 'zod';

export interface IngestionDeps {
  sql: Sql;
}

export type IngestResult = { emailId: string; status: 'ingested' } | { emailId: string; status: 'failed'; reason: string };

/** The ingestion actor: a stored raw e-mail in, its decoded parts recorded. */
export function createIngestion({ sql }: IngestionDeps): ActorDefinition<null> {
  return {
    name: 'ingestion', pool: 4, inflight: 64, timeoutMs: 60_000, maxAttempts: 5,
    initialState: () => null,
    handle: async (ctx: HandlerContext<null>) => {
      switch (ctx.message.type) {
        case 'ingestEmail': return ingest(sql, ctx.message.payload as z.output<typeof IngestEmail>);
        default: throw new AppError('B2B_MESSAGE_INVALID', `ingestion has no handler for ${ctx.message.type}`);
      }
    },
  };
}

async function ingest(sql: Sql, { emailId }: z.output<typeof IngestEmail>): Promise<IngestResult> {
  const raw = await getEmailRaw(sql, emailId);
  if (!raw) throw new AppError('B2B_EMAIL_NOT_FOUND', `no stored e-mail ${emailId}`);
  let email: ParsedEmail;
  try {
    email = await parseMime(raw);
  } catch (err) {
    // A message mailparser cannot read will never become readable: record why, do not retry.
    const reason = `MIME could not be decoded: ${(err as Error).message}`;
    await markFailed(sql, emailId, reason);
    return { emailId, status: 'failed', reason };
  }
  await markIngested(sql, emailId, {
    fromAddress: email.from.address, subject: email.subject || null, sentAt: sentAt(email.date), parts: describeParts(email),
  });
  return { emailId, status: 'ingested' };
}

function sentAt(date: string | null): Date | null {
  if (!date) return null;
  const d = new Date(date);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** What an operator sees of an e-mail's structure, without its bodies. */
export function describeParts(email: ParsedEmail) {
  return {
    text: email.text === null ? null : { chars: email.text.length },
    html: email.html === null ? null : { chars: email.html.length },
    attachments: email.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size, inline: a.inline })),
  };
}
