import { CORPUS_DIR } from '../support/fixtures.js';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mimeDamage } from '../../actors/ingestion/integrity.js';
import { senderPatterns } from '../../db/mills.js';
import { availableFrom } from '../../db/offers.js';

const mail = (lines: string[]) => Buffer.from(lines.join('\r\n'));
const head = ['From: a@b.example', 'Subject: s', 'MIME-Version: 1.0'];

describe('mimeDamage', () => {
  const cases: [string, Buffer, RegExp | null][] = [
    ['a plain text mail', mail([...head, 'Content-Type: text/plain', '', 'TL3 125 g']), null],
    ['a closed multipart', mail([...head, 'Content-Type: multipart/mixed; boundary="b1"', '', '--b1', 'Content-Type: text/plain', '', 'x', '--b1--', '']), null],
    ['valid base64 across lines', mail([...head, 'Content-Type: text/csv', 'Content-Transfer-Encoding: base64', '', 'Z3JhZGU7Z3Nt', 'O3dpZHRoCg==', '']), null],
    ['a multipart cut off', mail([...head, 'Content-Type: multipart/mixed; boundary=b1', '', '--b1', 'Content-Type: text/plain', '', 'x']), /never closes \(boundary "b1"\)/],
    ['an inner multipart cut off', mail([...head, 'Content-Type: multipart/mixed; boundary="o"', '', '--o', 'Content-Type: multipart/alternative; boundary="i"', '', '--i', 'Content-Type: text/plain', '', 'x', '--o--', '']), /boundary "i"/],
    ['a multipart without a boundary', mail([...head, 'Content-Type: multipart/mixed', '', 'x']), /no boundary/],
    ['base64 with foreign characters', mail([...head, 'Content-Type: multipart/mixed; boundary=b', '', '--b', 'Content-Type: text/csv; name="stock.csv"', 'Content-Transfer-Encoding: base64', '', 'Z3JhZGU7!!!Z3Nt', '--b--', '']), /part "stock.csv" is not valid base64/],
    ['base64 cut mid-quantum', mail([...head, 'Content-Type: text/plain', 'Content-Transfer-Encoding: base64', '', 'Z3JhZGU7Z3N']), /text\/plain part is not valid base64/],
  ];
  it.each(cases)('%s', (_name, raw, expected) => {
    const damage = mimeDamage(raw);
    if (expected === null) expect(damage).toBeNull();
    else expect(damage).toMatch(expected);
  });

  it('finds nothing wrong with any corpus e-mail', () => {
    const dir = CORPUS_DIR;
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
    expect(files.length).toBeGreaterThan(20);
    expect(files.map((f) => [f, mimeDamage(readFileSync(new URL(f, dir)))]).filter(([, d]) => d !== null)).toEqual([]);
  });
});

describe('availableFrom: the first loading day of a date or an ISO week', () => {
  it.each([
    ['2026-02-10', '2026-02-10'],
    ['2026-W01', '2025-12-29'],
    ['2026-W12', '2026-03-16'],
    ['2020-W53', '2020-12-28'],
    ['2021-W01', '2021-01-04'],
    [null, null],
  ])('%s → %s', (available, expected) => {
    expect(availableFrom(available)).toBe(expected);
  });
});

describe('senderPatterns: the address, then each domain from the closest', () => {
  it.each([
    ['Sales@Mill.Example', ['sales@mill.example', '@mill.example']],
    ['a@export.mill.co.example', ['a@export.mill.co.example', '@export.mill.co.example', '@mill.co.example', '@co.example']],
    ['no-at-sign', []],
    ['trailing@', []],
  ])('%s', (address, expected) => {
    expect(senderPatterns(address)).toEqual(expected);
  });
});
