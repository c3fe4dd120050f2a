import { corpusMail } from '../support/fixtures.js';
import { randomBytes } from 'node:crypto';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { names } from '../../actors/transport/names.js';
import { listControls } from '../../db/controls.js';
import { ReplyWaiter } from '../../gateway/replies.js';
import { storeInbound } from '../../gateway/inbound/store.js';
import type { GatewayDeps } from '../../gateway/deps.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { offerMail, settled } from './mail.js';

/**
 * Hostile and broken mail through the real path (stored as a webhook stores it, then the
 * ingestion actor in a worker): each ends failed with a reason, or ingested with what it
 * could not read noted, within the actor's time limit, and the actor goes on working.
 */
const TIMEOUT_MS = 30_000;
const corpusCsvMail = corpusMail('d027').toString('latin1');
/** The corpus mail with a CSV attachment, under a Message-ID of its own (a second delivery would be deduplicated). */
const csvMail = (edit: (text: string) => string = (t) => t) => Buffer.from(edit(corpusCsvMail.replace(/^Message-ID: .*$/m, `Message-ID: <${randomBytes(8).toString('hex')}@fuzz.example>`)), 'latin1');

let h: Harness;
let deps: GatewayDeps;

beforeAll(async () => {
  h = await createHarness({ ACTOR_LIMITS: JSON.stringify({ ingestion: { timeoutMs: TIMEOUT_MS } }) });
  deps = { config: h.config, sql: h.db.sql, transport: h.transport, outbox: h.outbox, waiter: new ReplyWaiter(h.db.sql, h.transport, names(h.config.KEY_PREFIX)) };
  await h.startWorker(undefined, 'fuzz-worker');
}, 60_000);
afterAll(async () => { await h.close(); });

function mixed(parts: string[][], boundary = 'fz'): Buffer {
  return Buffer.from([
    'From: Sales <sales@mill.example>', 'Subject: stock', 'Date: Tue, 10 Feb 2026 09:00:00 +0100',
    `Message-ID: <${randomBytes(8).toString('hex')}@mill.example>`, 'MIME-Version: 1.0', `Content-Type: multipart/mixed; boundary="${boundary}"`, '',
    ...parts.flatMap((p) => [`--${boundary}`, ...p]), `--${boundary}--`, '',
  ].join('\r\n'));
}

const offerText = ['Content-Type: text/plain; charset=utf-8', '', 'Testliner 3, 125 gsm, 1250 mm, 24 t, EUR 410/t FCA mill'];

function attachment(filename: string, type: string, content: Buffer): string[] {
  return [`Content-Type: ${type}; name="${filename}"`, `Content-Disposition: attachment; filename="${filename}"`, 'Content-Transfer-Encoding: base64', '', content.toString('base64').replace(/.{76}/g, '$&\r\n')];
}

/** A ZIP whose one sheet inflates to 200 MB of zeros: an XLSX by name only. */
function zipBomb(): Buffer {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const data = Buffer.alloc(200 * 1024 * 1024);
  const packed = deflateRawSync(data, { level: 9 });
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc32(data), 14); local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc32(data), 16); central.writeUInt32LE(packed.length, 20); central.writeUInt32LE(data.length, 24); central.writeUInt16LE(name.length, 28);
  const localSize = local.length + name.length + packed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12); end.writeUInt32LE(localSize, 16);
  return Buffer.concat([local, name, packed, central, name, end]);
}

function nested(depth: number): Buffer {
  const open = Array.from({ length: depth }, (_, i) => `--n${i}\r\nContent-Type: multipart/mixed; boundary="n${i + 1}"\r\n\r\n`).join('');
  const close = Array.from({ length: depth }, (_, i) => `--n${depth - i}--\r\n`).join('');
  return Buffer.from([
    'From: sales@mill.example', 'Subject: deep', `Message-ID: <deep-${depth}-${randomBytes(4).toString('hex')}@mill.example>`,
    'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="n0"', '', `${open}--n${depth}\r\nContent-Type: text/plain\r\n\r\nTL3 125 g\r\n${close}--n0--\r\n`,
  ].join('\r\n'));
}

type Expect = { status: 'failed'; reason: RegExp } | { status: 'ingested'; unparsed: RegExp };

const cases: [string, () => Buffer, Expect][] = [
  ['random bytes', () => randomBytes(64 * 1024), { status: 'failed', reason: /no header section/ }],
  ['MIME cut off in the middle of its attachment', () => csvMail((t) => t.slice(0, Math.floor(t.length * 0.7))), { status: 'failed', reason: /never closes.*cut off/ }],
  ['broken base64 in the CSV attachment', () => csvMail((t) => t.replace('SXRlbSxHcmFkZSxHU00', 'SXRl*%$#bSxHcmFkZSxHU00')), { status: 'failed', reason: /GPT_stocklist_wk38\.csv" is not valid base64/ }],
  ['a 20 MB attachment', () => mixed([offerText, attachment('stock.csv', 'text/csv', Buffer.alloc(20 * 1024 * 1024, 'TL3;125;1250;24\n'))]), { status: 'ingested', unparsed: /stock\.csv: \d+ bytes, over the attachment limit/ }],
  ['a zip bomb posing as XLSX', () => mixed([offerText, attachment('stock.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', zipBomb())]), { status: 'ingested', unparsed: /stock\.xlsx/ }],
  ['multiparts nested 1000 deep', () => nested(1000), { status: 'failed', reason: /multipart/ }],
  ['multiparts nested 200 deep', () => nested(200), { status: 'failed', reason: /nested deeper/ }],
  ['a CSV line of a million columns', () => mixed([offerText, attachment('wide.csv', 'text/csv', Buffer.from(`${'TL3;'.repeat(1_000_000)}\n`))]), { status: 'ingested', unparsed: /wide\.csv/ }],
];

describe('fuzz: the ingestion actor never crashes or hangs on hostile mail', () => {
  it.each(cases)('%s', async (_name, build, expected) => {
    const accepted = await storeInbound(deps, { source: 'fuzz', raw: build() }, {});
    const emailId = accepted.body.emailId as string;
    const email = await settled(h, emailId, TIMEOUT_MS + 10_000);
    if (expected.status === 'failed') {
      expect([email.status, email.failure_reason]).toEqual(['failed', expect.stringMatching(expected.reason)]);
    } else {
      expect(email.status).toBe('ingested');
      expect(email.unparsed.join('\n')).toMatch(expected.unparsed);
    }
    // Done at the first attempt: not retried, not dead (completions are recorded in batches, hence the wait).
    const message = await eventually(async () => {
      const [m] = await h.db.sql`select state, attempts from mailbox where id = ${accepted.messageId}`;
      return m?.state === 'in_flight' ? undefined : m;
    }, 10_000, 'message settled');
    expect(message).toEqual({ state: 'done', attempts: 1 });
  }, TIMEOUT_MS + 20_000);

  it('and goes on working: the next ordinary mail is ingested, the actor not paused', async () => {
    const accepted = await storeInbound(deps, { source: 'fuzz', raw: offerMail() }, {});
    expect(await settled(h, accepted.body.emailId as string)).toMatchObject({ status: 'ingested' });
    const controls = await listControls(h.db.sql);
    expect(controls.filter((c) => c.paused)).toEqual([]);
  });
});
