import type { Block } from './blocks.js';
import { countriesIn, countryByName } from './countries.js';
import { placesIn } from './gazetteer.js';

const CLOSING_RE = /^[\s-]*(?:(?:best|kind|warm|warmest|many|with best)\s+regards|regards|best|cheers|thanks(?: (?:&|and) regards)?|thank you|br|kr|yours (?:sincerely|faithfully)|sincerely|mit freundlichen gr[üu](?:ß|ss)en|freundliche gr[üu](?:ß|ss)e|beste gr[üu](?:ß|ss)e|viele gr[üu](?:ß|ss)e|sch[öo]ne gr[üu](?:ß|ss)e|gru(?:ß|ss)|mfg|cordiali saluti|distinti saluti|saluti|un saluto|cordialmente|un saludo|saludos(?: cordiales)?|atentamente|cordialement|bien (?:[àa] vous|cordialement)|salutations|met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|groeten|groet|pozdrawiam|z powa[żz]aniem|z wyrazami szacunku|atenciosamente|cumprimentos|melhores cumprimentos|abra[çc]os|sayg[ıi]lar[ıi]m[ıi]zla|sayg[ıi]lar[ıi]mla|iyi [çc]al[ıi][şs]malar)\b[\s\S]{0,40}$/iu;
const BROKER_RE = /(?<!\p{L})(?:brokers?|broking|trading|traders?|agency|agents?|agentur|handel|papierhandel|papiergro(?:ß|ss)handel|gro(?:ß|ss)handel|handelsgesellschaft|n[ée]goce|merchants?|commercio|intermediari\p{L}*|handelaar|makler\p{L}*|pośrednictwo|posrednictwo|fze|comercializadora)(?!\p{L})/iu;
const POSTAL_PREFIX = /(?<![\p{L}])(CH|FI|SE|D|DE|A|AT|F|FR|I|IT|E|ES|NL|B|BE|PL|CZ|SK|SI|DK|NO|PT|H|HU|HR|RO|LT|LV|EE|GB|IE|TR|BG|GR)-\d{3,5}/u;
const POSTAL_CODES: Record<string, string> = { D: 'DE', A: 'AT', F: 'FR', I: 'IT', E: 'ES', B: 'BE', H: 'HU' };
const PHONE_CODES: Array<[string, string]> = [
  ['420', 'CZ'], ['421', 'SK'], ['386', 'SI'], ['385', 'HR'], ['358', 'FI'], ['351', 'PT'], ['353', 'IE'], ['359', 'BG'],
  ['370', 'LT'], ['371', 'LV'], ['372', 'EE'], ['381', 'RS'], ['380', 'UA'], ['971', 'AE'], ['966', 'SA'], ['212', 'MA'],
  ['216', 'TN'], ['49', 'DE'], ['43', 'AT'], ['41', 'CH'], ['39', 'IT'], ['34', 'ES'], ['33', 'FR'], ['48', 'PL'],
  ['31', 'NL'], ['32', 'BE'], ['90', 'TR'], ['46', 'SE'], ['47', 'NO'], ['45', 'DK'], ['44', 'GB'], ['36', 'HU'],
  ['40', 'RO'], ['30', 'GR'], ['55', 'BR'], ['54', 'AR'], ['56', 'CL'], ['52', 'MX'], ['86', 'CN'], ['91', 'IN'],
  ['62', 'ID'], ['66', 'TH'], ['84', 'VN'], ['60', 'MY'], ['82', 'KR'], ['81', 'JP'], ['20', 'EG'], ['27', 'ZA'], ['1', 'US'],
];

export interface Signature { start: number; country: string | null; broker: boolean }

/** Where the sign-off starts in a part's lines, the country its address names, and whether it is a trader's. */
export function readSignature(blocks: Block[]): Signature {
  const start = signatureStart(blocks);
  const text = blocks.slice(start, start + 25).map((b) => (b.kind === 'line' ? b.text : '')).join('\n');
  return { start, country: signatureCountry(text), broker: BROKER_RE.test(text) };
}

function signatureStart(blocks: Block[]): number {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind !== 'line') continue;
    const t = b.text.trim();
    if (t === '--' || t === '-- ' || (t.length <= 60 && CLOSING_RE.test(t))) return i;
  }
  return blocks.length;
}

/** A country name in the address, else a postal prefix ("CH-8488"), a phone code (+49), a known town. */
export function signatureCountry(text: string): string | null {
  const named = text.split('\n').flatMap((line) => countriesIn(line.replace(/https?:\S+|\S+@\S+|www\.\S+/g, ' ')));
  if (named[0]) return named[named.length - 1]!;
  const postal = POSTAL_PREFIX.exec(text);
  if (postal) return POSTAL_CODES[postal[1]!] ?? postal[1]!;
  const phone = /\+\s?(\d{1,3})[\s(]/.exec(text);
  if (phone) {
    const hit = PHONE_CODES.find(([p]) => phone[1]!.startsWith(p));
    if (hit) return hit[1];
  }
  return placesIn(text)[0] ?? countryByName(text.split('\n').pop() ?? '') ?? null;
}
