import { parseMime, type ParsedEmail } from '../mime.js';
import { isErrorCode } from '../../common/errors.js';
import { resolveLimits, unreadable, type ExtractLimits } from './limits.js';

const MAX_RAW_BYTES = 30 * 1024 * 1024;
const MAX_MIME_PARTS = 300;

/**
 * parseMime behind the extractor's limits: an oversized message, one nested into
 * hundreds of MIME parts, or one the decoder chokes on is B2B_EMAIL_UNREADABLE.
 */
export async function readEmail(raw: Buffer | string, limits?: Partial<ExtractLimits>): Promise<ParsedEmail> {
  resolveLimits(limits);
  const size = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length;
  if (size > MAX_RAW_BYTES) throw unreadable(`message of ${size} bytes is over the limit of ${MAX_RAW_BYTES}`);
  const head = typeof raw === 'string' ? raw : raw.toString('latin1');
  const parts = head.match(/content-type:\s*multipart\//gi)?.length ?? 0;
  if (parts > MAX_MIME_PARTS) throw unreadable(`message nests ${parts} multipart containers, over the limit of ${MAX_MIME_PARTS}`);
  try {
    return await parseMime(raw);
  } catch (err) {
    if (err && typeof err === 'object' && 'code' in err && isErrorCode((err as { code: unknown }).code)) throw err;
    throw unreadable('the message cannot be decoded as MIME', err);
  }
}
