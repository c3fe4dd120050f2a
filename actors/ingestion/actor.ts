import type { Sql } from '../../db/client.js';
import { getEmailRaw, markFailed, markIngested, type IngestedFacts } from '../../db/emails.js';
import { findMillBySender, type SenderMill } from '../../db/mills.js';
import type { Config } from '../common/config.js';
import { AppError } from '../common/errors.js';
import type { Logger } from '../common/log.js';
import type { Outbox } from '../mailbox/outbox.js';
import type { IngestEmail } from '../messages/ingestion.js';
import { forwardNewsletterMail } from '../newsletter/inbound.js';
import type { ActorDefinition, HandlerContext } from '../system/definition.js';
import type { ExtractLimits } from './extract/index.js';
import type { ParsedEmail } from './mime.js';
import { decode, describeParts, extract, sentAt, type Outcome } from './read.js';
import { storeOffers } from './store.js';
import type { z } from 'zod';

export interface IngestionDeps {
  sql: Sql;
  outbox: Outbox;
  config?: Pick<Config, 'ACTOR_LIMITS'>;
  /** The extractor's bounds; its defaults otherwise. */
  limits?: Partial<ExtractLimits>;
}

export type IngestResult =
  | { emailId: string; status: 'ingested'; millId: string | null; offers: number; unparsed: number }
  | { emailId: string; status: 'failed'; reason: string };

const TIMEOUT_MS = 60_000;
/** Reading gets this share of the time limit; the rest is for storing, so a slow mail fails cleanly rather than timing out and being retried. */
const READ_SHARE = 0.6;

/** The ingestion actor: a stored raw e-mail in; its mill, offer lines and unparsed text out; matchOffers on. */
export function createIngestion(deps: IngestionDeps): ActorDefinition<null> {
  const timeoutMs = deps.config?.ACTOR_LIMITS.ingestion?.timeoutMs ?? TIMEOUT_MS;
  const budgetMs = Math.floor(timeoutMs * READ_SHARE);
  return {
    name: 'ingestion', pool: 4, inflight: 64, timeoutMs: TIMEOUT_MS, maxAttempts: 5,
    initialState: () => null,
    handle: async (ctx: HandlerContext<null>) => {
      switch (ctx.message.type) {
        case 'ingestEmail': return ingest(deps, budgetMs, (ctx.message.payload as z.output<typeof IngestEmail>).emailId, ctx.log);
        default: throw new AppError('B2B_MESSAGE_INVALID', `ingestion has no handler for ${ctx.message.type}`);
      }
    },
  };
}

async function ingest(deps: IngestionDeps, budgetMs: number, emailId: string, log: Logger): Promise<IngestResult> {
  const raw = await getEmailRaw(deps.sql, emailId);
  if (!raw) throw new AppError('B2B_EMAIL_NOT_FOUND', `no stored e-mail ${emailId}`);
  const decoded = await decode(raw, budgetMs, deps.limits);
  if (!decoded.ok) return fail(deps.sql, emailId, decoded, log);
  // Delivery-status notifications (bounces) are told apart here, before any mill is looked for.
  if (await forwardNewsletterMail(deps.outbox, emailId, raw, decoded.value.subject)) return handedToNewsletter(deps.sql, emailId, decoded.value, log);
  return readOffers(deps, budgetMs, emailId, decoded.value, log);
}

/** A bounce or a List-Unsubscribe mail: the newsletter actor has it (once per e-mail); no offers in it. */
async function handedToNewsletter(sql: Sql, emailId: string, email: ParsedEmail, log: Logger): Promise<IngestResult> {
  await markIngested(sql, emailId, factsOf(email, null, []));
  log.info({ emailId }, 'e-mail handed to the newsletter (bounce or unsubscribe)');
  return { emailId, status: 'ingested', millId: null, offers: 0, unparsed: 0 };
}

async function readOffers(deps: IngestionDeps, budgetMs: number, emailId: string, email: ParsedEmail, log: Logger): Promise<IngestResult> {
  const mill = await findMillBySender(deps.sql, email.from.address);
  const read = await extract(email, { millCountry: mill?.country ?? null }, budgetMs, deps.limits);
  if (!read.ok) return fail(deps.sql, emailId, read, log, factsOf(email, mill, []));
  const facts = factsOf(email, mill, read.value.unparsed);
  const offerIds = await storeOffers(deps.sql, deps.outbox, emailId, facts, read.value.lines);
  log.info({ emailId, millId: facts.millId, offers: offerIds.length, unparsed: facts.unparsed.length }, 'e-mail ingested');
  return { emailId, status: 'ingested', millId: facts.millId, offers: offerIds.length, unparsed: facts.unparsed.length };
}

function factsOf(email: ParsedEmail, mill: SenderMill | null, unparsed: string[]): IngestedFacts {
  return { fromAddress: email.from.address, subject: email.subject || null, sentAt: sentAt(email.date), parts: describeParts(email), millId: mill?.id ?? null, unparsed };
}

/** An e-mail that will never be read ends failed with its reason; the message itself is done. */
async function fail(sql: Sql, emailId: string, outcome: Outcome<unknown> & { ok: false }, log: Logger, facts?: IngestedFacts): Promise<IngestResult> {
  log[outcome.bug ? 'error' : 'warn']({ emailId, reason: outcome.reason }, 'e-mail cannot be read');
  await markFailed(sql, emailId, outcome.reason, facts);
  return { emailId, status: 'failed', reason: outcome.reason };
}
