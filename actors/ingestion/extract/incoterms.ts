import { INCOTERMS } from '../../domain/offer-line.js';
import { countryOfPlace } from './gazetteer.js';
import type { TermFact } from './types.js';

export type IncotermCode = (typeof INCOTERMS)[number];

const ALIASES: Record<string, IncotermCode> = { CNF: 'CFR', 'C&F': 'CFR', 'C+F': 'CFR', CANDF: 'CFR', DAT: 'DPU', DDU: 'DAP' };
const CODE_RE = /(?<![\p{L}\d])(EXW|FCA|FAS|FOB|CFR|CIF|CPT|CIP|DAP|DPU|DDP|CNF|C\s?&\s?F|C\+F|DAT|DDU|Exw|Fca|Fob|Cfr|Cif|Cpt|Cip|Dap|Ddp|Cnf)(?![\p{L}\d])/gu;

/** Words for the seller's own mill: "FCA mill", "FCA Werk", "resa FCA cartiera", "départ usine". */
const MILL_WORDS = new Set([
  'mill', 'mills', 'works', 'factory', 'plant', 'werk', 'werke', 'fabrik', 'papierfabrik', 'cartiera', 'fabbrica',
  'stabilimento', 'usine', 'papeterie', 'fabrica', 'fábrica', 'planta', 'fabriek', 'papierfabriek', 'fabryka',
  'zakład', 'zaklad', 'usina', 'fabrika', 'tesis', 'bruk', 'tehdas', 'our', 'mill.',
]);
const CONNECTORS = new Set(['am', 'an', 'der', 'de', 'di', 'do', 'da', 'del', 'della', 'la', 'le', 'sur', 'en', 'upon', 'on', 'im', 'nad', 'dos', 'das', 'du', 'des']);
const STOP = new Set([
  'basis', 'base', 'terms', 'term', 'incoterms', 'incoterm', 'price', 'prices', 'payment', 'loading', 'week', 'wk',
  'kw', 'delivery', 'delivered', 'port', 'harbour', 'harbor', 'via', 'only', 'per', 'ex', 'from', 'to', 'and', 'or',
  'plus', 'incl', 'including', 'excl', 'net', 'cad', 'lc', 'prompt', 'stock', 'available', 'ready', 'origin', 'free',
  'mt', 'tons', 'eur', 'usd', 'gbp', 'pln', 'sek', 'chf', 'preise', 'preis', 'lieferung', 'prezzi', 'prezzo',
  'precios', 'precio', 'prix', 'prijzen', 'prijs', 'ceny', 'cena', 'precos', 'preço', 'fiyat', 'conditions',
  'condizioni', 'condiciones', 'bedingungen', 'pagamento', 'zahlung', 'pago', 'paiement', 'betaling', 'platnosc',
  'the', 'our', 'insurance', 'incl.', 'ab', 'lager', 'magazzino', 'almacén', 'almacen', 'entrepôt', 'magazijn',
  'magazyn', 'armazém', 'depo', 'warehouse', 'franco', 'destino', 'resa', 'transit', 'time', 'approx', 'ca',
]);

export interface TermHit extends TermFact { start: number; end: number }

/** The delivery term a text names, with its place as written. */
export function findTerm(text: string): TermHit | null {
  CODE_RE.lastIndex = 0;
  const m = CODE_RE.exec(text);
  if (m) return termAt(text, m);
  return phraseTerm(text);
}

function termAt(text: string, m: RegExpExecArray): TermHit {
  const raw = m[1]!.toUpperCase().replace(/\s+/g, '');
  const term = ALIASES[raw] ?? (raw as IncotermCode);
  const start = m.index;
  let end = start + m[0].length;
  const inBrackets = text[start - 1] === '(' && text[end] === ')';
  if (inBrackets) return { term, place: placeBefore(text.slice(0, start - 1)), start, end: end + 1 };
  const after = readPlace(text.slice(end));
  end += after.length;
  return { term, place: after.place, start, end };
}

/** "franco destino Milano" is DAP Milano; "ex works", "ab Werk", "franco fabbrica", "départ usine" are EXW at the mill. */
function phraseTerm(text: string): TermHit | null {
  const dap = /(?<!\p{L})(?:franco\s+destino|franco\s+domicilio|frei\s+haus)\s*/iu.exec(text);
  if (dap) {
    const after = readPlace(text.slice(dap.index + dap[0].length));
    return { term: 'DAP', place: after.place, start: dap.index, end: dap.index + dap[0].length + after.length };
  }
  const exw = /(?<!\p{L})(?:ex[\s-]works|ex[\s-]mill|ab\s+werk|franco\s+fabbrica|franco\s+partenza|franco\s+f[áa]brica|d[ée]part\s+usine|af\s+fabriek|loco\s+fabryka|ex\s+f[áa]brica)(?!\p{L})/iu.exec(text);
  if (!exw) return null;
  const after = readPlace(text.slice(exw.index + exw[0].length));
  return { term: 'EXW', place: after.place && after.place !== 'mill' ? after.place : 'mill', start: exw.index, end: exw.index + exw[0].length + after.length };
}

const FIRST_WORD_RE = /^[\s\u00a0]*(?:[:\-–]\s*)?(\(?)([\p{L}][\p{L}\p{M}'’.\-]*)(\)?)/u;
const NEXT_WORD_RE = /^[\s\u00a0]*(\(?)([\p{L}][\p{L}\p{M}'’.\-]*)(\)?)/u;

/** The place right after a term: capitalised words, a mill word, or a town in brackets after a mill word. */
function readPlace(rest: string): { place: string | null; length: number } {
  const words: string[] = [];
  let length = 0;
  let mill = false;
  let s = rest.slice(0, 80);
  for (let i = 0; i < 6; i++) {
    const m = (i === 0 ? FIRST_WORD_RE : NEXT_WORD_RE).exec(s);
    if (!m) break;
    const [all, open, raw, close] = [m[0], m[1]!, m[2]!, m[3]!];
    const word = raw.replace(/[.]$/, '');
    const lower = word.toLowerCase();
    if (open) {
      if (close && mill && words.length === 0 && isPlaceWord(word)) { words.push(word); length += all.length; }
      break;
    }
    if (MILL_WORDS.has(lower) && words.length === 0) mill = true;
    else if (isPlaceWord(word) || (CONNECTORS.has(lower) && words.length > 0)) words.push(word);
    else break;
    length += all.length;
    s = s.slice(all.length);
    if (close || (raw.endsWith('.') && word.length > 3)) break;
  }
  while (words.length && CONNECTORS.has(words[words.length - 1]!.toLowerCase())) words.pop();
  if (words.length) return { place: words.join(' '), length };
  return { place: mill ? 'mill' : null, length };
}

function isPlaceWord(word: string): boolean {
  return /^\p{Lu}/u.test(word) && !STOP.has(word.toLowerCase()) && !CODE_LIKE.test(word);
}

const CODE_LIKE = /^(?:EXW|FCA|FAS|FOB|CFR|CIF|CPT|CIP|DAP|DPU|DDP|CNF|TL\d|KW|WK)$/i;

/** "ab Lager Köln (EXW)" → Köln; "ab Werk (EXW)", "départ usine (FCA)" → mill. */
function placeBefore(before: string): string | null {
  const words = before.trim().split(/[\s\u00a0]+/).slice(-3);
  const last = words[words.length - 1]?.replace(/[,.:;]$/, '') ?? '';
  if (last && isPlaceWord(last) && !MILL_WORDS.has(last.toLowerCase())) return last;
  return words.some((w) => MILL_WORDS.has(w.toLowerCase())) ? 'mill' : null;
}

/** E and F terms name where goods load; C and D terms name the destination. */
export function loadingCountry(term: TermFact): string | null {
  if (!term.place || term.place === 'mill') return null;
  if (!['EXW', 'FCA', 'FAS', 'FOB'].includes(term.term)) return null;
  return countryOfPlace(term.place);
}
