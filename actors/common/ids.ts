import { randomFillSync } from 'node:crypto';

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids sort
 * in creation order and index inserts stay local. The random bits come from a pool filled
 * a few kilobytes at a time: one getrandom call per 256 ids instead of one per id, which
 * matters on the hot path of every send.
 */
const POOL = Buffer.alloc(16 * 256);
let offset = POOL.length;
let lastMs = 0;
let sequence = 0;

function randomBytes10(): Buffer {
  if (offset + 10 > POOL.length) {
    randomFillSync(POOL);
    offset = 0;
  }
  const bytes = POOL.subarray(offset, offset + 10);
  offset += 10;
  return bytes;
}

export function uuidv7(now = Date.now()): string {
  const r = randomBytes10();
  // Within one millisecond, a 12-bit counter in rand_a keeps ids from one process in order.
  if (now > lastMs) {
    lastMs = now;
    sequence = r.readUInt16BE(0) & 0x7ff;
  } else if (++sequence > 0xfff) {
    lastMs += 1;
    sequence = 0;
  }
  const b = Buffer.allocUnsafe(16);
  b.writeUIntBE(lastMs, 0, 6);
  b[6] = 0x70 | (sequence >> 8);
  b[7] = sequence & 0xff;
  r.copy(b, 8, 2, 10);
  b[8] = 0x80 | ((b[8] as number) & 0x3f);
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
