import { AppError, isErrorCode } from '../common/errors.js';
import type { ExtractContext, ExtractLimits, ExtractResult } from './extract/index.js';
import { extractOffers } from './extract/index.js';
import { readEmail } from './extract/read-email.js';
import { mimeDamage } from './integrity.js';
import type { ParsedEmail } from './mime.js';

/** A pure step's outcome: its value, or why this e-mail can never be read. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string; bug: boolean };

/**
 * Runs a pure step on one e-mail within a time budget. Its input is fixed, so whatever
 * it throws would be thrown again on a retry: an unreadable e-mail, a bug, or running
 * out of time all become a reason, never a retried message.
 */
export async function withinBudget<T>(step: () => Promise<T>, budgetMs: number, what: string): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<Outcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `${what} did not finish within ${budgetMs} ms`, bug: false }), budgetMs);
  });
  const run = step().then((value): Outcome<T> => ({ ok: true, value }), (err: unknown) => failure(err, what));
  try {
    return await Promise.race([run, expired]);
  } finally {
    clearTimeout(timer);
  }
}

function failure(err: unknown, what: string): Outcome<never> {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  if (isErrorCode(code) && code === 'B2B_EMAIL_UNREADABLE') return { ok: false, reason: `${what}: ${message}`, bug: false };
  return { ok: false, reason: `${what} failed: ${message}`, bug: true };
}

/** The stored bytes as a decoded mail, refused when the MIME is damaged (cut off, broken base64). */
export function decode(raw: Buffer, budgetMs: number, limits?: Partial<ExtractLimits>): Promise<Outcome<ParsedEmail>> {
  return withinBudget(async () => {
    const email = await readEmail(raw, limits);
    const damage = headerless(email) ? 'no header section: not an e-mail (no From, Date, Subject or Message-ID)' : mimeDamage(raw);
    if (damage) throw new AppError('B2B_EMAIL_UNREADABLE', damage);
    return email;
  }, budgetMs, 'MIME decoding');
}

export function extract(email: ParsedEmail, ctx: ExtractContext, budgetMs: number, limits?: Partial<ExtractLimits>): Promise<Outcome<ExtractResult>> {
  return withinBudget(() => extractOffers(email, ctx, limits), budgetMs, 'offer extraction');
}

/** Random bytes decode into a "mail" with no headers at all; that is not a mail to read. */
function headerless(email: ParsedEmail): boolean {
  return !email.from.address && !email.date && !email.messageId && !email.subject;
}

/** What an operator sees of an e-mail's structure, without its bodies. */
export function describeParts(email: ParsedEmail) {
  return {
    text: email.text === null ? null : { chars: email.text.length },
    html: email.html === null ? null : { chars: email.html.length },
    attachments: email.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size, inline: a.inline })),
  };
}

export function sentAt(date: string | null): Date | null {
  if (!date) return null;
  const d = new Date(date);
  return Number.isNaN(d.getTime()) ? null : d;
}
