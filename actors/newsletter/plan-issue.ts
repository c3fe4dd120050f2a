import { GRADES, type Grade } from '../domain/grades.js';
import { followFit, selectOffersForBuyer } from './select-offers.js';
import type { Follow, NewsletterOffer, NewsletterSection } from './types.js';
import { isoWeek, weekBounds } from './week.js';

/**
 * What each contact's issue holds, pure. An issue shows the open-market offers that went
 * on the market since the start of the previous week (so a Monday run covers the whole
 * past week), less what the buyer's previous issue already showed, in the grades and
 * ranges the buyer follows, newest and best-fitting first, grouped by grade.
 */

/** More than this many lines of one grade make an e-mail nobody reads to the end. */
export const MAX_OFFERS_PER_GRADE = 25;

const HOUR_MS = 3_600_000;

export function previousWeek(week: string, timeZone: string): string {
  return isoWeek(new Date(weekBounds(week, timeZone).start.getTime() - 12 * HOUR_MS), timeZone);
}

/** [start of the previous week, the earlier of now and the week's end). */
export function issueWindow(week: string, now: Date, timeZone: string): { start: Date; end: Date } {
  const start = weekBounds(previousWeek(week, timeZone), timeZone).start;
  const end = Math.min(now.getTime(), weekBounds(week, timeZone).end.getTime());
  return { start, end: new Date(Math.max(start.getTime(), end)) };
}

/** Newest first with plain string comparison (ISO instants and ids order as strings). */
function newestFirst(a: NewsletterOffer, b: NewsletterOffer): number {
  if (a.published_at !== b.published_at) return a.published_at < b.published_at ? 1 : -1;
  return a.gsm - b.gsm || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Offers by grade, each list newest first. selectOffersForBuyer sorts again for every
 * buyer; input already in nearly that order costs its sort a fraction of the comparisons.
 */
export function offersByGrade(offers: readonly NewsletterOffer[]): Map<Grade, NewsletterOffer[]> {
  return offersByGradeInOrder([...offers].sort(newestFirst));
}

function offersByGradeInOrder(offers: readonly NewsletterOffer[]): Map<Grade, NewsletterOffer[]> {
  const byGrade = new Map<Grade, NewsletterOffer[]>();
  for (const o of offers) {
    const list = byGrade.get(o.grade);
    if (list) list.push(o);
    else byGrade.set(o.grade, [o]);
  }
  return byGrade;
}

export interface BuyerSelection {
  sections: NewsletterSection[];
  offerIds: string[];
  /** Lines that fit but were left out (MAX_OFFERS_PER_GRADE). */
  more: number;
}

const day = (o: NewsletterOffer) => o.published_at.slice(0, 10);

/**
 * A grade's offers that fit, walked newest first: all of them counted, and kept up to the
 * cap plus the rest of the cap's last day (selectOffersForBuyer orders by day, then fit,
 * so nothing older can reach the top). What keeps 10,000 buyers fast.
 */
function gradeCandidates(offers: readonly NewsletterOffer[], follows: readonly Follow[], excluded: ReadonlySet<string>): { kept: NewsletterOffer[]; fitting: number } {
  const kept: NewsletterOffer[] = [];
  let fitting = 0;
  let lastDay = '';
  for (const o of offers) {
    if (excluded.has(o.id) || !follows.some((f) => followFit(o, f) > 0)) continue;
    fitting++;
    if (kept.length < MAX_OFFERS_PER_GRADE) lastDay = day(o);
    if (kept.length < MAX_OFFERS_PER_GRADE || day(o) === lastDay) kept.push(o);
  }
  return { kept, fitting };
}

/** One buyer's sections: selectOffersForBuyer's order and grouping (best match first within a day), capped per grade. */
export function selectForBuyer(
  byGrade: Map<Grade, NewsletterOffer[]>, follows: readonly Follow[], excluded: Iterable<string> = [], matchScores?: ReadonlyMap<string, number>,
): BuyerSelection {
  const skip = new Set(excluded);
  const perGrade = [...new Set(follows.flatMap((f) => f.grades))]
    .map((g) => gradeCandidates(byGrade.get(g) ?? [], follows.filter((f) => f.grades.includes(g)), skip));
  const all = selectOffersForBuyer(perGrade.flatMap((c) => c.kept), follows, [], matchScores);
  const sections = all.map((s) => ({ grade: s.grade, offers: s.offers.slice(0, MAX_OFFERS_PER_GRADE) }));
  const shown = sections.reduce((n, s) => n + s.offers.length, 0);
  const more = perGrade.reduce((n, c) => n + c.fitting, 0) - shown;
  return { sections, offerIds: sections.flatMap((s) => s.offers.map((o) => o.id)), more };
}

export interface PlanInput {
  offers: readonly NewsletterOffer[];
  followsByBuyer: ReadonlyMap<string, Follow[]>;
  /** Subscribed contacts; those whose buyer follows nothing get no issue. */
  contacts: readonly { id: string; buyer_id: string }[];
  /** Per buyer, the offers its previous issue showed. */
  shownBefore: ReadonlyMap<string, ReadonlySet<string>>;
  /** Per buyer, its best match score per offer (matching's `matches`), where there is one. */
  matchScores?: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

export interface PlannedDelivery {
  contactId: string;
  buyerId: string;
  offerIds: string[];
  more: number;
}

export function planIssue(input: PlanInput): PlannedDelivery[] {
  const byGrade = offersByGrade(input.offers);
  const perBuyer = new Map<string, BuyerSelection>();
  const planned: PlannedDelivery[] = [];
  for (const c of input.contacts) {
    const follows = input.followsByBuyer.get(c.buyer_id);
    if (!follows || follows.length === 0) continue;
    let selection = perBuyer.get(c.buyer_id);
    if (!selection) {
      selection = selectForBuyer(byGrade, follows, input.shownBefore.get(c.buyer_id) ?? [], input.matchScores?.get(c.buyer_id));
      perBuyer.set(c.buyer_id, selection);
    }
    planned.push({ contactId: c.id, buyerId: c.buyer_id, offerIds: selection.offerIds, more: selection.more });
  }
  return planned;
}

/** The sections of a stored selection, in its order, with only the offers still given (still on the open market). */
export function sectionsFromIds(ids: readonly string[], offers: ReadonlyMap<string, NewsletterOffer>): NewsletterSection[] {
  const given = ids.map((id) => offers.get(id)).filter((o): o is NewsletterOffer => o !== undefined);
  const byGrade = offersByGradeInOrder(given);
  return GRADES.flatMap((grade) => {
    const list = byGrade.get(grade);
    return list ? [{ grade, offers: list }] : [];
  });
}

export interface FollowRow {
  buyer_id: string;
  grade: string;
  gsm_min: number | null;
  gsm_max: number | null;
  width_min: number | null;
  width_max: number | null;
}

function range(min: number | null, max: number | null): { min: number; max: number } | undefined {
  if (min === null && max === null) return undefined;
  return { min: min ?? 0, max: max ?? Number.MAX_SAFE_INTEGER };
}

/** buyer_follows rows as Follows by buyer; a grade the platform does not know is left out. */
export function followsByBuyer(rows: readonly FollowRow[]): Map<string, Follow[]> {
  const known = new Set<string>(GRADES);
  const out = new Map<string, Follow[]>();
  for (const r of rows) {
    if (!known.has(r.grade)) continue;
    const follow: Follow = { grades: [r.grade as Grade] };
    const gsm = range(r.gsm_min, r.gsm_max);
    const width = range(r.width_min, r.width_max);
    if (gsm) follow.gsm = gsm;
    if (width) follow.width_mm = width;
    const list = out.get(r.buyer_id);
    if (list) list.push(follow);
    else out.set(r.buyer_id, [follow]);
  }
  return out;
}

/** The line above the footer: how many were left out, and how to change what is followed. */
export function preferencesNote(more: number): string {
  const change = 'To change the grades and sizes you follow, ask your b2bpaper contact.';
  if (more <= 0) return change;
  return `${more} more ${more === 1 ? 'offer' : 'offers'} in your grades went on the market: ask us for the full list. ${change}`;
}
