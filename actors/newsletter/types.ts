import type { Grade } from '../domain/grades.js';
import type { OfferLine } from '../domain/offer-line.js';

/** An open-market offer line as the newsletter shows it. */
export interface NewsletterOffer extends OfferLine {
  id: string;
  /** When the offer went on the open market (ISO instant): newest first. */
  published_at: string;
}

export interface NewsletterSection {
  grade: Grade;
  offers: NewsletterOffer[];
}

/** What one buyer contact follows: grades, and optionally the gsm and widths they run. */
export interface Follow {
  grades: Grade[];
  gsm?: { min: number; max: number };
  width_mm?: { min: number; max: number };
}

export interface NewsletterInput {
  /** The ISO week of the issue, '2026-W49'. */
  week: string;
  buyer: { name: string; contact_name: string };
  /** Already selected and ordered (selectOffersForBuyer); rendered in the given order. */
  sections: NewsletterSection[];
  unsubscribeUrl: string;
  /** A line on how to change what the buyer follows, shown above the footer. */
  preferencesNote?: string;
  /** Absolute URL of the logo image; without it the header is text. */
  logoUrl?: string;
  generatedAt: Date;
}

export interface RenderedNewsletter {
  subject: string;
  html: string;
  text: string;
}

/** The issue's own sentences, computed once and shared by the HTML and the text part. */
export interface IssueText {
  subject: string;
  preheader: string;
  heading: string;
  intro: string;
  unsubscribeUrl: string;
  generated: string;
}
