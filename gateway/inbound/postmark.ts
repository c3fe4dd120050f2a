import { z } from 'zod';
import { composeMessage, headerLine } from './compose.js';
import { looksLikeMessage } from './rfc822.js';
import { unprocessable } from './unprocessable.js';

const Base64 = z.string().regex(/^[A-Za-z0-9+/\s]*={0,2}\s*$/, 'not base64');

/** Postmark's inbound webhook JSON, the fields we read (others are allowed and ignored). */
export const PostmarkInbound = z.object({
  From: z.string().optional(),
  FromFull: z.object({ Email: z.string(), Name: z.string().optional() }).loose().optional(),
  To: z.string().optional(),
  Cc: z.string().optional(),
  ReplyTo: z.string().optional(),
  Subject: z.string().optional(),
  MessageID: z.string().optional(),
  Date: z.string().optional(),
  TextBody: z.string().nullable().optional(),
  HtmlBody: z.string().nullable().optional(),
  Headers: z.array(z.object({ Name: z.string(), Value: z.string() }).loose()).optional(),
  Attachments: z.array(z.object({ Name: z.string(), Content: Base64, ContentType: z.string(), ContentID: z.string().optional() }).loose()).optional(),
  /** Present when the server's "include raw email content" setting is on: then it is the mail. */
  RawEmail: z.string().optional(),
}).loose();
type PostmarkInbound = z.infer<typeof PostmarkInbound>;

/** The mail of a Postmark post: RawEmail when Postmark includes it, else rebuilt from the JSON. */
export async function postmarkMessage(body: Buffer): Promise<Buffer> {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw unprocessable('the body is not JSON');
  }
  const parsed = PostmarkInbound.safeParse(json);
  if (!parsed.success) throw unprocessable(`not a Postmark inbound message: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
  const mail = parsed.data;
  if (mail.RawEmail && looksLikeMessage(Buffer.from(mail.RawEmail, 'utf8'))) return Buffer.from(mail.RawEmail, 'utf8');
  const headerLines = postmarkHeaders(mail);
  if (!headerLines.some((l) => /^from:/i.test(l))) throw unprocessable('the message names no sender (From)');
  return composeMessage({
    headerLines, text: mail.TextBody ?? null, html: mail.HtmlBody ?? null, bodyParts: [],
    attachments: (mail.Attachments ?? []).map((a) => ({ filename: a.Name, contentType: a.ContentType, content: Buffer.from(a.Content, 'base64'), ...(a.ContentID ? { cid: a.ContentID.replace(/^<|>$/g, '') } : {}) })),
  });
}

/** The envelope fields Postmark lifts out of the headers, then the headers it keeps in `Headers`. */
function postmarkHeaders(mail: PostmarkInbound): string[] {
  const from = mail.FromFull ? (mail.FromFull.Name ? `${quoted(mail.FromFull.Name)} <${mail.FromFull.Email}>` : mail.FromFull.Email) : mail.From;
  const top: [string, string | undefined][] = [['From', from], ['To', mail.To], ['Cc', mail.Cc], ['Reply-To', mail.ReplyTo], ['Subject', mail.Subject], ['Date', mail.Date]];
  const named = new Set(top.filter(([, v]) => v).map(([k]) => k.toLowerCase()));
  const rest = (mail.Headers ?? []).filter((h) => !named.has(h.Name.toLowerCase())).map((h) => [h.Name, h.Value] as [string, string]);
  return [...top.filter((p): p is [string, string] => Boolean(p[1])), ...rest]
    .map(([k, v]) => headerLine(k, v)).filter((l): l is string => l !== null);
}

function quoted(name: string): string {
  return /^[\w !#$%&'*+\-/=?^`{|}~]*$/.test(name) ? name : `"${name.replace(/(["\\])/g, '\\$1')}"`;
}
