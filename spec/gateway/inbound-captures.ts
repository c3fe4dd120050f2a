import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { WEBHOOKS_DIR as WEBHOOKS } from '../support/fixtures.js';

export { WEBHOOKS };

export interface Capture {
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * A request dump of spec/fixtures/webhooks (its README): a first line to drop, the headers, a
 * blank line, then the body's bytes exactly as they are (CRLF or LF).
 */
export function loadCapture(file: string): Capture {
  const bytes = readFileSync(new URL(file, WEBHOOKS));
  const text = bytes.toString('latin1');
  const blank = /\r?\n\r?\n/.exec(text);
  if (!blank) throw new Error(`${file}: no blank line after the headers`);
  const headers: Record<string, string> = {};
  for (const line of text.slice(0, blank.index).split(/\r?\n/).slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    // Content-Length is recomputed for the bytes sent; hop-by-hop headers are the capture's own.
    if (colon > 0 && !['content-length', 'connection', 'host', 'accept-encoding'].includes(name)) headers[name] = line.slice(colon + 1).trim();
  }
  return { headers, body: bytes.subarray(blank.index + blank[0].length) };
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** The fields of a Mailgun route post, signed with the key at the given time. */
export function mailgunSigned(key: string, fields: Record<string, string>, timestampS = Math.floor(Date.now() / 1000), token = `tok-${Math.random().toString(36).slice(2)}`): Record<string, string> {
  const signature = createHmac('sha256', key).update(`${timestampS}${token}`).digest('hex');
  return { ...fields, timestamp: String(timestampS), token, signature };
}

export function urlencoded(fields: Record<string, string>): { headers: Record<string, string>; payload: string } {
  return { headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() };
}

/** A multipart/form-data body; files are [name, filename, content type, bytes]. */
export function multipart(fields: Record<string, string>, files: [string, string, string, Buffer][] = []): { headers: Record<string, string>; payload: Buffer } {
  const boundary = `b2b-${Math.random().toString(36).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const [name, filename, type, data] of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`), data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(chunks) };
}
