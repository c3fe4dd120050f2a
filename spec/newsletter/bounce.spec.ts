import { describe, expect, it } from 'vitest';
import { bounceKind, parseDeliveryReport } from '../../actors/newsletter/bounce.js';
import { newsletterMailOf } from '../../actors/newsletter/inbound.js';

const EMAIL_ID = '0190a000-0000-7000-8000-0000000000e1';

function dsn(status: string, opts: { boundary?: string; eol?: string; base64?: boolean; reportType?: string; statusType?: string; original?: string } = {}): string {
  const b = opts.boundary ?? 'BOUND';
  const eol = opts.eol ?? '\n';
  const statusBody = `Reporting-MTA: dns; mx.example.com${eol}Arrival-Date: Mon, 7 Dec 2026 06:01:00 +0100${eol}${eol}${status}`;
  const encoded = opts.base64 ? Buffer.from(statusBody).toString('base64').replace(/.{76}/g, `$&${eol}`) : statusBody;
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.com>',
    'To: newsletter@b2bpaper.example',
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=${opts.reportType ?? 'delivery-status'};`,
    `\tboundary="${b}"`,
    '',
    `--${b}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'Your message could not be delivered.',
    '',
    `--${b}`,
    `Content-Type: ${opts.statusType ?? 'message/delivery-status'}`,
    ...(opts.base64 ? ['Content-Transfer-Encoding: base64'] : []),
    '',
    encoded,
    '',
    `--${b}`,
    'Content-Type: text/rfc822-headers',
    '',
    opts.original ?? 'From: b2bpaper <newsletter@b2bpaper.example>\nMessage-ID: <newsletter.2026-W50.abc@b2bpaper.example>\nSubject: b2bpaper week 50/2026',
    '',
    `--${b}--`,
    '',
  ].join(eol);
}

const HARD = 'Final-Recipient: rfc822; Anna@Kartonwerk.example\nOriginal-Recipient: rfc822;anna@kartonwerk.example\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 <anna@kartonwerk.example>: User unknown';
const SOFT = 'Final-Recipient: rfc822; bob@full.example\nAction: failed\nStatus: 4.2.2 (mailbox full)\nDiagnostic-Code: smtp; 452 4.2.2 Mailbox full';
const DELAYED = 'Final-Recipient: rfc822; carl@slow.example\nAction: delayed\nStatus: 4.4.1\nWill-Retry-Until: Wed, 9 Dec 2026 06:01:00 +0100';

describe('parseDeliveryReport (RFC 3464)', () => {
  it.each([
    ['a 5.x.x failure is hard', HARD, { recipient: 'anna@kartonwerk.example', action: 'failed', status: '5.1.1', kind: 'hard' }],
    ['a 4.x.x failure is soft', SOFT, { recipient: 'bob@full.example', action: 'failed', status: '4.2.2', kind: 'soft' }],
    ['a delay is no bounce', DELAYED, { recipient: 'carl@slow.example', action: 'delayed', status: '4.4.1', kind: null }],
  ])('%s', (_, status, expected) => {
    const report = parseDeliveryReport(dsn(status));
    expect(report?.recipients).toEqual([expect.objectContaining(expected)]);
    expect(report?.originalMessageId).toBe('<newsletter.2026-W50.abc@b2bpaper.example>');
  });

  it('reads every recipient block, CRLF line ends and a base64 status part', () => {
    const both = `${HARD.replace(/\n/g, '\r\n')}\r\n\r\n${DELAYED.replace(/\n/g, '\r\n')}`;
    const report = parseDeliveryReport(dsn(both, { eol: '\r\n', base64: true }));
    expect(report?.recipients.map((r) => [r.recipient, r.kind])).toEqual([['anna@kartonwerk.example', 'hard'], ['carl@slow.example', null]]);
  });

  it('reads the global variant (RFC 6533) and the Message-ID of a quoted message/rfc822', () => {
    const report = parseDeliveryReport(dsn(SOFT, { reportType: 'global-delivery-status', statusType: 'message/global-delivery-status' }));
    expect(report?.recipients[0]?.kind).toBe('soft');
    const quoted = dsn(HARD).replace('Content-Type: text/rfc822-headers', 'Content-Type: message/rfc822');
    expect(parseDeliveryReport(quoted)?.originalMessageId).toBe('<newsletter.2026-W50.abc@b2bpaper.example>');
  });

  it('is null for mail that is not a delivery report', () => {
    expect(parseDeliveryReport('From: a@b.example\nSubject: TL3 125 gsm\n\nOffer: 24 t')).toBeNull();
    expect(parseDeliveryReport(dsn(HARD, { reportType: 'disposition-notification' }))).toBeNull();
  });

  it.each([
    ['failed', '5.0.0', null, 'hard'],
    ['failed', null, 'smtp; 550 no such user', 'hard'],
    ['failed', null, 'smtp; 421 try later', 'soft'],
    ['failed', null, null, 'soft'],
    ['delivered', '2.0.0', null, null],
    ['relayed', null, null, null],
  ] as const)('bounceKind(%s, %s, %s) is %s', (action, status, diagnostic, kind) => {
    expect(bounceKind(action, status, diagnostic)).toBe(kind);
  });
});

describe('newsletterMailOf: what inbound mail the newsletter takes', () => {
  it('hands a bounce over with its failed recipients', () => {
    expect(newsletterMailOf(EMAIL_ID, dsn(`${HARD}\n\n${DELAYED}`), 'Undelivered Mail Returned to Sender')).toEqual({
      type: 'recordBounce',
      payload: {
        emailId: EMAIL_ID, originalMessageId: '<newsletter.2026-W50.abc@b2bpaper.example>',
        reports: [{ recipient: 'anna@kartonwerk.example', kind: 'hard', status: '5.1.1', diagnostic: 'smtp; 550 5.1.1 <anna@kartonwerk.example>: User unknown' }],
      },
    });
  });

  it('keeps a report without failures from offer ingestion, with nothing to do', () => {
    expect(newsletterMailOf(EMAIL_ID, dsn(DELAYED), 'Delayed Mail (still being retried)')).toEqual({ type: 'none' });
  });

  it.each([
    ['unsubscribe-Tok_en-123456', 'Tok_en-123456'],
    ['Re: unsubscribe-abcdefgh12', 'abcdefgh12'],
    ['AW: Fwd:  unsubscribe-abcdefgh12 ', 'abcdefgh12'],
  ])('takes the List-Unsubscribe mailto subject %j', (subject, token) => {
    expect(newsletterMailOf(EMAIL_ID, `Subject: ${subject}\n\n`, subject)).toEqual({ type: 'unsubscribe', payload: { token, emailId: EMAIL_ID } });
  });

  it('leaves other mail to ingestion', () => {
    for (const subject of ['Please unsubscribe me', 'unsubscribe-short', 'Offer TL3 unsubscribe-abcdefgh12 inside']) {
      expect(newsletterMailOf(EMAIL_ID, `Subject: ${subject}\n\nTL3 125 gsm 24 t`, subject)).toBeNull();
    }
  });
});
