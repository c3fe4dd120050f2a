import iconv from 'iconv-lite';
import { z } from 'zod';
import { composeMessage, headerLine, unfoldedLines, type ComposedAttachment, type MailPieces } from './compose.js';
import { field, files, text, type Form, type FormPart } from './form.js';
import { looksLikeMessage } from './rfc822.js';
import { jsonField, unprocessable } from './unprocessable.js';

const Charsets = z.record(z.string(), z.string());
const AttachmentInfo = z.record(z.string(), z.object({
  filename: z.string().optional(),
  name: z.string().optional(),
  type: z.string().optional(),
  charset: z.string().optional(),
  'content-id': z.string().optional(),
}).loose());

/**
 * The mail of an Inbound Parse post: the `email` field as it is (raw mode), else rebuilt
 * from the parsed fields, each decoded by the charset SendGrid names for it in `charsets`.
 */
export async function sendgridMessage(form: Form): Promise<Buffer> {
  const raw = field(form, 'email');
  if (raw !== undefined) {
    if (!looksLikeMessage(raw)) throw unprocessable('the email field is not an RFC 5322 message');
    return raw;
  }
  return composeMessage(sendgridPieces(form));
}

function sendgridPieces(form: Form): MailPieces {
  const parsedCharsets = Charsets.safeParse(jsonField(text(form, 'charsets'), 'charsets') ?? {});
  const charsets = parsedCharsets.success ? parsedCharsets.data : {};
  const read = (name: string) => text(form, name, charsets[name] ?? 'utf-8');
  const headerLines = sendgridHeaders(read('headers'), read);
  if (!headerLines.some((l) => /^from:/i.test(l))) throw unprocessable('the form names no sender (no From header, no from field)');
  const { bodyParts, attachments } = sendgridFiles(form);
  return { headerLines, text: read('text') ?? null, html: read('html') ?? null, bodyParts, attachments };
}

/** The `headers` field is the mail's header block as received; without it, the few the form repeats. */
function sendgridHeaders(block: string | undefined, read: (name: string) => string | undefined): string[] {
  if (block !== undefined && block.trim() !== '') return unfoldedLines(block).filter((l) => /^[!-9;-~]+:/.test(l));
  const pairs: [string, string | undefined][] = [['From', read('from')], ['To', read('to')], ['Subject', read('subject')]];
  return pairs.filter((p): p is [string, string] => p[1] !== undefined).map(([k, v]) => headerLine(k, v)).filter((l): l is string => l !== null);
}

/**
 * SendGrid posts every non-first body part as a file: those attachment-info lists without
 * a filename (msg-*.html, further text) are the mail's own body, not documents.
 */
function sendgridFiles(form: Form): Pick<MailPieces, 'bodyParts' | 'attachments'> {
  const parsedInfo = AttachmentInfo.safeParse(jsonField(text(form, 'attachment-info'), 'attachment-info') ?? {});
  const info = parsedInfo.success ? parsedInfo.data : {};
  const parsedCids = z.record(z.string(), z.string()).safeParse(jsonField(text(form, 'content-ids'), 'content-ids') ?? {});
  const cidOf = new Map(Object.entries(parsedCids.success ? parsedCids.data : {}).map(([cid, name]) => [name, cid]));
  const posted = files(form).filter((f) => /^attachment\d+$/.test(f.name));
  const isBody = (f: FormPart) => info[f.name] !== undefined && !info[f.name]!.filename && /^text\/(html|plain)\b/i.test(info[f.name]!.type ?? f.contentType ?? '');
  return {
    bodyParts: posted.filter(isBody).map((f) => ({ contentType: (info[f.name]!.type ?? 'text/html').split(';')[0]!, content: decodeText(f.data, info[f.name]!.charset) })),
    attachments: posted.filter((f) => !isBody(f)).map((f): ComposedAttachment => ({
      filename: info[f.name]?.filename ?? f.filename, contentType: info[f.name]?.type ?? f.contentType ?? 'application/octet-stream', content: f.data,
      ...(cidOf.has(f.name) ? { cid: cidOf.get(f.name) } : {}),
    })),
  };
}

function decodeText(data: Buffer, charset: string | undefined): string {
  return iconv.decode(data, charset && iconv.encodingExists(charset) ? charset : 'utf-8');
}
