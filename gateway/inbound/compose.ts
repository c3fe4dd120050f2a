import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { foldLines } from 'nodemailer/lib/mime-funcs/index.js';
import MimeNode from 'nodemailer/lib/mime-node/index.js';

export interface ComposedAttachment {
  filename: string | null;
  contentType: string;
  content: Buffer;
  /** Content-ID of an inline part (an image the HTML shows). */
  cid?: string;
}

/** A mail as a provider posted it in pieces: what it takes to write it back as one message. */
export interface MailPieces {
  /** Header lines as the mail had them ("Name: value", possibly folded), in order. */
  headerLines: string[];
  text: string | null;
  html: string | null;
  /** Further text/html body parts a provider split out (SendGrid's msg-*.html), kept inline. */
  bodyParts: { contentType: string; content: string }[];
  attachments: ComposedAttachment[];
}

/** The headers that describe the old MIME structure: the rebuilt body brings its own. */
const STRUCTURE = /^(content-type|content-transfer-encoding|content-length|content-disposition|mime-version)$/i;
const HEADER_NAME = /^[!-9;-~]+$/;

/**
 * One header line from a name and a value as a provider gave them: printable ASCII is
 * kept as written (encoded words and all), anything else is MIME-encoded as a mail
 * client would. Line breaks inside a value cannot inject a header.
 */
export function headerLine(name: string, value: string): string | null {
  const key = name.trim();
  if (!HEADER_NAME.test(key)) return null;
  const flat = value.replace(/\r?\n[ \t]*/g, ' ').replace(/[\r\n]/g, ' ').trim();
  const encoded = /^[\t\x20-\x7e]*$/.test(flat) ? flat : MimeNode.encodeHeaderValue(key, flat);
  const line = `${key}: ${encoded}`;
  return line.length > 998 ? foldLines(line, 76, false).replace(/\r?\n$/, '') : line;
}

function nameOf(line: string): string {
  return line.slice(0, Math.max(0, line.indexOf(':'))).trim();
}

/**
 * Writes the pieces back as one RFC 5322 message: the original header lines, then a
 * MIME body built by nodemailer's MailComposer from the text, HTML and attachments.
 * Deterministic (boundaries derive from the content), so a second delivery of the same
 * mail gives the same bytes and is recognised even without a Message-ID.
 */
export async function composeMessage(p: MailPieces): Promise<Buffer> {
  const composer = new MailComposer({
    text: p.text ?? undefined,
    html: p.html ?? undefined,
    attachments: [
      ...p.bodyParts.map((b) => ({ content: b.content, contentType: `${b.contentType}; charset=utf-8`, contentDisposition: 'inline', filename: false as const })),
      ...p.attachments.map((a) => ({ content: a.content, contentType: a.contentType, filename: a.filename ?? (false as const), ...(a.cid ? { cid: a.cid, contentDisposition: 'inline' } : {}) })),
    ],
    baseBoundary: fingerprint(p),
  });
  const built = await composer.compile().build();
  const split = built.indexOf('\r\n\r\n');
  const structure = unfoldedLines(built.toString('latin1', 0, split)).filter((l) => STRUCTURE.test(nameOf(l)));
  const headers = p.headerLines.filter((l) => !STRUCTURE.test(nameOf(l)));
  return Buffer.concat([Buffer.from([...headers, ...structure].join('\r\n'), 'utf8'), built.subarray(split)]);
}

/** Header lines with their continuation lines still attached. */
export function unfoldedLines(block: string): string[] {
  return block.split(/\r?\n(?![ \t])/).filter((l) => l.length > 0);
}

function fingerprint(p: MailPieces): string {
  const hash = createHash('sha256');
  for (const piece of [p.headerLines.join('\n'), p.text ?? '', p.html ?? '', ...p.bodyParts.map((b) => b.content)]) hash.update(piece).update('\0');
  for (const a of p.attachments) hash.update(a.filename ?? '').update('\0').update(a.content);
  return hash.digest('hex').slice(0, 24);
}
