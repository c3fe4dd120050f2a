import iconv from 'iconv-lite';
import { AppError } from '../../actors/common/errors.js';

/** One field or file of a posted form, its bytes as they came: charsets are the reader's call. */
export interface FormPart {
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

export interface Form {
  parts: FormPart[];
}

const MAX_PARTS = 2_000;

/**
 * Reads an `application/x-www-form-urlencoded` or `multipart/form-data` body that was
 * read whole (bounded by the body limit). Kept as bytes, so a provider's per-field
 * charsets can be honoured and a refused body kept exactly as it came.
 */
export function parseForm(contentType: string | undefined, body: Buffer): Form {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return { parts: parseUrlencoded(body) };
  if (type === 'multipart/form-data') return { parts: parseMultipart(body, boundaryOf(contentType as string)) };
  throw new AppError('B2B_UNSUPPORTED_MEDIA_TYPE', 'expected a form: application/x-www-form-urlencoded or multipart/form-data');
}

function formError(message: string): AppError {
  return new AppError('B2B_VALIDATION', `the form cannot be read: ${message}`);
}

export function parseUrlencoded(body: Buffer): FormPart[] {
  const pairs = body.toString('latin1').split('&').filter((p) => p.length > 0);
  if (pairs.length > MAX_PARTS) throw formError(`more than ${MAX_PARTS} fields`);
  return pairs.map((pair) => {
    const eq = pair.indexOf('=');
    const name = percentDecode(eq < 0 ? pair : pair.slice(0, eq)).toString('utf8');
    return { name, filename: null, contentType: null, data: percentDecode(eq < 0 ? '' : pair.slice(eq + 1)) };
  });
}

/** "+" is a space and %XX a byte; anything else is taken as the byte it is. */
function percentDecode(s: string): Buffer {
  const bytes = Buffer.from(s.replaceAll('+', ' '), 'latin1');
  const out = Buffer.alloc(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const hi = bytes[i] === 0x25 ? hexDigit(bytes[i + 1]) : -1;
    const lo = hi >= 0 ? hexDigit(bytes[i + 2]) : -1;
    if (lo >= 0) {
      out[n++] = hi * 16 + lo;
      i += 2;
    } else {
      out[n++] = bytes[i] as number;
    }
  }
  return out.subarray(0, n);
}

function hexDigit(c: number | undefined): number {
  if (c === undefined) return -1;
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

function boundaryOf(contentType: string): string {
  const match = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw formError('multipart/form-data without a boundary');
  return boundary;
}

/** RFC 7578 parts between `--boundary` lines; CRLF as the RFC says, bare LF as some senders write. */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const nextDelimiter = Buffer.from(`\n--${boundary}`, 'latin1');
  let at = body.indexOf(delimiter);
  if (at < 0) throw formError('the boundary never occurs');
  const parts: FormPart[] = [];
  for (;;) {
    const after = at + delimiter.length;
    if (body.toString('latin1', after, after + 2) === '--') return parts;
    const start = skipLine(body, after);
    const end = body.indexOf(nextDelimiter, start);
    if (start < 0 || end < 0) throw formError('it ends before its closing boundary');
    parts.push(parsePart(body.subarray(start, body[end - 1] === 0x0d ? end - 1 : end)));
    if (parts.length > MAX_PARTS) throw formError(`more than ${MAX_PARTS} parts`);
    at = end + 1;
  }
}

/** The offset after the line break that ends a delimiter line (transport padding allowed). */
function skipLine(body: Buffer, from: number): number {
  const lf = body.indexOf(0x0a, from);
  return lf < 0 || body.toString('latin1', from, lf).trim() !== '' ? -1 : lf + 1;
}

function parsePart(part: Buffer): FormPart {
  const crlf = part.indexOf('\r\n\r\n');
  const lf = part.indexOf('\n\n');
  const [split, gap] = crlf >= 0 && (lf < 0 || crlf < lf) ? [crlf, 4] : [lf, 2];
  if (split < 0) throw formError('a part has no header section');
  const headers = partHeaders(part.toString('utf8', 0, split));
  const disposition = headers.get('content-disposition') ?? '';
  const name = param(disposition, 'name');
  if (name === null) throw formError('a part has no name');
  return { name, filename: filenameOf(disposition), contentType: headers.get('content-type') ?? null, data: part.subarray(split + gap) };
}

function partHeaders(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split(/\r?\n(?![ \t])/)) {
    const colon = line.indexOf(':');
    if (colon > 0) map.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
  }
  return map;
}

function param(header: string, key: string): string | null {
  const re = new RegExp(`;\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i');
  const m = re.exec(header);
  if (!m) return null;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? '').trim();
}

/** `filename*=UTF-8''…` (RFC 5987) wins over a plain `filename`. */
function filenameOf(disposition: string): string | null {
  const extended = param(disposition, 'filename\\*');
  const m = extended ? /^([\w-]+)'[^']*'(.*)$/.exec(extended) : null;
  if (m) {
    const charset = iconv.encodingExists(m[1]!) ? m[1]! : 'utf-8';
    return iconv.decode(percentDecode(m[2]!.replaceAll('+', '%2B')), charset);
  }
  return param(disposition, 'filename');
}

export function field(form: Form, name: string): Buffer | undefined {
  return form.parts.find((p) => p.name === name && p.filename === null)?.data;
}

/** A text field decoded by its charset (UTF-8 unless told otherwise; an unknown charset reads as UTF-8). */
export function text(form: Form, name: string, charset = 'utf-8'): string | undefined {
  const data = field(form, name);
  if (data === undefined) return undefined;
  return iconv.decode(data, iconv.encodingExists(charset) ? charset : 'utf-8');
}

export function files(form: Form): FormPart[] {
  return form.parts.filter((p) => p.filename !== null);
}
