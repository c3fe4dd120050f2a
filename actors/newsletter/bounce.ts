import { parseFields, walkMime, type MimePart } from './mime-parts.js';

/**
 * Delivery status notifications (RFC 3464, and RFC 6533's global variant), pure: a raw
 * e-mail in, the recipients that failed and how out. `Action: failed` with a 5.x.x status
 * is a hard bounce (the address is gone: stop sending); with 4.x.x a soft one (a full
 * mailbox, a server down: three in a row stop sending). `delayed`, `delivered`, `relayed`
 * and `expanded` are no bounce: the MTA is still trying, or it worked.
 */

export type BounceKind = 'hard' | 'soft';

export interface RecipientStatus {
  recipient: string;
  action: string;
  status: string | null;
  diagnostic: string | null;
  kind: BounceKind | null;
}

export interface DeliveryReport {
  /** The Message-ID of the e-mail that bounced, when the report quotes its headers. */
  originalMessageId: string | null;
  recipients: RecipientStatus[];
}

const REPORT_TYPES = new Set(['delivery-status', 'global-delivery-status']);
const STATUS_PARTS = new Set(['message/delivery-status', 'message/global-delivery-status']);
const ORIGINAL_PARTS = new Set(['text/rfc822-headers', 'message/rfc822', 'message/global', 'message/global-headers']);

/** `rfc822; Anna@Example.com` → `anna@example.com`. */
function address(value: string | undefined): string | null {
  if (!value) return null;
  const typed = value.includes(';') ? value.slice(value.indexOf(';') + 1) : value;
  const bare = typed.trim().replace(/^<(.*)>$/, '$1').trim().toLowerCase();
  return bare.includes('@') ? bare : null;
}

/** The class.subject.detail code, without any comment after it. */
function statusCode(value: string | undefined): string | null {
  return /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(value ?? '')?.[1] ?? null;
}

/** For a failed recipient without a status field: the SMTP reply code in the diagnostic. */
function classFromDiagnostic(diagnostic: string | null): string | null {
  return /\b([45])\d\d\b/.exec(diagnostic ?? '')?.[1] ?? null;
}

export function bounceKind(action: string, status: string | null, diagnostic: string | null): BounceKind | null {
  if (action !== 'failed') return null;
  const cls = status?.[0] ?? classFromDiagnostic(diagnostic);
  // A failure we cannot classify counts as soft: stopping someone's newsletter needs a clear 5.x.x.
  return cls === '5' ? 'hard' : 'soft';
}

/** The per-recipient blocks of a message/delivery-status body (the first block is per message). */
function recipientBlocks(body: string): Map<string, string>[] {
  return body.split(/\r?\n[ \t]*\r?\n/)
    .map(parseFields)
    .filter((f) => f.has('final-recipient') || f.has('original-recipient'));
}

function recipientStatus(fields: Map<string, string>): RecipientStatus | null {
  const recipient = address(fields.get('final-recipient')) ?? address(fields.get('original-recipient'));
  if (!recipient) return null;
  const action = (fields.get('action') ?? '').trim().toLowerCase().split(/\s/)[0] ?? '';
  const status = statusCode(fields.get('status'));
  const diagnostic = fields.get('diagnostic-code')?.slice(0, 1000) ?? null;
  return { recipient, action, status, diagnostic, kind: bounceKind(action, status, diagnostic) };
}

function originalMessageId(parts: MimePart[]): string | null {
  const original = parts.find((p) => ORIGINAL_PARTS.has(p.type));
  if (!original) return null;
  const head = original.body.split(/\r?\n\r?\n/)[0] ?? '';
  const id = parseFields(head).get('message-id');
  return id ? id.trim() : null;
}

/** The report in a raw e-mail; null when the e-mail is not a delivery status notification. */
export function parseDeliveryReport(raw: Buffer | string): DeliveryReport | null {
  const parts = walkMime(raw);
  const isReport = parts.some((p) => p.type === 'multipart/report' && REPORT_TYPES.has((p.params['report-type'] ?? '').toLowerCase()));
  const status = parts.find((p) => STATUS_PARTS.has(p.type));
  if (!isReport || !status) return null;
  const recipients = recipientBlocks(status.body).map(recipientStatus).filter((r): r is RecipientStatus => r !== null);
  return { originalMessageId: originalMessageId(parts), recipients };
}
