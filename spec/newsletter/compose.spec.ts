import { describe, expect, it } from 'vitest';
import { deliveryMessageId, mailSettings, publicBase, unsubscribeHeaders } from '../../actors/newsletter/compose.js';
import { classifySendError } from '../../actors/newsletter/mailer.js';

const base = { NEWSLETTER_FROM: 'b2bpaper weekly <Newsletter@Market.example.com>', NEWSLETTER_UNSUBSCRIBE_MAILBOX: undefined, NEWSLETTER_BOUNCE_ADDRESS: undefined, PUBLIC_URL: 'https://market.example.com/mvp', BASE_PATH: '/mvp' };

describe('the e-mail around an issue', () => {
  it.each([
    ['https://market.example.com/mvp', '/mvp', 'https://market.example.com/mvp'],
    ['https://market.example.com/', '/mvp', 'https://market.example.com/mvp'],
    ['http://127.0.0.1:8910', '', 'http://127.0.0.1:8910'],
  ])('links from PUBLIC_URL %s with BASE_PATH %j', (url, path, expected) => {
    expect(publicBase(url, path)).toBe(expected);
  });

  it('derives the unsubscribe mailbox and the bounce address from the From address unless set', () => {
    expect(mailSettings(base)).toMatchObject({ domain: 'market.example.com', unsubscribeMailbox: 'unsubscribe@market.example.com', bounceAddress: 'newsletter@market.example.com' });
    expect(mailSettings({ ...base, NEWSLETTER_UNSUBSCRIBE_MAILBOX: 'out@lists.example', NEWSLETTER_BOUNCE_ADDRESS: 'bounces@lists.example' }))
      .toMatchObject({ unsubscribeMailbox: 'out@lists.example', bounceAddress: 'bounces@lists.example' });
  });

  it('carries List-Unsubscribe (HTTPS first, then mailto) and the RFC 8058 one-click marker, tokens escaped', () => {
    expect(unsubscribeHeaders(mailSettings(base), 'a+b/c=')).toEqual({
      'List-Unsubscribe': '<https://market.example.com/mvp/unsubscribe/a%2Bb%2Fc%3D>, <mailto:unsubscribe@market.example.com?subject=unsubscribe-a%2Bb%2Fc%3D>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': 'b2bpaper weekly <weekly.market.example.com>',
    });
  });

  it('has one Message-ID per delivery', () => {
    expect(deliveryMessageId('2026-W50', 'd1', 'market.example.com')).toBe('<newsletter.2026-W50.d1@market.example.com>');
  });

  it.each([
    [{ responseCode: 550, command: 'RCPT TO' }, 'recipient-rejected'],
    [{ responseCode: 553, code: 'EENVELOPE' }, 'recipient-rejected'],
    [{ responseCode: 552, command: 'DATA' }, 'message-rejected'],
    [{ responseCode: 451, command: 'RCPT TO' }, 'transient'],
    [{ code: 'ECONNREFUSED' }, 'transient'],
  ])('reads a relay error %j as %s', (err, kind) => {
    expect(classifySendError(Object.assign(new Error('smtp'), err))).toBe(kind);
  });
});
