import type { OfferLine } from '../domain/offer-line.js';
import { excluded, fits, type FactorResult } from './reason.js';
import { percent, round3, span } from './text.js';

export interface WidthRange { min: number; max: number }

/** How a buyer running widths in [min, max] cuts one reel: `sets` equal reels of `set_mm`. */
export interface Slitting {
  sets: number;
  set_mm: number;
  trim_mm: number;
  /** The waste as a share of the reel width. */
  trim_share: number;
}

/**
 * The least-waste way to slit a reel into equal widths the buyer can run: ceil(W / max)
 * sets when they still reach the buyer's minimum (no trim), else floor(W / max) sets at
 * the maximum width and the rest is trim. null when the reel is narrower than the minimum.
 */
export function slitReel(width: number, range: WidthRange): Slitting | null {
  if (width < range.min) return null;
  const even = Math.ceil(width / range.max);
  if (even * range.min <= width) return { sets: even, set_mm: width / even, trim_mm: 0, trim_share: 0 };
  const sets = Math.floor(width / range.max);
  const trim = width - sets * range.max;
  return { sets, set_mm: range.max, trim_mm: trim, trim_share: trim / width };
}

/** Slitting costs a rewinder pass; each point of trim costs three points of the sub-score. */
export function slittingScore(s: Slitting): number {
  if (s.sets === 1 && s.trim_mm === 0) return 1;
  return round3(0.9 * Math.max(0, 1 - 3 * s.trim_share));
}

/** Sheets suit a reel request less well: the buyer must be able to run sheets at all. */
const SHEET_FACTOR = 0.8;
/** Mill run (no width, no sheet): made to the buyer's widths, subject to the mill's deckle. */
const MILL_RUN_SCORE = 0.75;

function describe(width: number, s: Slitting, range: WidthRange): string {
  const widths = span(range, 'mm');
  if (s.sets === 1 && s.trim_mm === 0) return `${width} mm fits your ${widths} as it is.`;
  const cut = `${s.sets} × ${Math.round(s.set_mm)} mm`;
  if (s.trim_mm === 0) return `${width} mm slits into ${cut} within your ${widths}, no trim loss.`;
  return `${width} mm slits into ${cut}, ${Math.round(s.trim_mm)} mm (${percent(s.trim_share)}) trim loss against your ${widths}.`;
}

function reelFit(width: number, range: WidthRange): FactorResult {
  const s = slitReel(width, range);
  if (!s) return excluded(`${width} mm is narrower than your minimum width ${range.min} mm.`);
  return fits(slittingScore(s), describe(width, s, range));
}

function sheetFit(sheet: readonly [number, number], range: WidthRange): FactorResult {
  const format = `Sheets ${sheet[0]} × ${sheet[1]} mm`;
  const sides = sheet.map((side) => ({ side, s: slitReel(side, range) }));
  const usable = sides.filter((x): x is { side: number; s: Slitting } => x.s !== null);
  if (usable.length === 0) return excluded(`${format}: both sides narrower than your minimum width ${range.min} mm.`);
  const best = usable.reduce((a, b) => (slittingScore(b.s) > slittingScore(a.s) ? b : a));
  const text = `${format}, on the ${best.side} mm side: ${describe(best.side, best.s, range)} Check you can run sheets.`;
  return fits(round3(SHEET_FACTOR * slittingScore(best.s)), text);
}

export function widthFit(offer: Pick<OfferLine, 'width_mm' | 'sheet_mm'>, range: WidthRange): FactorResult {
  if (offer.width_mm !== null) return reelFit(offer.width_mm, range);
  if (offer.sheet_mm !== null) return sheetFit(offer.sheet_mm, range);
  return fits(MILL_RUN_SCORE, `Width not stated (mill run): your ${span(range, 'mm')} to be agreed with the mill.`);
}

/** The widest usable side: a request whose minimum width exceeds it cannot match. */
export function usableWidth(offer: Pick<OfferLine, 'width_mm' | 'sheet_mm'>): number | null {
  if (offer.width_mm !== null) return offer.width_mm;
  return offer.sheet_mm === null ? null : Math.max(...offer.sheet_mm);
}
