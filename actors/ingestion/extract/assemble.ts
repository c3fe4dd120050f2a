import { OfferLine } from '../../domain/offer-line.js';
import { resolveAvail } from './dates.js';
import type { Globals } from './section.js';
import type { Attrs, Candidate, Keyed, LocalDate } from './types.js';

/** Where a candidate's stated-once attributes come from, nearest first. */
export interface Scope {
  keyed: Keyed[];
  globals: Globals;
  /** The quoted message's terms when a reply says "same conditions as below". */
  quoted: Globals;
  date: LocalDate | null;
  /** Fallbacks for origin: what the platform knows of the mill, then the signature's country. */
  millCountry: string | null;
  signatureCountry: string | null;
}

type Key = keyof Attrs;

/** The DOMAIN.md offer line for a candidate, or the schema's complaint. */
export function assemble(c: Candidate, scope: Scope): { line: OfferLine } | { error: string } {
  const chain = layers(c, scope);
  const pick = <K extends Key>(k: K): Attrs[K] => chain.find((a) => a[k] !== undefined)?.[k];
  const avail = pick('avail') ?? scope.quoted.avail;
  const term = pick('term') ?? scope.quoted.term;
  const line = {
    grade: c.grade, gsm: c.gsm, width_mm: c.width, sheet_mm: c.sheet,
    diameter_mm: pick('diameter') ?? null, core_mm: pick('core') ?? null,
    quantity_t: c.quantity, quantity_shared: c.shared, reels: c.reels,
    price: priceOf(pick('price')),
    incoterm: term ? { term: term.term, place: term.place } : null,
    origin: originOf(c, scope),
    available: avail ? resolveAvail(avail, scope.date) : null,
  };
  const parsed = OfferLine.safeParse(line);
  return parsed.success ? { line: parsed.data } : { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
}

function layers(c: Candidate, scope: Scope): Attrs[] {
  const exact = scope.keyed.filter((k) => k.grade === c.grade && k.gsm === c.gsm).map((k) => k.attrs);
  const byGrade = scope.keyed.filter((k) => k.grade === c.grade && k.gsm === null).map((k) => k.attrs);
  const family = c.grade.startsWith('testliner-') ? scope.keyed.filter((k) => k.grade === 'testliner' && k.gsm === null).map((k) => k.attrs) : [];
  return [c.own, ...exact, ...byGrade, ...family, c.heading, scope.globals];
}

function priceOf(p: Attrs['price']): OfferLine['price'] {
  return p ? { amount: p.amount, currency: p.currency, per: 't' } : null;
}

/**
 * The country goods ship from: a stated per-line origin, the loading place of the
 * line's or the message's E/F term, a warehouse or mill town, a stated origin, then
 * what the platform knows of the mill, then the mill's own signature.
 */
function originOf(c: Candidate, scope: Scope): string | null {
  if (c.own.origin !== undefined) return c.own.origin;
  if (c.own.loadingCountry) return c.own.loadingCountry;
  return scope.globals.loadingCountry ?? scope.globals.origin ?? scope.millCountry ?? scope.signatureCountry;
}
