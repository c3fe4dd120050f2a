import { GRADES } from '../domain/grades.js';
import type { Follow, NewsletterOffer, NewsletterSection } from './types.js';

type Range = { min: number; max: number };

const within = (value: number, range: Range | undefined) => range === undefined || (value >= range.min && value <= range.max);

/**
 * How well an offer fits one follow: 1 for a reel in the followed widths, 0.5 for a
 * mill run or a sheet with a side in them (a maybe), 0 when grade, gsm or width is out.
 */
export function followFit(o: NewsletterOffer, follow: Follow): number {
  if (!follow.grades.includes(o.grade) || !within(o.gsm, follow.gsm)) return 0;
  if (follow.width_mm === undefined) return 1;
  if (o.width_mm !== null) return within(o.width_mm, follow.width_mm) ? 1 : 0;
  if (o.sheet_mm !== null) return o.sheet_mm.some((side) => within(side, follow.width_mm)) ? 0.5 : 0;
  return 0.5;
}

/** rank: the follow fit, or 1 + the buyer's match score where matching scored the line (matched lines first). */
interface Picked { offer: NewsletterOffer; fit: number; rank: number }

/** Newest day first; within a day the better rank, then the later instant, then gsm and id for a stable order. */
function byNewestThenFit(a: Picked, b: Picked): number {
  const day = b.offer.published_at.slice(0, 10).localeCompare(a.offer.published_at.slice(0, 10));
  return day || b.rank - a.rank || b.offer.published_at.localeCompare(a.offer.published_at)
    || a.offer.gsm - b.offer.gsm || a.offer.id.localeCompare(b.offer.id);
}

function rankOf(fit: number, score: number | undefined): number {
  return score === undefined ? fit : 1 + score;
}

/**
 * The offers one buyer contact sees this week: in a followed grade and range, not
 * excluded (an open exclusivity window for someone else, reserved, already sent),
 * grouped by grade in the platform's grade order. `matchScores` (offer id → this buyer's
 * best match score) puts the best-matching lines of a day first, before the follow fit.
 */
export function selectOffersForBuyer(
  offers: readonly NewsletterOffer[],
  follows: readonly Follow[],
  excludeOfferIds: Iterable<string> = [],
  matchScores?: ReadonlyMap<string, number>,
): NewsletterSection[] {
  const excluded = new Set(excludeOfferIds);
  const picked = offers
    .filter((offer) => !excluded.has(offer.id))
    .map((offer) => ({ offer, fit: Math.max(0, ...follows.map((f) => followFit(offer, f))) }))
    .filter((p) => p.fit > 0)
    .map((p) => ({ ...p, rank: rankOf(p.fit, matchScores?.get(p.offer.id)) }))
    .sort(byNewestThenFit);
  return GRADES
    .map((grade) => ({ grade, offers: picked.filter((p) => p.offer.grade === grade).map((p) => p.offer) }))
    .filter((section) => section.offers.length > 0);
}
