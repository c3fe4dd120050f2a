/**
 * Just enough MIME to read a delivery status notification from the raw message: headers,
 * multipart bodies and transfer encodings. mailparser folds a message/delivery-status part
 * into the text body, which loses the structure RFC 3464 gives it; this keeps it.
 */

export interface MimePart {
  headers: Map<string, string>;
  type: string;
  params: Record<string, string>;
  body: string;
}

const MAX_DEPTH = 4;

/** Splits at the first empty line; CRLF and LF alike. */
function splitHead(text: string): { head: string; body: string } {
  const m = /\r?\n\r?\n/.exec(text);
  if (!m) return { head: text, body: '' };
  return { head: text.slice(0, m.index), body: text.slice(m.index + m[0].length) };
}

/** Header fields, unfolded, by lower-case name; the first occurrence wins. */
export function parseFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  const unfolded = block.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!fields.has(name)) fields.set(name, line.slice(colon + 1).trim());
  }
  return fields;
}

/** `multipart/report; report-type=delivery-status; boundary="x"` → type and parameters. */
export function parseContentType(value: string | undefined): { type: string; params: Record<string, string> } {
  const [type = 'text/plain', ...rest] = (value ?? 'text/plain').split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return { type: type.trim().toLowerCase(), params };
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch (encoding?.toLowerCase()) {
    case 'base64': return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('latin1');
    case 'quoted-printable': return body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    default: return body;
  }
}

function parsePart(text: string): MimePart {
  const { head, body } = splitHead(text);
  const headers = parseFields(head);
  const { type, params } = parseContentType(headers.get('content-type'));
  return { headers, type, params, body: decodeBody(body, headers.get('content-transfer-encoding')) };
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const chunks = body.split(new RegExp(`(?:^|\\r?\\n)${delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  const parts: string[] = [];
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith('--')) break;
    parts.push(chunk.replace(/^[ \t]*\r?\n/, ''));
  }
  return parts;
}

/** The message and every part beneath it, depth first (multiparts nested up to four deep). */
export function walkMime(raw: Buffer | string): MimePart[] {
  const text = typeof raw === 'string' ? raw : raw.toString('latin1');
  const out: MimePart[] = [];
  const visit = (part: MimePart, depth: number) => {
    out.push(part);
    if (!part.type.startsWith('multipart/') || !part.params.boundary || depth >= MAX_DEPTH) return;
    for (const child of splitMultipart(part.body, part.params.boundary)) visit(parsePart(child), depth + 1);
  };
  visit(parsePart(text), 0);
  return out;
}
