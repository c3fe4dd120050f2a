import { AppError } from '../common/errors.js';
import { GRADE_LABELS } from '../matching/grade-labels.js';
import { checkedUrl, oneLine } from './escape.js';
import { renderHtml } from './render-html.js';
import { renderText } from './render-text.js';
import type { IssueText, NewsletterInput, NewsletterSection, RenderedNewsletter } from './types.js';
import { parseIsoWeek } from './week.js';

/**
 * The weekly newsletter for one buyer contact (issue 6), pure: the caller selects the
 * offers (selectOffersForBuyer), renders, and sends. The subject carries no string a
 * buyer or a mill wrote, so nothing user-supplied reaches a mail header from here.
 */

export { selectOffersForBuyer, followFit } from './select-offers.js';
export type { Follow, NewsletterInput, NewsletterOffer, NewsletterSection, RenderedNewsletter } from './types.js';

const MAX_GRADES_IN_SUBJECT = 3;

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function gradeList(sections: NewsletterSection[]): string {
  const labels = sections.map((s) => GRADE_LABELS[s.grade]);
  if (labels.length <= MAX_GRADES_IN_SUBJECT) return labels.join(', ');
  return `${labels.slice(0, MAX_GRADES_IN_SUBJECT).join(', ')} and ${labels.length - MAX_GRADES_IN_SUBJECT} more`;
}

function weekLabel(week: string): string {
  const parsed = parseIsoWeek(week);
  if (!parsed) throw new AppError('B2B_VALIDATION', `week must be an ISO week such as 2026-W49, not ${JSON.stringify(week)}`);
  return `week ${parsed.week}/${parsed.year}`;
}

function issueText(input: NewsletterInput, sections: NewsletterSection[]): IssueText {
  const label = weekLabel(input.week);
  const total = sections.reduce((n, s) => n + s.offers.length, 0);
  const offers = plural(total, 'offer', 'offers');
  const unsubscribeUrl = checkedUrl(input.unsubscribeUrl, 'unsubscribeUrl');
  const generated = `Generated ${input.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`;
  const heading = `The paper market, ${label}`;
  if (total === 0) {
    const intro = 'Nothing new this week in the grades and sizes you follow. We will write again next week.';
    return { subject: `b2bpaper ${label}: nothing new this week`, preheader: intro, heading, intro, unsubscribeUrl, generated };
  }
  return {
    subject: `b2bpaper ${label}: ${offers} in ${gradeList(sections)}`,
    preheader: `${offers} in ${plural(sections.length, 'grade', 'grades')} for ${oneLine(input.buyer.name)}`,
    heading,
    intro: `${offers} went on the open market this week in the grades you follow, newest first.`,
    unsubscribeUrl,
    generated,
  };
}

export function renderNewsletter(input: NewsletterInput): RenderedNewsletter {
  const shown = { ...input, sections: input.sections.filter((s) => s.offers.length > 0) };
  const t = issueText(shown, shown.sections);
  return { subject: t.subject, html: renderHtml(shown, t), text: renderText(shown, t) };
}
