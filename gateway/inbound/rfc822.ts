import { createHash } from 'node:crypto';

const HEADER_LINE = /^[!-9;-~]+:/;
const KNOWN = /^(from|date|message-id|subject|to|received|mime-version|return-path):/i;

/** The header block as text (up to the first blank line), decoded as latin1 so any byte passes. */
function headerBlock(raw: Buffer): string {
  const text = raw.subarray(0, Math.min(raw.length, 256 * 1024)).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

/** Unfolded header lines: continuation lines (starting with space or tab) joined to their header. */
function headerLines(raw: Buffer): string[] {
  return headerBlock(raw).split(/\r?\n(?![ \t])/).map((l) => l.replace(/\r?\n[ \t]+/g, ' '));
}

/**
 * True when the bytes start with an RFC 5322 header section that names at least one
 * header a mail has. A JSON body, an HTML page or random bytes are not messages.
 */
export function looksLikeMessage(raw: Buffer): boolean {
  if (raw.length === 0 || raw.subarray(0, 4096).includes(0)) return false;
  const lines = headerLines(raw).filter((l) => l.length > 0);
  return lines.length > 0 && lines.every((l) => HEADER_LINE.test(l)) && lines.some((l) => KNOWN.test(l));
}

export function header(raw: Buffer, name: string): string | null {
  const prefix = `${name.toLowerCase()}:`;
  const line = headerLines(raw).find((l) => l.toLowerCase().startsWith(prefix));
  return line ? line.slice(prefix.length).trim() : null;
}

/**
 * How a second delivery of the same mail is recognised: its Message-ID, or where it has
 * none, the hash of its bytes.
 */
export function emailIdentity(raw: Buffer): { identity: string; messageId: string | null } {
  const messageId = header(raw, 'message-id');
  if (messageId) return { identity: `mid:${messageId}`, messageId };
  return { identity: `sha256:${createHash('sha256').update(raw).digest('hex')}`, messageId: null };
}
