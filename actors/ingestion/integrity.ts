/**
 * Damage a lenient MIME decoder reads past without a word: a multipart that never closes
 * (the mail was cut off) or base64 that is not base64. Either would hand the extractor a
 * half table or garbled numbers, and offers are never guessed: such a mail fails with the
 * reason this returns. Pure; bounded by the nesting it allows.
 */
export function mimeDamage(raw: Buffer): string | null {
  return entityDamage(raw.toString('latin1'), 0);
}

const MAX_DEPTH = 60;

function entityDamage(entity: string, depth: number): string | null {
  if (depth > MAX_DEPTH) return `MIME parts nested deeper than ${MAX_DEPTH}`;
  const blank = /\r?\n\r?\n/.exec(entity);
  const head = blank ? entity.slice(0, blank.index) : entity;
  const body = blank ? entity.slice(blank.index + blank[0].length) : '';
  const headers = unfold(head);
  const type = (headers.get('content-type') ?? 'text/plain').toLowerCase();
  if (type.startsWith('multipart/')) return multipartDamage(headers.get('content-type') as string, body, depth);
  if (type.startsWith('message/rfc822')) return entityDamage(body, depth + 1);
  if ((headers.get('content-transfer-encoding') ?? '').trim().toLowerCase() === 'base64' && !isBase64(body)) {
    return `the ${partName(headers)} is not valid base64`;
  }
  return null;
}

function multipartDamage(contentType: string, body: string, depth: number): string | null {
  const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const b = boundary?.[1] ?? boundary?.[2];
  if (!b) return 'a multipart part has no boundary';
  const close = body.search(new RegExp(`(^|\\n)--${escape(b)}--`));
  if (close < 0) return `a multipart part never closes (boundary "${b}"): the message was cut off`;
  const parts = body.slice(0, close).split(new RegExp(`(?:^|\\r?\\n)--${escape(b)}[ \\t]*\\r?\\n`)).slice(1);
  for (const part of parts) {
    const damage = entityDamage(part, depth + 1);
    if (damage) return damage;
  }
  return null;
}

function unfold(head: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of head.split(/\r?\n(?![ \t])/)) {
    const colon = line.indexOf(':');
    if (colon > 0) map.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
  }
  return map;
}

/** Base64 as RFC 2045 writes it: the alphabet, whitespace, padding only at the end, whole quanta. */
function isBase64(body: string): boolean {
  const compact = body.replace(/[\r\n\t ]+/g, '');
  return /^[A-Za-z0-9+/]*={0,2}$/.test(compact) && compact.length % 4 === 0;
}

function partName(headers: Map<string, string>): string {
  const named = /(?:file)?name\*?\s*=\s*"?([^";]+)"?/i.exec(`${headers.get('content-disposition') ?? ''};${headers.get('content-type') ?? ''}`);
  return named ? `part "${named[1]}"` : `${(headers.get('content-type') ?? 'text/plain').split(';')[0]} part`;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
