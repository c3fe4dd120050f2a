/**
 * Scoring a parser exactly as the corpus README says: lines match on grade, gsm,
 * width and sheet; recall and precision count matched lines; every other field is
 * scored on found lines only.
 */
export interface Line {
  grade: string; gsm: number; width_mm: number | null; sheet_mm: readonly number[] | null;
  diameter_mm: number | null; core_mm: number | null; quantity_t: number | null; quantity_shared: boolean;
  reels: number | null; price: { amount: number; currency: string; per: string } | null;
  incoterm: { term: string; place: string | null } | null; origin: string | null; available: string | null;
}

export const FIELDS = ['diameter_mm', 'core_mm', 'quantity_t', 'quantity_shared', 'reels', 'price', 'incoterm', 'origin', 'available'] as const;
export type Field = (typeof FIELDS)[number];

export interface Counts { truth: number; parsed: number; matched: number; correct: Record<Field, number> }
export interface Mismatch { key: string; field: Field; expected: unknown; got: unknown }
export interface EmailScore extends Counts { missing: string[]; extra: string[]; mismatches: Mismatch[] }

export function emptyCounts(): Counts {
  return { truth: 0, parsed: 0, matched: 0, correct: Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<Field, number> };
}

export function matchKey(l: Pick<Line, 'grade' | 'gsm' | 'width_mm' | 'sheet_mm'>): string {
  return JSON.stringify([l.grade, l.gsm, l.width_mm, l.sheet_mm]);
}

export function scoreEmail(parsed: readonly Line[], truth: readonly Line[]): EmailScore {
  const open = new Map<string, Line>(truth.map((t) => [matchKey(t), t]));
  const s: EmailScore = { ...emptyCounts(), truth: truth.length, parsed: parsed.length, missing: [], extra: [], mismatches: [] };
  for (const p of parsed) {
    const key = matchKey(p);
    const t = open.get(key);
    if (!t) { s.extra.push(key); continue; }
    open.delete(key);
    s.matched++;
    for (const f of FIELDS) {
      if (fieldEqual(f, p[f], t[f])) s.correct[f]++;
      else s.mismatches.push({ key, field: f, expected: t[f], got: p[f] });
    }
  }
  s.missing = [...open.keys()];
  return s;
}

export function fieldEqual(f: Field, a: unknown, b: unknown): boolean {
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (f === 'quantity_t') return Math.abs((a as number) - (b as number)) <= 0.001;
  if (f === 'price') {
    const [x, y] = [a as Line['price'] & object, b as Line['price'] & object];
    return Math.abs(x.amount - y.amount) <= 0.005 && x.currency === y.currency && x.per === y.per;
  }
  if (f === 'incoterm') {
    const [x, y] = [a as Line['incoterm'] & object, b as Line['incoterm'] & object];
    return x.term === y.term && placeKey(x.place) === placeKey(y.place);
  }
  return a === b;
}

function placeKey(p: string | null): string | null {
  return p === null ? null : p.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

export function addCounts(total: Counts, s: Counts): Counts {
  total.truth += s.truth;
  total.parsed += s.parsed;
  total.matched += s.matched;
  for (const f of FIELDS) total.correct[f] += s.correct[f];
  return total;
}

export interface Summary { precision: number; recall: number; f1: number; fields: Record<Field, number>; counts: Counts }

export function summarize(c: Counts): Summary {
  const precision = c.parsed ? c.matched / c.parsed : 1;
  const recall = c.truth ? c.matched / c.truth : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const fields = Object.fromEntries(FIELDS.map((f) => [f, c.matched ? c.correct[f] / c.matched : 1])) as Record<Field, number>;
  return { precision, recall, f1, fields, counts: c };
}
