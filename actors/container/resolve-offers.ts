import { AppError } from '../common/errors.js';
import type { Grade } from '../domain/grades.js';
import { densityOf, reelWeightKg } from './plan/reel-weight.js';
import type { PlanOptions, ReelSpec } from './plan/schema.js';
import type { OfferLineRef } from './plan-request.js';

/**
 * Offer lines as reel lines for the planner (pure). An offer gives the sizes, the grade (for
 * the weight) and the count (its reels, or its tonnes over the reel weight); the request may
 * take part of it and fill in what the offer does not state, never contradict what it does.
 */

/** What planning needs of an offer line (db/container-plans.ts reads it). */
export interface PlanOffer {
  id: string;
  grade: Grade;
  gsm: number;
  width_mm: number | null;
  sheet_mm: number[] | null;
  diameter_mm: number | null;
  core_mm: number | null;
  quantity_t: number | null;
  quantity_shared: boolean;
  reels: number | null;
  incoterm: string | null;
  incoterm_place: string | null;
  mill_name: string | null;
}

/** How an offer line became a reel line: shown with the plan, so a trader can check it. */
export interface OfferSource {
  offer_id: string;
  label: string;
  grade: Grade;
  gsm: number;
  count: number;
  count_from: 'request_reels' | 'request_tonnes' | 'offer_reels' | 'offer_tonnes';
  reel_weight_kg: number;
  weight_from: 'request' | 'size_and_grade';
  loading_point: string | null;
  loading_point_from: 'incoterm' | 'mill' | null;
}

interface Issue { field: string; message: string }

/** Terms whose named place is where the seller hands the goods over, not the destination. */
const PLACE_IS_LOADING = new Set(['EXW', 'FCA', 'FAS', 'FOB']);

/** "mill" as a place is the seller's own mill (DOMAIN.md, incoterm place). */
export function loadingPointOf(o: Pick<PlanOffer, 'incoterm' | 'incoterm_place' | 'mill_name'>): Pick<OfferSource, 'loading_point' | 'loading_point_from'> {
  const place = o.incoterm_place?.trim();
  if (o.incoterm && PLACE_IS_LOADING.has(o.incoterm) && place && place.toLowerCase() !== 'mill') {
    return { loading_point: place, loading_point_from: 'incoterm' };
  }
  if (o.mill_name) return { loading_point: o.mill_name, loading_point_from: 'mill' };
  return { loading_point: null, loading_point_from: null };
}

/** A size the request may give only where the offer states none. */
function filled(offer: number | null, asked: number | undefined, field: string, what: string, issues: Issue[]): number | null {
  if (offer !== null && asked !== undefined && asked !== offer) {
    issues.push({ field, message: `the offer states ${what} ${offer} mm` });
  }
  return offer ?? asked ?? null;
}

function countOf(o: PlanOffer, ref: OfferLineRef, reelKg: number, at: string, issues: Issue[]): Pick<OfferSource, 'count' | 'count_from'> | null {
  const fromTonnes = (t: number) => Math.max(1, Math.round((t * 1000) / reelKg));
  if (ref.reels !== undefined) {
    if (o.reels !== null && o.reels > 0 && ref.reels > o.reels) issues.push({ field: `${at}.reels`, message: `the offer has ${o.reels} reels` });
    return { count: ref.reels, count_from: 'request_reels' };
  }
  if (ref.quantity_t !== undefined) {
    if (o.quantity_t !== null && ref.quantity_t > o.quantity_t) issues.push({ field: `${at}.quantity_t`, message: `the offer has ${o.quantity_t} t` });
    return { count: fromTonnes(ref.quantity_t), count_from: 'request_tonnes' };
  }
  if (o.reels !== null && o.reels > 0) return { count: o.reels, count_from: 'offer_reels' };
  if (o.quantity_t !== null && o.quantity_t > 0 && o.quantity_shared) {
    issues.push({ field: `${at}.reels`, message: `the offer's ${o.quantity_t} t is shared with its other widths: give reels or quantity_t` });
    return null;
  }
  if (o.quantity_t !== null && o.quantity_t > 0) return { count: fromTonnes(o.quantity_t), count_from: 'offer_tonnes' };
  issues.push({ field: `${at}.reels`, message: 'the offer states neither reels nor a quantity: give reels' });
  return null;
}

function sizesOf(o: PlanOffer, ref: OfferLineRef, at: string, issues: Issue[]): { width: number; diameter: number; core: number | null } | null {
  if (o.width_mm === null) {
    const sheet = o.sheet_mm ? ` (sheets ${o.sheet_mm.join(' × ')} mm)` : '';
    issues.push({ field: `${at}.offer_id`, message: `the offer is not reels${sheet}` });
    return null;
  }
  const diameter = filled(o.diameter_mm, ref.diameter_mm, `${at}.diameter_mm`, 'a diameter of', issues);
  const core = filled(o.core_mm, ref.core_mm, `${at}.core_mm`, 'a core of', issues);
  if (diameter === null) {
    issues.push({ field: `${at}.diameter_mm`, message: 'the offer states no reel diameter: give diameter_mm' });
    return null;
  }
  if (core !== null && core >= diameter) issues.push({ field: `${at}.core_mm`, message: `a ${core} mm core in a ${diameter} mm reel` });
  return { width: o.width_mm, diameter, core };
}

function resolveLine(o: PlanOffer, ref: OfferLineRef, n: number, options: PlanOptions, issues: Issue[]): { reel: ReelSpec; source: OfferSource } | null {
  const at = `body.offers.${n}`;
  const sizes = sizesOf(o, ref, at, issues);
  if (!sizes) return null;
  const reelKg = ref.weight_kg ?? reelWeightKg(sizes.diameter, sizes.width, sizes.core, densityOf(o.grade, options.densities));
  const count = countOf(o, ref, reelKg, at, issues);
  if (!count) return null;
  const place = loadingPointOf(o);
  const label = `offer ${n + 1}`;
  return {
    reel: {
      id: o.id, diameter_mm: sizes.diameter, width_mm: sizes.width, core_mm: sizes.core, weight_kg: ref.weight_kg ?? null,
      grade: o.grade, count: count.count, offer_line_id: o.id, loading_point: place.loading_point,
    },
    source: {
      offer_id: o.id, label, grade: o.grade, gsm: o.gsm, ...count, reel_weight_kg: reelKg,
      weight_from: ref.weight_kg === undefined ? 'size_and_grade' : 'request', ...place,
    },
  };
}

/**
 * Every requested offer line as a reel line, in the request's order. `offers` holds the
 * lines the caller may see; any other id is not found (never "forbidden"). Every problem of
 * every line is reported at once, each naming its field.
 */
export function resolveOffers(refs: readonly OfferLineRef[], offers: readonly PlanOffer[], options: PlanOptions): { reels: ReelSpec[]; sources: OfferSource[] } {
  const byId = new Map(offers.map((o) => [o.id, o] as const));
  const missing = refs.find((r) => !byId.has(r.offer_id));
  if (missing) throw new AppError('B2B_OFFER_NOT_FOUND', `no offer line ${missing.offer_id}`);
  const issues: Issue[] = [];
  const lines = refs.map((ref, n) => resolveLine(byId.get(ref.offer_id)!, ref, n, options, issues));
  if (issues.length > 0) {
    throw new AppError('B2B_PLAN_INPUT_INVALID', issues.map((i) => `${i.field}: ${i.message}`).join('; '), { details: issues });
  }
  const done = lines.filter((l) => l !== null);
  return { reels: done.map((l) => l.reel), sources: done.map((l) => l.source) };
}
