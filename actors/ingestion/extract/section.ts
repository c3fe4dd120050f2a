import type { Block, LineBlock } from './blocks.js';
import { findGrades } from './grades-find.js';
import { joinItems } from './items.js';
import type { NumberLocale } from './numbers.js';
import { placeCountry } from './origin.js';
import { hasBody, scanLine, type LineFacts } from './scan-line.js';
import { readSignature, type Signature } from './signature.js';
import { SAME_TERMS_RE } from './same-terms.js';
import { readTable } from './table-rows.js';
import { findTextTables } from './text-tables.js';
import type { Attrs, AvailFact, Candidate, Grade, Keyed } from './types.js';
import type { Currency } from '../../domain/offer-line.js';

/** Attributes stated once for a whole message; a stated date or week wins over "ex stock". */
export interface Globals extends Attrs { immediate?: AvailFact; currency?: Currency }

export interface Section { candidates: Candidate[]; unparsed: string[]; globals: Globals; keyed: Keyed[]; signature: Signature }

interface Heading { grade: Grade; gsms: number[]; attrs: Attrs }
interface Bare { candidate: Candidate }

const CURRENCY_HINT = /(?<!\p{L})(?:prices?|preise?|prezzi|precios|prix|ceny|prijzen|pre[çc]os)\b[^.]{0,30}?\b(?:in)\s+(EUR|USD|GBP|PLN|SEK|CHF|euro)/iu;

/** Reads one message of a thread: its offer lines, what it states once, and its sign-off. */
export function readSection(blocks: Block[], locale: NumberLocale): Section {
  const signature = readSignature(blocks);
  const body = findTextTables(joinItems(blocks.slice(0, signature.start)));
  const tables = blocks.slice(signature.start).filter((b) => b.kind === 'table');
  const r = new SectionReader(locale);
  const all = [...body, ...tables];
  const facts = all.map((b) => (b.kind === 'line' ? scanLine(b.text, locale) : null));
  all.forEach((b, i) => (b.kind === 'table' ? r.table(b) : r.line(b, facts, i)));
  return r.finish(signature);
}

class SectionReader {
  candidates: Candidate[] = [];
  unparsed: string[] = [];
  globals: Globals = {};
  keyed: Keyed[] = [];
  private bare: Bare[] = [];
  /** The last offer line's own terms, for a later line that says "on the same conditions". */
  private lastTerms: Attrs = {};
  private heading: Heading | null = null;
  constructor(private readonly locale: NumberLocale) {}

  table(b: Extract<Block, { kind: 'table' }>): void {
    this.heading = null;
    const read = readTable(b.rows, {
      locale: this.locale, currency: this.globals.currency ?? null, shiftRows: b.shift === true,
      rowName: (i, cells) => b.rowNames?.[i] ?? cells.filter((c) => c.trim() !== '').join(' | '),
    });
    if (!read.found) return b.rows.forEach((row) => this.line({ kind: 'line', text: row.join('   '), quote: b.quote }, [null], 0));
    this.candidates.push(...read.candidates);
    this.unparsed.push(...read.unparsed);
  }

  line(b: LineBlock, facts: Array<LineFacts | null>, i: number): void {
    const f = facts[i] ?? scanLine(b.text, this.locale);
    const source = b.text.trim();
    if (!source) { this.heading = null; return; }
    if (f.sold) return;
    if (f.grade) return this.gradeLine(f, source, facts, i);
    if (f.grades.length > 1) { this.heading = null; if (f.gsms.length && hasBody(f)) this.unparsed.push(source); else this.statement(source, f); return; }
    if (f.uncoded) { this.heading = null; if (f.gsms.length || hasBody(f)) this.unparsed.push(source); return; }
    if (this.heading && (f.gsms.length > 0 || hasBody(f))) return this.subLine(f, source);
    if (f.gsms.length && hasBody(f)) { this.unparsed.push(source); return; }
    this.statement(source, f);
  }

  private gradeLine(f: LineFacts, source: string, facts: Array<LineFacts | null>, i: number): void {
    const grade = f.grade!;
    this.heading = null;
    if (f.gsmRange) { if (hasBody(f)) this.unparsed.push(source); return; }
    if (f.gsms.length && hasBody(f)) { this.offerLine(expand(grade, f.gsms, f, source, this.sameTerms(source))); return; }
    if (isHeading(facts, i)) { this.heading = { grade, gsms: f.gsms, attrs: own(f) }; return; }
    if (f.gsms.length) { this.bare.push(...expand(grade, f.gsms, f, source, {}).map((candidate) => ({ candidate }))); return; }
    if (hasBody(f)) this.unparsed.push(source);
    this.statement(source);
  }

  private subLine(f: LineFacts, source: string): void {
    const h = this.heading!;
    const gsms = f.gsms.length ? f.gsms : h.gsms;
    if (!gsms.length) { this.unparsed.push(source); return; }
    this.offerLine(expand(h.grade, gsms, f, source, { ...this.sameTerms(source), ...h.attrs }));
  }

  private offerLine(found: Candidate[]): void {
    this.candidates.push(...found);
    const own = found[0]?.own ?? {};
    if (own.term || own.avail) this.lastTerms = { ...(own.term ? { term: own.term } : {}), ...(own.avail ? { avail: own.avail } : {}) };
  }

  private sameTerms(source: string): Attrs {
    return SAME_TERMS_RE.test(source) ? this.lastTerms : {};
  }

  /** A sentence that is not an offer line: what it says holds for all lines, or for the grade it starts with. */
  private statement(text: string, f?: LineFacts): void {
    if (f && f.hits.length === 0 && !f.surcharge && Object.keys(f.attrs).length === 0) {
      const loading = placeCountry(text);
      if (loading) this.globals.loadingCountry ??= loading;
      const cur = CURRENCY_HINT.exec(text);
      if (cur) this.globals.currency ??= cur[1]!.toUpperCase().replace('EURO', 'EUR') as Currency;
      return;
    }
    for (const clause of clauses(text)) {
      const hit = findGrades(clause).find((h) => leads(clause, h.start));
      if (!hit) { this.addGlobal(clause); continue; }
      this.addGlobal(clause.slice(0, hit.start));
      const f = scanLine(clause.slice(hit.start), this.locale);
      const attrs = own(f);
      if (Object.keys(attrs).length) this.keyed.push({ grade: hit.grade, gsm: f.gsms.length === 1 ? f.gsms[0]! : null, attrs });
    }
  }

  private addGlobal(clause: string): void {
    if (!clause.trim()) return;
    const f = scanLine(clause, this.locale);
    const g = this.globals;
    const a = f.attrs;
    if (a.price) g.price ??= a.price;
    if (a.term && !f.surcharge) g.term ??= a.term;
    if (a.origin) g.origin ??= a.origin;
    const loading = a.loadingCountry ?? placeCountry(clause);
    if (loading) g.loadingCountry ??= loading;
    if (a.diameter !== undefined) g.diameter ??= a.diameter;
    if (a.core !== undefined) g.core ??= a.core;
    if (a.avail?.kind === 'now') g.immediate ??= a.avail;
    else if (a.avail) g.avail ??= a.avail;
    const cur = CURRENCY_HINT.exec(clause);
    if (cur) g.currency ??= cur[1]!.toUpperCase().replace('EURO', 'EUR') as Currency;
  }

  finish(signature: Signature): Section {
    for (const { candidate } of this.bare) {
      const dup = this.candidates.some((c) => c.grade === candidate.grade && c.gsm === candidate.gsm);
      if (dup) this.keyed.push({ grade: candidate.grade, gsm: candidate.gsm, attrs: candidate.own });
      else this.candidates.push(candidate);
    }
    if (!this.globals.avail && this.globals.immediate) this.globals.avail = this.globals.immediate;
    return { candidates: this.candidates, unparsed: this.unparsed, globals: this.globals, keyed: this.keyed, signature };
  }
}

/** A grade line followed directly by lines that carry sizes but no grade of their own heads them. */
function isHeading(facts: Array<LineFacts | null>, i: number): boolean {
  const next = facts[i + 1];
  return !!next && next.hits.length === 0 && !next.uncoded && !next.sold && (next.gsms.length > 0 || hasBody(next));
}

function own(f: LineFacts): Attrs {
  const a: Attrs = { ...f.attrs };
  if (f.onRequest && !a.price) a.price = null;
  return a;
}

/** One candidate per gsm × width (or sheet); one quantity for several of them is shared. */
function expand(grade: Grade, gsms: number[], f: LineFacts, source: string, heading: Attrs): Candidate[] {
  const sizes: Array<[number | null, [number, number] | null]> = f.widthsToOrder ? [] : [
    ...f.widths.map((w): [number, null] => [w, null]), ...f.sheets.map((s): [null, [number, number]] => [null, s]),
  ];
  if (!sizes.length) sizes.push([null, null]);
  const items = gsms.flatMap((gsm) => sizes.map(([width, sheet]) => ({ gsm, width, sheet })));
  const paired = f.quantities.length === items.length && items.length > 1;
  const reelsPaired = f.reels.length === items.length;
  return items.map((it, k) => ({
    grade, gsm: it.gsm, width: it.width, sheet: it.sheet,
    quantity: paired ? f.quantities[k]! : f.quantities[0] ?? null,
    shared: !paired && items.length > 1 && f.quantities.length > 0,
    reels: reelsPaired ? f.reels[k]! : null,
    own: own(f), heading, source,
  }));
}

/** Sentences, ";"-parts and ", "-parts of a statement (a comma before a digit is a decimal). */
function clauses(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=\p{Lu})|;\s*|,\s+(?=\D)/u).filter((c) => c.trim());
}

/** A grade leads a clause when only a bullet, an article or a colon stands before it. */
function leads(clause: string, at: number): boolean {
  const before = clause.slice(0, at);
  if (/:\s*$/.test(before)) return true;
  return /^\s*(?:[-•*–·]\s*)?(?:(?:il|la|le|lo|l'|the|der|die|das|el|los|las|het|de|o|a|os|as|for|für|per|para|pour|voor|dla|i)\s+)?$/iu.test(before);
}
