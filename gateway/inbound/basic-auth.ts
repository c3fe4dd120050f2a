import { safeEqual } from './signature.js';

/** True when an `Authorization: Basic …` header carries exactly these credentials (compared in constant time). */
export function basicAuthMatches(header: string | undefined, user: string, password: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return false;
  const userOk = safeEqual(decoded.slice(0, colon), user);
  const passwordOk = safeEqual(decoded.slice(colon + 1), password);
  return userOk && passwordOk;
}

/** The challenge that makes a client that waits for one send its credentials. */
export const BASIC_CHALLENGE = 'Basic realm="b2bpaper inbound", charset="UTF-8"';
