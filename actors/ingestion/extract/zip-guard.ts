import { inflateRawSync } from 'node:zlib';

export interface ZipLimits { maxEntries: number; maxUncompressedBytes: number; maxRatio: number }

interface Entry { name: string; method: number; compressed: number; size: number; offset: number }

/**
 * Checks a ZIP (an XLSX) before any library opens it: the central directory's entry
 * count and declared sizes must be within the limits and no entry may be compressed
 * absurdly well; then each entry is inflated with its declared size as a hard cap, so
 * a directory that lies is caught too. Returns the reason to refuse, or null.
 */
export function zipProblem(buf: Buffer, limits: ZipLimits): string | null {
  const dir = centralDirectory(buf);
  if (typeof dir === 'string') return dir;
  if (dir.length > limits.maxEntries) return `${dir.length} zip entries, over the limit of ${limits.maxEntries}`;
  const total = dir.reduce((n, e) => n + e.size, 0);
  if (total > limits.maxUncompressedBytes) return `declared uncompressed size ${total} bytes, over the limit of ${limits.maxUncompressedBytes}`;
  const bomb = dir.find((e) => e.size > 64 * 1024 && e.size / Math.max(1, e.compressed) > limits.maxRatio);
  if (bomb) return `zip entry ${bomb.name} expands ${Math.round(bomb.size / Math.max(1, bomb.compressed))}:1, over the limit of ${limits.maxRatio}:1`;
  for (const e of dir) {
    const problem = checkEntry(buf, e);
    if (problem) return problem;
  }
  return null;
}

function centralDirectory(buf: Buffer): Entry[] | string {
  const eocd = findEocd(buf);
  if (eocd < 0) return 'not a zip file (no end of central directory)';
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const start = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff) return 'zip64 archives are not read';
  if (start + size > buf.length) return 'zip central directory lies outside the file';
  const entries: Entry[] = [];
  let p = start;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return 'broken zip central directory';
    const nameLen = buf.readUInt16LE(p + 28);
    entries.push({
      name: buf.toString('utf8', p + 46, Math.min(buf.length, p + 46 + nameLen)),
      method: buf.readUInt16LE(p + 10),
      compressed: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      offset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

function findEocd(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}

function checkEntry(buf: Buffer, e: Entry): string | null {
  if (e.offset + 30 > buf.length || buf.readUInt32LE(e.offset) !== 0x04034b50) return `zip entry ${e.name} has no local header`;
  const dataAt = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  const data = buf.subarray(dataAt, dataAt + e.compressed);
  if (e.method === 0) return data.length === e.size ? null : `zip entry ${e.name} is shorter than declared`;
  if (e.method !== 8) return `zip entry ${e.name} uses compression method ${e.method}`;
  try {
    const out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
    return out.length === e.size ? null : `zip entry ${e.name} inflates to ${out.length} bytes, not the declared ${e.size}`;
  } catch {
    return `zip entry ${e.name} inflates beyond its declared ${e.size} bytes or is corrupt`;
  }
}
