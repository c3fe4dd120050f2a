import { describe, expect, it } from 'vitest';
import { parseMime } from '../../actors/ingestion/mime.js';
import { composeMessage, headerLine, type MailPieces } from '../../gateway/inbound/compose.js';

const pieces = (over: Partial<MailPieces> = {}): MailPieces => ({
  headerLines: ['Received: by mx.example; Tue, 10 Feb 2026 09:00:01 +0100', 'From: =?utf-8?Q?J=C3=BCrgen?= <j@mill.example>', 'Subject: Stock', 'Date: Tue, 10 Feb 2026 09:00:00 +0100', 'Content-Type: multipart/alternative; boundary="old"', 'MIME-Version: 1.0'],
  text: 'TL3 125 g, 1250 mm, 24 t', html: '<p>TL3 125 g</p>', bodyParts: [],
  attachments: [{ filename: 'stock.csv', contentType: 'text/csv', content: Buffer.from('grade;gsm\nTL3;125\n') }],
  ...over,
});

describe('composeMessage', () => {
  it('writes the original headers, a fresh MIME structure, the bodies and the attachments', async () => {
    const raw = await composeMessage(pieces());
    const head = raw.toString('latin1', 0, raw.indexOf('\r\n\r\n'));
    expect(head).toMatch(/^Received: by mx\.example/);
    expect(head).not.toContain('boundary="old"');
    expect(head.match(/^MIME-Version:/gim)).toHaveLength(1);
    const mail = await parseMime(raw);
    expect(mail.from).toEqual({ address: 'j@mill.example', name: 'Jürgen' });
    expect(mail.date).toBe('Tue, 10 Feb 2026 09:00:00 +0100');
    expect(mail.messageId).toBeNull();
    expect([mail.text?.trim(), mail.html]).toEqual(['TL3 125 g, 1250 mm, 24 t', '<p>TL3 125 g</p>']);
    expect(mail.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['stock.csv', 'grade;gsm\nTL3;125\n']]);
  });

  it('gives the same bytes for the same mail, so a delivery without Message-ID is still recognised', async () => {
    expect((await composeMessage(pieces())).equals(await composeMessage(pieces()))).toBe(true);
    expect((await composeMessage(pieces())).equals(await composeMessage(pieces({ text: 'other' })))).toBe(false);
  });

  it('keeps an inline image with its Content-ID and extra body parts as body', async () => {
    const mail = await parseMime(await composeMessage(pieces({
      bodyParts: [{ contentType: 'text/html', content: '<p>more stock</p>' }],
      attachments: [{ filename: 'logo.png', contentType: 'image/png', content: Buffer.from('png'), cid: 'logo@mill' }],
    })));
    expect(mail.html).toContain('more stock');
    expect(mail.attachments.map((a) => [a.filename, a.inline])).toEqual([['logo.png', true]]);
  });
});

describe('headerLine', () => {
  it.each([
    ['Subject', 'Stock list', 'Subject: Stock list'],
    ['Subject', 'Lagerliste März', 'Subject: =?UTF-8?Q?Lagerliste_M=C3=A4rz?='],
    ['X-Evil', 'a\r\nBcc: victim@example.com', 'X-Evil: a Bcc: victim@example.com'],
    ['Bad Name', 'x', null],
  ])('%s: %s', (name, value, expected) => {
    expect(headerLine(name, value)).toBe(expected);
  });

  it('folds a line longer than 998 characters', () => {
    const line = headerLine('X-Long', 'word '.repeat(400)) as string;
    expect(line.split('\r\n').every((l) => l.length <= 998)).toBe(true);
    expect(line.replace(/\r\n(?=[ \t])/g, '')).toMatch(/^X-Long: (word ){399}word$/);
  });
});
