import { describe, expect, it } from 'vitest';
import { renderNewsletter } from '../../actors/newsletter/render.js';
import { HOSTILE, issue, nOffer } from './fixtures.js';

const UNSUBSCRIBE = 'https://b2bpaper.example/unsubscribe/tok_123?x=1&y=2';

describe('renderNewsletter, a week with offers', () => {
  const r = renderNewsletter(issue());

  it('names the week, the count and the grades in the subject', () => {
    expect(r.subject).toBe('b2bpaper week 49/2026: 4 offers in Kraftliner, Testliner 3, GC2');
  });

  it('lists every offer in the text part, two lines each', () => {
    const lines = [
      '175 g/m²   2500 mm reels             120 t, 48 reels         EUR 590/t',
      '           CIF Hamburg · origin Sweden · available week 2/2027',
      '125 g/m²   1250 mm reels             24 t                    EUR 410/t',
      '           FCA Cittadella · origin Italy · available 7 Dec 2026',
      '140 g/m²   mill run                  60 t across widths      price on request',
      '           terms on request · origin not stated · available on request',
      '300 g/m²   700 × 1000 mm sheets      24 t                    USD 980/t',
      '           EXW mill · origin Poland · available 7 Dec 2026',
    ];
    const text = r.text.split('\n');
    for (const line of lines) expect(text).toContain(line);
  });

  it('groups by grade in the order given, in both parts', () => {
    const inText = ['KRAFTLINER (1 offer)', 'TESTLINER 3 (2 offers)', 'GC2 (1 offer)'].map((h) => r.text.indexOf(h));
    expect(inText.every((i) => i >= 0)).toBe(true);
    expect([...inText].sort((a, b) => a - b)).toEqual(inText);
    const inHtml = ['>Kraftliner <', '>Testliner 3 <', '>GC2 <'].map((h) => r.html.indexOf(h));
    expect(inHtml.every((i) => i >= 0)).toBe(true);
    expect([...inHtml].sort((a, b) => a - b)).toEqual(inHtml);
  });

  it('puts the unsubscribe URL in both parts, escaped in the HTML', () => {
    expect(r.text.trimEnd().split('\n').at(-1)).toBe(`Unsubscribe: ${UNSUBSCRIBE}`);
    expect(r.html).toContain('href="https://b2bpaper.example/unsubscribe/tok_123?x=1&amp;y=2"');
  });

  it('has a mail-safe HTML layout: 600 px tables, inline styles, a preheader, no scripts or classes', () => {
    expect(r.html).not.toMatch(/<script/i);
    expect(r.html).not.toMatch(/\sclass=/i);
    expect(r.html).not.toMatch(/<style/i);
    expect(r.html).not.toMatch(/<link/i);
    expect(r.html).toContain('<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="600"');
    expect(r.html).toMatch(/<body[^>]*><div style="display:none;[^"]*">4 offers in 3 grades for Wellpappe Hannover GmbH/);
    // One column-header row per grade and one row per offer: 3 + 4.
    expect(r.html.match(/<td width="60" valign="top"/g)).toHaveLength(7);
  });

  it('uses an image only with an alt text', () => {
    expect(r.html).not.toContain('<img');
    const withLogo = renderNewsletter(issue({ logoUrl: 'https://b2bpaper.example/logo.png' })).html;
    expect(withLogo).toContain('<img src="https://b2bpaper.example/logo.png" alt="b2bpaper" width="140" height="32"');
  });

  it('shows the preferences note in both parts', () => {
    expect(r.text).toContain('Change the grades you follow at https://b2bpaper.example/follows');
    expect(r.html).toContain('Change the grades you follow at https://b2bpaper.example/follows');
  });
});

describe('renderNewsletter, hostile strings', () => {
  const r = renderNewsletter(issue({
    buyer: { name: HOSTILE, contact_name: `Eve\r\nBcc: all@example.com ${HOSTILE}` },
    preferencesNote: HOSTILE,
    sections: [{ grade: 'fluting', offers: [nOffer('o-x', { grade: 'fluting', incoterm: { term: 'DAP', place: `${HOSTILE}\nUnsubscribe: https://phish.example` } })] }],
  }));
  const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &#39;Mill&#39; &quot;Co&quot;';

  it('escapes every user-supplied string in the HTML', () => {
    expect(r.html).not.toMatch(/<script/i);
    expect(r.html).not.toContain('<img src=x');
    expect(r.html).not.toContain("'Mill'");
    expect(r.html.split(escaped).length - 1).toBe(6);
  });

  it('keeps the subject free of user strings', () => {
    expect(r.subject).toBe('b2bpaper week 49/2026: 1 offer in Fluting');
  });

  it('keeps each user string on its own line in the text part', () => {
    expect(r.text).toContain(`Dear Eve Bcc: all@example.com ${HOSTILE},`);
    expect(r.text).toContain(`DAP ${HOSTILE} Unsubscribe: https://phish.example · origin Italy`);
    expect(r.text.split('\n').filter((l) => l.startsWith('Unsubscribe:'))).toEqual([`Unsubscribe: ${UNSUBSCRIBE}`]);
  });
});

describe('renderNewsletter, edge cases', () => {
  it('sends a short issue for an empty week instead of an empty table', () => {
    const r = renderNewsletter(issue({ sections: [{ grade: 'testliner-3', offers: [] }] }));
    expect(r.subject).toBe('b2bpaper week 49/2026: nothing new this week');
    expect(r.text).toContain('Nothing new this week in the grades and sizes you follow.');
    expect(r.html).toContain('Nothing new this week in the grades and sizes you follow.');
    expect(r.html).not.toContain('Quantity');
    expect(r.text).not.toContain('TESTLINER 3');
    expect(r.text).toContain(`Unsubscribe: ${UNSUBSCRIBE}`);
  });

  it('names at most three grades in the subject', () => {
    const grades = ['kraftliner', 'testliner-2', 'fluting', 'gc1', 'wfc'] as const;
    const sections = grades.map((grade, i) => ({ grade, offers: [nOffer(`o${i}`, { grade })] }));
    expect(renderNewsletter(issue({ sections })).subject)
      .toBe('b2bpaper week 49/2026: 5 offers in Kraftliner, Testliner 2, Fluting and 2 more');
  });

  it.each([
    ['javascript:alert(1)', 'unsubscribeUrl must be an http(s) URL'],
    ['data:text/html,x', 'unsubscribeUrl must be an http(s) URL'],
    ['/unsubscribe/tok', 'unsubscribeUrl is not a URL'],
  ])('refuses the unsubscribe URL %s', (url, message) => {
    expect(() => renderNewsletter(issue({ unsubscribeUrl: url }))).toThrow(expect.objectContaining({ code: 'B2B_VALIDATION', message }));
  });

  it('refuses a week that does not exist', () => {
    expect(() => renderNewsletter(issue({ week: '2025-W53' }))).toThrow(expect.objectContaining({ code: 'B2B_VALIDATION' }));
  });

  it('is deterministic', () => {
    expect(renderNewsletter(issue())).toEqual(renderNewsletter(issue()));
  });
});
