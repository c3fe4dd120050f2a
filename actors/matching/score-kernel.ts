import { GRADE_FAMILIES, GRADES, gradeFamily, type Grade } from '../domain/grades.js';
import { CURRENCIES, type OfferLine } from '../domain/offer-line.js';
import { gsmTolerance } from './fit-factors.js';
import { gradeFit } from './grade-fit.js';
import { convert, type MarketConfig } from './market-config.js';
import type { BuyerRequest } from './request.js';
import type { Destinations, RequestColumns } from './request-columns.js';
import { WEIGHTS } from './score.js';
import { round3 } from './text.js';
import { freightFit } from './trade-factors.js';
import { slitReel, slittingScore } from './width-fit.js';

/**
 * scoreMatch's score as plain arithmetic, for one offer against thousands of requests
 * held as columns (request-columns.ts): no reasons, no text, nothing allocated per pair.
 * Every sub-score repeats the formula of its factor in fit-factors.ts, width-fit.ts and
 * trade-factors.ts, or calls it once per offer (grade, freight, price conversion); the
 * total adds them in scoreMatch's order. spec/matching/score-kernel.spec.ts holds the two
 * equal, bit for bit, on random pairs: change a factor and that test says where this
 * must follow.
 */

/** Excluded: the factor rules the pair out. */
const OUT = -1;
/** The most the factors scored last can add: each at 1. */
const UNKNOWN_AT_BEST = WEIGHTS.diameter_core + WEIGHTS.quantity + WEIGHTS.freight + WEIGHTS.freshness;
/** Far more than the sums' float error, and round3's half step: a pruned pair is surely below. */
const ROUNDING = 0.001;
const SHEET_FACTOR = 0.8;
const MILL_RUN_SCORE = 0.75;
const FULL_HEADROOM = 0.1;

interface GradeTable {
  /** The grade sub-score for each wanted grade (GRADES order); OUT outside the family. */
  scores: Float64Array;
  /** Indices of the family's grades: only they can score. */
  family: number[];
}

const GRADE_TABLES = new Map<Grade, GradeTable>();

function gradeTable(offered: Grade): GradeTable {
  let table = GRADE_TABLES.get(offered);
  if (!table) {
    const scores = Float64Array.from(GRADES, (w) => {
      const fit = gradeFit(offered, [w]);
      return fit.excludes ? OUT : fit.score;
    });
    table = { scores, family: GRADE_FAMILIES[gradeFamily(offered)].map((g) => GRADES.indexOf(g)) };
    GRADE_TABLES.set(offered, table);
  }
  return table;
}

/** slittingScore(slitReel(width, range)), without building the slitting. */
function reelScore(width: number, min: number, max: number): number {
  if (width < min) return OUT;
  const even = Math.ceil(width / max);
  // Equal widths without trim: 1 as it is, else 0.9 for the rewinder pass.
  if (even * min <= width) return even === 1 ? 1 : 0.9;
  const sets = Math.floor(width / max);
  const trim = width - sets * max;
  return sets === 1 && trim === 0 ? 1 : round3(0.9 * Math.max(0, 1 - 3 * (trim / width)));
}

function sheetScore(sheet: readonly [number, number], min: number, max: number): number {
  let best = OUT;
  for (const side of sheet) {
    const s = slitReel(side, { min, max });
    if (s && slittingScore(s) > best) best = slittingScore(s);
  }
  return best === OUT ? OUT : round3(SHEET_FACTOR * best);
}

/** One offer line against requests in columns. */
export class OfferKernel {
  private readonly grades: GradeTable;
  /** Freight sub-score by destination id, NaN until worked out. */
  private freight = new Float64Array(0);
  /** The offer's price in each currency (CURRENCIES order), NaN until asked for. */
  private readonly priceIn = new Float64Array(CURRENCIES.length).fill(NaN);

  constructor(private readonly offer: OfferLine, private readonly market: MarketConfig, private readonly asOfDay: number, private readonly destinations: Destinations) {
    this.grades = gradeTable(offer.grade);
  }

  private grade(mask: number): number {
    let best = OUT;
    for (const g of this.grades.family) if (mask & (1 << g)) best = Math.max(best, this.grades.scores[g] as number);
    return best;
  }

  private gsm(min: number, max: number): number {
    const gsm = this.offer.gsm;
    const off = gsm < min ? min - gsm : Math.max(0, gsm - max);
    if (off === 0) return 1;
    const tolerance = gsmTolerance(gsm);
    return off > tolerance ? OUT : round3(1 - (0.75 * off) / tolerance);
  }

  private width(min: number, max: number): number {
    const o = this.offer;
    if (o.width_mm !== null) return reelScore(o.width_mm, min, max);
    return o.sheet_mm !== null ? sheetScore(o.sheet_mm, min, max) : MILL_RUN_SCORE;
  }

  private diameterCore(c: RequestColumns, i: number): number {
    const [diaMin, diaMax, ask] = [c.diaMin[i] as number, c.diaMax[i] as number, c.core[i] as number];
    if (Number.isNaN(diaMax) && ask === 0) return 1;
    const d = this.offer.diameter_mm;
    const dia = Number.isNaN(diaMax) ? 1 : d === null ? 0.7 : d > diaMax ? 0 : !Number.isNaN(diaMin) && d < diaMin ? 0.5 : 1;
    const core = this.offer.core_mm;
    return Math.min(dia, ask === 0 ? 1 : core === null ? 0.7 : core !== ask ? 0.3 : 1);
  }

  private quantity(min: number, max: number): number {
    const q = this.offer.quantity_t;
    if (q === null) return 0.5;
    if (q === 0) return 0;
    if (q < min) return round3((0.8 * q) / min);
    return q > max ? round3(0.5 + (0.5 * max) / q) : 1;
  }

  private price(currency: number, max: number): number {
    const p = this.offer.price;
    if (currency < 0 || p === null) return 0.5;
    let converted = this.priceIn[currency] as number;
    if (Number.isNaN(converted)) this.priceIn[currency] = converted = convert(p.amount, p.currency, CURRENCIES[currency]!, this.market);
    if (converted > max + 1e-9) return OUT;
    const headroom = (max - converted) / max;
    return round3(0.6 + 0.4 * Math.min(1, headroom / FULL_HEADROOM));
  }

  private freightTo(destination: number): number {
    if (destination >= this.freight.length) {
      const grown = new Float64Array(this.destinations.list.length).fill(NaN);
      grown.set(this.freight);
      this.freight = grown;
    }
    let f = this.freight[destination] as number;
    if (Number.isNaN(f)) {
      f = freightFit(this.offer, this.destinations.list[destination] as BuyerRequest['destination'], this.market).score;
      this.freight[destination] = f;
    }
    return f;
  }

  /**
   * scoreMatch(offer, request i).score: 0 when any factor rules the pair out, and also 0
   * when the pair provably scores below `floor` (the score a ranked list asks of a
   * newcomer): the factors are taken heaviest first and the rest counted at their best.
   */
  score(c: RequestColumns, i: number, floor = 0): number {
    if (this.asOfDay > (c.staleDay[i] as number)) return 0;
    const grade = this.grade(c.grades[i] as number);
    const gsm = grade === OUT ? OUT : this.gsm(c.gsmMin[i] as number, c.gsmMax[i] as number);
    const width = gsm === OUT ? OUT : this.width(c.widthMin[i] as number, c.widthMax[i] as number);
    const price = width === OUT ? OUT : this.price(c.maxCurrency[i] as number, c.maxAmount[i] as number);
    if (price === OUT) return 0;
    const known = WEIGHTS.grade * grade + WEIGHTS.gsm * gsm + WEIGHTS.width * width + WEIGHTS.price * price;
    if (known + UNKNOWN_AT_BEST < floor - ROUNDING) return 0;
    const total = 0 + WEIGHTS.grade * grade + WEIGHTS.gsm * gsm + WEIGHTS.width * width
      + WEIGHTS.diameter_core * this.diameterCore(c, i) + WEIGHTS.quantity * this.quantity(c.qMin[i] as number, c.qMax[i] as number)
      + WEIGHTS.price * price + WEIGHTS.freight * this.freightTo(c.destination[i] as number) + WEIGHTS.freshness * 1;
    return round3(total);
  }
}
