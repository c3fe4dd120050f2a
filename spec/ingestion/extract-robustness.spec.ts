import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { extractOffers } from '../../actors/ingestion/extract/index.js';
import { readEmail } from '../../actors/ingestion/extract/read-email.js';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, '..', 'fixtures', 'emails');
const BOUND_MS = 5000;

/** Runs parse + extract; it must end within the bound, with a result or B2B_EMAIL_UNREADABLE, never anything else. */
async function survive(raw: Buffer | string): Promise<{ unparsed: string[] } | 'unreadable'> {
  const start = performance.now();
  let outcome: { unparsed: string[] } | 'unreadable';
  try {
    const r = await extractOffers(await readEmail(raw), { millCountry: null });
    outcome = { unparsed: r.unparsed };
  } catch (err) {
    expect((err as { code?: unknown }).code).toBe('B2B_EMAIL_UNREADABLE');
    outcome = 'unreadable';
  }
  expect(performance.now() - start).toBeLessThan(BOUND_MS);
  return outcome;
}

function withAttachment(name: string, type: string, content: Buffer, b64?: string): string {
  const body = b64 ?? content.toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    'From: a@b.example', 'To: offers@b2bpaper.example', 'Subject: Stock list', 'Date: Mon, 04 May 2026 10:30:00 +0200',
    'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="b1"', '', '--b1', 'Content-Type: text/plain', '',
    'Please find our stock list attached.', '', '--b1', `Content-Type: ${type}; name="${name}"`,
    `Content-Disposition: attachment; filename="${name}"`, 'Content-Transfer-Encoding: base64', '', body, '--b1--', '',
  ].join('\r\n');
}

/** A one-entry ZIP whose central directory declares `declared` bytes for `data` (deflated). */
function zip(name: string, data: Buffer, declared = data.length): Buffer {
  const comp = deflateRawSync(data);
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
  local.writeUInt32LE(comp.length, 18); local.writeUInt32LE(declared, 22); local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
  central.writeUInt32LE(comp.length, 20); central.writeUInt32LE(declared, 24); central.writeUInt16LE(n.length, 28);
  central.writeUInt32LE(0, 42);
  const cdStart = local.length + n.length + comp.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + n.length, 12); end.writeUInt32LE(cdStart, 16);
  return Buffer.concat([local, n, comp, central, n, end]);
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('extraction under hostile input', () => {
  it('survives random bytes', async () => {
    for (const size of [10, 5_000, 300_000]) await survive(randomBytes(size));
  });

  it('survives a truncated MIME message', async () => {
    const raw = readFileSync(join(FIXTURES, 'h004.eml'));
    for (const cut of [0.1, 0.5, 0.9]) await survive(raw.subarray(0, Math.floor(raw.length * cut)));
  });

  it('survives broken base64 in an attachment', async () => {
    const r = await survive(withAttachment('list.csv', 'text/csv', Buffer.alloc(0), 'Z3JhZGU7Z3Nt!!!!@@@@####\r\nnot base64 at all'));
    expect(r).not.toBe('unreadable');
  });

  it('skips a 20 MB attachment and says so', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024, 'Testliner 3;125;2500;24\n');
    const r = await survive(withAttachment('big.csv', 'text/csv', big));
    expect(r).not.toBe('unreadable');
    expect((r as { unparsed: string[] }).unparsed.join('\n')).toMatch(/big\.csv: .* over the attachment limit/);
  }, 30_000);

  it('refuses a zip bomb posing as XLSX before the workbook reader sees it', async () => {
    const bomb = zip('xl/worksheets/sheet1.xml', Buffer.alloc(60 * 1024 * 1024));
    const r = await survive(withAttachment('bomb.xlsx', XLSX, bomb));
    expect((r as { unparsed: string[] }).unparsed.join('\n')).toMatch(/bomb\.xlsx: declared uncompressed size/);
  }, 30_000);

  it('refuses an XLSX whose central directory understates what an entry inflates to', async () => {
    const liar = zip('xl/worksheets/sheet1.xml', Buffer.alloc(8 * 1024 * 1024), 1000);
    const r = await survive(withAttachment('liar.xlsx', XLSX, liar));
    expect((r as { unparsed: string[] }).unparsed.join('\n')).toMatch(/liar\.xlsx: zip entry .* (?:declared|expands)/);
  }, 30_000);

  it('refuses an absurd compression ratio even under the size limit', async () => {
    const dense = zip('xl/sharedStrings.xml', Buffer.alloc(20 * 1024 * 1024));
    const r = await survive(withAttachment('dense.xlsx', XLSX, dense));
    expect((r as { unparsed: string[] }).unparsed.join('\n')).toMatch(/dense\.xlsx: zip entry .* expands/);
  }, 30_000);

  it('refuses deeply nested multipart messages and reads moderately nested ones', async () => {
    const nest = (depth: number) => {
      let body = 'Content-Type: text/plain\r\n\r\nTestliner 3 125 g/m², 2.500 mm, 24 t\r\n';
      for (let i = 0; i < depth; i++) body = `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n${body}\r\n--n${i}--\r\n`;
      return `From: a@b.example\r\nSubject: x\r\nDate: Mon, 04 May 2026 10:30:00 +0200\r\nMIME-Version: 1.0\r\n${body}`;
    };
    expect(await survive(nest(5000))).toBe('unreadable');
    expect(await survive(nest(40))).not.toBe('unreadable');
  }, 30_000);

  it('skips a CSV line with a million columns', async () => {
    const csv = Buffer.from(`Grade;GSM;Width\n${';'.repeat(1_000_000)}\nTestliner 3;125;2500\n`);
    const r = await survive(withAttachment('wide.csv', 'text/csv', csv));
    expect((r as { unparsed: string[] }).unparsed.join('\n')).toMatch(/wide\.csv: a line has 1000001 columns/);
  }, 30_000);

  it('bounds very long lines and deeply nested HTML', async () => {
    const line = `Testliner 3 ${'125 g/m² 2.500 mm 24 t '.repeat(50_000)}`;
    await survive(`From: a@b.example\r\nSubject: x\r\nDate: Mon, 04 May 2026 10:30:00 +0200\r\nContent-Type: text/plain\r\n\r\n${line}\r\n`);
    const html = `${'<div><table><tr><td>'.repeat(3000)}x${'</td></tr></table></div>'.repeat(3000)}`;
    await survive(`From: a@b.example\r\nSubject: x\r\nDate: Mon, 04 May 2026 10:30:00 +0200\r\nContent-Type: text/html\r\n\r\n${html}\r\n`);
  }, 30_000);

  it('still reads a real XLSX after the guard', async () => {
    const r = await extractOffers(await readEmail(readFileSync(join(FIXTURES, 'h001.eml'))), { millCountry: null });
    expect(r.lines.length).toBe(4);
  });
});
