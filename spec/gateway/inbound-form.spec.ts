import { describe, expect, it } from 'vitest';
import { parseForm, parseMultipart, parseUrlencoded, text } from '../../gateway/inbound/form.js';

describe('parseUrlencoded: bytes as they were sent', () => {
  it('decodes %XX to bytes, + to a space, keeps repeated names in order and a stray % as it is', () => {
    const parts = parseUrlencoded(Buffer.from('Received=a%20b&Received=c+d&body=%E2%82%AC%41%zz%4&empty=&flag'));
    expect(parts.map((p) => [p.name, p.data.toString('utf8')])).toEqual([
      ['Received', 'a b'], ['Received', 'c d'], ['body', '€A%zz%4'], ['empty', ''], ['flag', ''],
    ]);
  });

  it('keeps 8-bit bytes that are not UTF-8', () => {
    const [part] = parseUrlencoded(Buffer.from('text=World+%80'));
    expect(part!.data).toEqual(Buffer.from([0x57, 0x6f, 0x72, 0x6c, 0x64, 0x20, 0x80]));
  });
});

describe('parseMultipart', () => {
  const body = (eol: string) => Buffer.from([
    'preamble', '--XyZ', 'Content-Disposition: form-data; name="text"', '', 'line one', 'line two', '--XyZ',
    'Content-Disposition: form-data; name="attachment1"; filename="stock list.csv"', 'Content-Type: text/csv', '', 'a;b', '',
    '--XyZ', 'Content-Disposition: form-data; name="attachment2"; filename*=UTF-8\'\'Preisliste%20M%C3%A4rz.csv', '', 'x',
    '--XyZ--', 'epilogue',
  ].join(eol));

  it.each([['CRLF', '\r\n'], ['bare LF', '\n']])('reads fields and files with %s line ends', (_name, eol) => {
    const parts = parseMultipart(body(eol), 'XyZ');
    expect(parts.map((p) => [p.name, p.filename, p.contentType, p.data.toString()])).toEqual([
      ['text', null, null, `line one${eol}line two`],
      ['attachment1', 'stock list.csv', 'text/csv', `a;b${eol}`],
      ['attachment2', 'Preisliste März.csv', null, 'x'],
    ]);
  });

  it.each([
    ['a body cut before the closing boundary', Buffer.from('--B\r\nContent-Disposition: form-data; name="a"\r\n\r\nx'), /ends before its closing boundary/],
    ['a boundary that never occurs', Buffer.from('hello'), /boundary never occurs/],
    ['a part without a name', Buffer.from('--B\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--'), /has no name/],
  ])('refuses %s', (_name, raw, message) => {
    expect(() => parseMultipart(raw, 'B')).toThrow(message);
  });

  it('takes the boundary from the content type, quoted or not, and decodes a field by its charset', () => {
    const raw = Buffer.concat([Buffer.from('--b\r\nContent-Disposition: form-data; name="text"\r\n\r\nWorld '), Buffer.from([0x80]), Buffer.from('\r\n--b--')]);
    expect(text(parseForm('multipart/form-data; boundary="b"', raw), 'text', 'windows-1252')).toBe('World €');
    expect(text(parseForm('multipart/form-data; boundary=b', raw), 'text')).toBe('World \ufffd');
    expect(() => parseForm('application/json', raw)).toThrow(/expected a form/);
    expect(() => parseForm('multipart/form-data', raw)).toThrow(/without a boundary/);
  });
});
