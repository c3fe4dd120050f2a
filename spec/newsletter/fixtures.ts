import type { NewsletterInput, NewsletterOffer } from '../../actors/newsletter/render.js';
import { offer } from '../matching/fixtures.js';

/** The matching fixtures' Testliner 3 reel offer, as a newsletter shows it. */
export function nOffer(id: string, overrides: Partial<NewsletterOffer> = {}): NewsletterOffer {
  const { published_at = '2026-12-02T09:00:00.000Z', ...line } = overrides;
  return { ...offer(line), id, published_at };
}

export const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)> & 'Mill' "Co"`;

export function issue(overrides: Partial<NewsletterInput> = {}): NewsletterInput {
  return {
    week: '2026-W49',
    buyer: { name: 'Wellpappe Hannover GmbH', contact_name: 'Anna Schmidt' },
    sections: [
      { grade: 'kraftliner', offers: [nOffer('o-kl', { grade: 'kraftliner', gsm: 175, width_mm: 2500, origin: 'SE', price: { amount: 590, currency: 'EUR', per: 't' }, incoterm: { term: 'CIF', place: 'Hamburg' }, available: '2027-W02', quantity_t: 120, reels: 48 })] },
      {
        grade: 'testliner-3',
        offers: [
          nOffer('o-tl3-a'),
          nOffer('o-tl3-b', { gsm: 140, width_mm: null, sheet_mm: null, price: null, incoterm: null, origin: null, available: null, quantity_t: 60, quantity_shared: true }),
        ],
      },
      { grade: 'gc2', offers: [nOffer('o-gc2', { grade: 'gc2', gsm: 300, width_mm: null, sheet_mm: [700, 1000], price: { amount: 980, currency: 'USD', per: 't' }, incoterm: { term: 'EXW', place: 'mill' }, origin: 'PL' })] },
    ],
    unsubscribeUrl: 'https://b2bpaper.example/unsubscribe/tok_123?x=1&y=2',
    preferencesNote: 'Change the grades you follow at https://b2bpaper.example/follows',
    generatedAt: new Date('2026-12-04T06:00:00Z'),
    ...overrides,
  };
}
