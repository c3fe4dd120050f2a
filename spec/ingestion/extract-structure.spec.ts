import { describe, expect, it } from 'vitest';
import { csvTable, decode } from '../../actors/ingestion/extract/csv.js';
import { htmlBlocks } from '../../actors/ingestion/extract/html-doc.js';
import { textBlocks, type TableBlock } from '../../actors/ingestion/extract/blocks.js';
import { splitThread } from '../../actors/ingestion/extract/thread.js';
import { findTextTables } from '../../actors/ingestion/extract/text-tables.js';
import { extractOffers } from '../../actors/ingestion/extract/index.js';
import type { ParsedEmail } from '../../actors/ingestion/mime.js';

const limits = { maxColumns: 200, maxRows: 1000, maxLineChars: 2000 };
const htmlLimits = { maxDepth: 80, maxCells: 10_000, maxLineChars: 2000 };

describe('CSV attachments', () => {
  it.each([
    ['semicolon', 'Sorte;g/m²;Breite mm\r\nTestliner 3;125;1250\r\n', ';'],
    ['comma with quotes', 'Grade,GSM,Core\n"Kraftliner",150,"6"""\n', ','],
    ['tab', 'Grade\tGSM\tWidth\nFluting\t100\t2500\n', '\t'],
    ['pipe', 'Grade|GSM|Width\nFluting|100|2500\n', '|'],
  ])('sniffs the %s delimiter', (_n, text, _d) => {
    const t = csvTable(Buffer.from(text), 'x.csv', limits) as TableBlock;
    expect(t.rows[0]!.length).toBe(3);
    expect(t.rows[1]![0]).toMatch(/Testliner 3|Kraftliner|Fluting/);
    expect(t.rowNames?.[1]).toBe('x.csv row 2');
  });

  it('keeps an inch mark quoted as ""', () => {
    const t = csvTable(Buffer.from('Grade,GSM,Core\nKraftliner,150,"6"""\n'), 'x.csv', limits) as TableBlock;
    expect(t.rows[1]![2]).toBe('6"');
  });

  it('decodes windows-1252 and windows-1250 bytes by the column names they give', () => {
    expect(decode(Buffer.from([0x53, 0x6f, 0x72, 0x74, 0x65, 0x3b, 0x46, 0x6c, 0xe4, 0x63, 0x68, 0x65, 0x6e, 0x67, 0x65, 0x77, 0x69, 0x63, 0x68, 0x74]))).toBe('Sorte;Flächengewicht');
    expect(decode(Buffer.from('Grade;GSM\n', 'utf8'))).toBe('Grade;GSM\n');
  });

  it('refuses a line wider than the column limit', () => {
    expect(csvTable(Buffer.from('a;'.repeat(500)), 'wide.csv', limits)).toMatch(/over the limit/);
  });
});

describe('HTML tables', () => {
  it('copies rowspan and colspan cells into every slot they cover', () => {
    const html = '<table><tr><th>Grade</th><th>gsm</th><th>Width</th></tr><tr><td rowspan="2">Kraftliner</td><td>125</td><td>2400</td></tr><tr><td>150</td><td>1800</td></tr><tr><td colspan="3">SOLD</td></tr></table>';
    const t = htmlBlocks(html, htmlLimits).blocks.find((b) => b.kind === 'table') as TableBlock;
    expect(t.rows).toEqual([['Grade', 'gsm', 'Width'], ['Kraftliner', '125', '2400'], ['Kraftliner', '150', '1800'], ['SOLD', 'SOLD', 'SOLD']]);
  });

  it('reads a layout table as text and quotes blockquotes', () => {
    const html = '<table><tr><td><p>Hello</p><table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table></td></tr></table><blockquote>old</blockquote>';
    const blocks = htmlBlocks(html, htmlLimits).blocks;
    expect(blocks.some((b) => b.kind === 'line' && b.text === 'Hello')).toBe(true);
    expect(blocks.some((b) => b.kind === 'table')).toBe(true);
    expect(blocks.find((b) => b.kind === 'line' && b.text === 'old')?.quote).toBe(1);
  });

  it('stops walking past the depth limit', () => {
    const deep = '<div>'.repeat(500) + 'x' + '</div>'.repeat(500);
    expect(htmlBlocks(deep, { ...htmlLimits, maxDepth: 50 }).truncated).toBe(true);
  });
});

describe('text tables', () => {
  it('aligns space-separated columns under their header', () => {
    const text = 'Grade            gsm   Width   Qty\nTL3              115   1250    21.4 t\nFluting          120   1850    -- SOLD --\n';
    const t = findTextTables(textBlocks(text, 2000, 100)).find((b) => b.kind === 'table') as TableBlock;
    expect(t.rows[1]).toEqual(['TL3', '115', '1250', '21.4 t']);
    expect(t.rows[2]).toEqual(['Fluting', '120', '1850', '-- SOLD --']);
  });
});

describe('replies and forwards', () => {
  const roles = (text: string, subject = 'Re: offer') => splitThread(textBlocks(text, 2000, 1000), subject, null).map((p) => p.role);
  it.each([
    ['> quoting', 'new\n\nOn 18.05.2026 16:40, A wrote:\n> old\n', ['new', 'quoted']],
    ['Italian Outlook separator', 'new\n-----Messaggio originale-----\nDa: x\nInviato: martedì 28 luglio 2026 17:02\nold\n', ['new', 'quoted']],
    ['German "Am … schrieb"', 'neu\nAm 12.10.2026 um 09:00 schrieb Thomas Berger <t@b.example>:\n> alt\n', ['new', 'quoted']],
    ['Outlook From/Sent block', 'new\nFrom: A <a@b.example>\nSent: Monday, May 25, 2026 2:05 PM\nTo: B\nSubject: x\n\nold\n', ['new', 'quoted']],
    ['Gmail forward', 'fyi\n---------- Forwarded message ---------\nFrom: A\nDate: Mon, 25 May 2026 at 14:05\n\noffer\n', ['new', 'forwarded']],
    ['Apple forward', 'fyi\nBegin forwarded message:\n\nFrom: A\nDate: 30 December 2026 at 09:12:33 CET\n\noffer\n', ['new', 'forwarded']],
  ])('%s', (_n, text, want) => expect(roles(text)).toEqual(want));

  it('reads an Outlook "-----Original Message-----" block as forwarded under a WG:/FW: subject', () => {
    expect(roles('fyi\n-----Original Message-----\nFrom: A\nSent: 25.05.2026\n\noffer\n', 'WG: Angebot')).toEqual(['new', 'forwarded']);
  });

  it('dates a forwarded message by its own Date line', () => {
    const parts = splitThread(textBlocks('fyi\n---------- Forwarded message ---------\nFrom: A\nDate: Mon, 25 May 2026 at 14:05\n\noffer\n', 2000, 100), 'Fwd: x', { y: 2026, m: 6, d: 1 });
    expect(parts[1]!.date).toEqual({ y: 2026, m: 5, d: 25 });
  });
});

describe('e-mails without offers', () => {
  const email = (subject: string, text: string): ParsedEmail => ({
    messageId: null, from: { address: null, name: null }, to: [], subject, date: 'Mon, 06 Apr 2026 07:02:11 +0200', text, html: null, attachments: [],
  });
  it.each([
    ['an out-of-office reply', 'Automatische Antwort: TL3 125 g', 'Ich bin nicht im Büro.\nTestliner 3 125 g/m², 2.500 mm, 48 t'],
    ['a buyer inquiry', 'Inquiry', 'We are looking for:\n- Testliner 3, 125 g/m², width 2.500 mm, approx. 100 t\nTarget price EUR 420/t'],
    ['a price increase', 'Price information', 'We will increase prices:\nTestliner 2 (90–150 g/m²): + EUR 60/t'],
  ])('%s', async (_n, subject, text) => {
    expect((await extractOffers(email(subject, text), { millCountry: null })).lines).toEqual([]);
  });

  it('uses the platform\'s mill country when the e-mail names none', async () => {
    const r = await extractOffers(email('Offer', 'We offer:\nTestliner 3 125 g/m², 2.500 mm, 24 t, EUR 400/t FCA mill\n'), { millCountry: 'AT' });
    expect(r.lines.map((l) => l.offer.origin)).toEqual(['AT']);
    expect(r.lines[0]!.source).toBe('Testliner 3 125 g/m², 2.500 mm, 24 t, EUR 400/t FCA mill');
  });

  it('keeps lines whose grade or gsm cannot be read as unparsed', async () => {
    const r = await extractOffers(email('Offer', 'We offer:\nLWC 60 gsm, reel 787 mm, 40 MT\nGraukarton 2.0 mm, Format 80 x 120 cm, ca. 20 t\n'), { millCountry: null });
    expect(r.lines).toEqual([]);
    expect(r.unparsed).toEqual(['LWC 60 gsm, reel 787 mm, 40 MT', 'Graukarton 2.0 mm, Format 80 x 120 cm, ca. 20 t']);
  });
});
