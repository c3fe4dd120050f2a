import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../actors/common/errors.js';

/** Constant-time comparison of two hex or text digests. */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function hmacHex(key: string, data: Buffer | string): string {
  return createHmac('sha256', key).update(data).digest('hex');
}

/** Refuses a timestamp outside the allowed skew, either way. */
export function checkFresh(timestampS: number, nowMs: number, maxSkewS: number): void {
  if (!Number.isFinite(timestampS) || Math.abs(nowMs / 1000 - timestampS) > maxSkewS) {
    throw new AppError('B2B_WEBHOOK_STALE', `timestamp is more than ${maxSkewS} s away from now`);
  }
}

/**
 * Our own raw-mail webhook: `X-B2B-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">`
 * keyed with INBOUND_EMAIL_SECRET, `X-B2B-Timestamp` in Unix seconds.
 */
export function verifyB2bSignature(secret: string, timestamp: string | undefined, signature: string | undefined, body: Buffer, nowMs: number, maxSkewS: number): void {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !signature || !/^sha256=[0-9a-f]{64}$/i.test(signature)) {
    throw new AppError('B2B_WEBHOOK_SIGNATURE_INVALID', 'X-B2B-Timestamp and X-B2B-Signature: sha256=<hex> are required');
  }
  checkFresh(Number(timestamp), nowMs, maxSkewS);
  const expected = hmacHex(secret, Buffer.concat([Buffer.from(`${timestamp}.`), body]));
  if (!safeEqual(expected, signature.slice(7).toLowerCase())) {
    throw new AppError('B2B_WEBHOOK_SIGNATURE_INVALID', 'signature does not match the body');
  }
}
