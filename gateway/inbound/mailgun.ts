import { z } from 'zod';
import { AppError } from '../../actors/common/errors.js';
import { composeMessage, headerLine, type ComposedAttachment } from './compose.js';
import { field, files, text, type Form } from './form.js';
import { looksLikeMessage } from './rfc822.js';
import { checkFresh, hmacHex, safeEqual } from './signature.js';
import { jsonField, unprocessable } from './unprocessable.js';

const MessageHeaders = z.array(z.tuple([z.string(), z.string()]));
const ContentIdMap = z.record(z.string(), z.string());

/**
 * A Mailgun route's signature: `signature` = hex HMAC-SHA256 of timestamp + token, keyed
 * with the signing key; the timestamp must be fresh. Returns the token, which may be used
 * once (the caller records it with the mail).
 */
export function verifyMailgun(signingKey: string, form: Form, nowMs: number, maxSkewS: number): string {
  const timestamp = text(form, 'timestamp') ?? '';
  const token = text(form, 'token') ?? '';
  const signature = (text(form, 'signature') ?? '').toLowerCase();
  if (!/^\d{1,12}$/.test(timestamp) || token.length === 0 || token.length > 200 || !/^[0-9a-f]{64}$/.test(signature)) {
    throw new AppError('B2B_WEBHOOK_SIGNATURE_INVALID', 'timestamp, token and signature fields are required');
  }
  if (!safeEqual(hmacHex(signingKey, timestamp + token), signature)) {
    throw new AppError('B2B_WEBHOOK_SIGNATURE_INVALID', 'signature does not verify with the signing key');
  }
  checkFresh(Number(timestamp), nowMs, maxSkewS);
  return token;
}

/** The mail of a verified Mailgun post: `body-mime` as it is (raw form), else rebuilt from the parsed form. */
export async function mailgunMessage(form: Form): Promise<Buffer> {
  const mime = field(form, 'body-mime');
  if (mime !== undefined) {
    if (!looksLikeMessage(mime)) throw unprocessable('body-mime is not an RFC 5322 message');
    return mime;
  }
  const headerLines = mailgunHeaders(form);
  if (!headerLines.some((l) => /^from:/i.test(l))) throw unprocessable('the form names no sender (no From header, no from field)');
  return composeMessage({ headerLines, text: text(form, 'body-plain') ?? null, html: text(form, 'body-html') ?? null, bodyParts: [], attachments: mailgunAttachments(form) });
}

/** `message-headers` keeps every header in order; without it, the few the form repeats. */
function mailgunHeaders(form: Form): string[] {
  const raw = jsonField(text(form, 'message-headers'), 'message-headers');
  if (raw !== undefined) {
    const parsed = MessageHeaders.safeParse(raw);
    if (!parsed.success) throw unprocessable('message-headers is not a list of [name, value] pairs');
    return parsed.data.map(([k, v]) => headerLine(k, v)).filter((l): l is string => l !== null);
  }
  const pairs: [string, string | undefined][] = [
    ['From', text(form, 'from') ?? text(form, 'sender')], ['To', text(form, 'To') ?? text(form, 'recipient')],
    ['Subject', text(form, 'subject')], ['Date', text(form, 'Date')], ['Message-Id', text(form, 'Message-Id')],
  ];
  return pairs.filter((p): p is [string, string] => p[1] !== undefined).map(([k, v]) => headerLine(k, v)).filter((l): l is string => l !== null);
}

function mailgunAttachments(form: Form): ComposedAttachment[] {
  const declared = Number(text(form, 'attachment-count') ?? '0');
  const posted = files(form).filter((f) => /^attachment-\d+$/.test(f.name));
  if (!Number.isInteger(declared) || declared > posted.length) {
    throw unprocessable(`attachment-count says ${text(form, 'attachment-count')}, ${posted.length} attachments arrived`);
  }
  const cidMap = ContentIdMap.safeParse(jsonField(text(form, 'content-id-map'), 'content-id-map') ?? {});
  const cidOf = new Map(Object.entries(cidMap.success ? cidMap.data : {}).map(([cid, name]) => [name, cid.replace(/^<|>$/g, '')]));
  return posted.map((f) => ({
    filename: f.filename, contentType: f.contentType ?? 'application/octet-stream', content: f.data,
    ...(cidOf.has(f.name) ? { cid: cidOf.get(f.name) } : {}),
  }));
}
