import { GRADE_LABELS } from '../matching/grade-labels.js';
import { oneLine } from './escape.js';
import { offerCells } from './offer-cells.js';
import type { IssueText, NewsletterInput, NewsletterOffer, NewsletterSection } from './types.js';

/**
 * The plain-text part, for clients that show no HTML and for readers who prefer it.
 * Each offer takes two lines: the paper (gsm, size, quantity, price) in aligned
 * columns, then where and when (terms, origin, availability), indented under it.
 */

const GSM_COLUMN = 11;
const SIZE_COLUMN = 26;
const QUANTITY_COLUMN = 24;

function offerLines(o: NewsletterOffer): string[] {
  const c = offerCells(o);
  const first = c.gsm.padEnd(GSM_COLUMN) + c.size.padEnd(SIZE_COLUMN) + c.quantity.padEnd(QUANTITY_COLUMN) + c.price;
  const second = `${' '.repeat(GSM_COLUMN)}${c.terms} · origin ${c.origin} · available ${c.available}`;
  return [first.trimEnd(), second];
}

function sectionLines(section: NewsletterSection): string[] {
  const count = section.offers.length === 1 ? '1 offer' : `${section.offers.length} offers`;
  const title = `${GRADE_LABELS[section.grade].toUpperCase()} (${count})`;
  const offers = section.offers.flatMap((o, i) => (i === 0 ? offerLines(o) : ['', ...offerLines(o)]));
  return ['', title, '='.repeat(title.length), ...offers];
}

export function renderText(input: NewsletterInput, t: IssueText): string {
  const sections = input.sections.flatMap(sectionLines);
  const note = input.preferencesNote ? ['', oneLine(input.preferencesNote)] : [];
  return [
    t.heading,
    '',
    `Dear ${oneLine(input.buyer.contact_name)},`,
    '',
    t.intro,
    ...sections,
    ...note,
    '',
    '-- ',
    `Sent to ${oneLine(input.buyer.contact_name)} at ${oneLine(input.buyer.name)}, for the grades you follow on b2bpaper.`,
    t.generated,
    `Unsubscribe: ${t.unsubscribeUrl}`,
    '',
  ].join('\n');
}
