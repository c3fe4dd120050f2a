/** Folding for lookups: lower case, no accents, ß → ss, ł → l, dotless ı → i. */
export function fold(s: string): string {
  if (/^[\x00-\x7f]*$/.test(s)) return s.toLowerCase();
  return s
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[łŁ]/g, 'l')
    .replace(/ı/g, 'i')
    .replace(/[øØ]/g, 'o')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Folding that also drops spaces, hyphens and dots: "TL-3" and "tl 3" both give "tl3". */
export function compact(s: string): string {
  return fold(s).replace(/[\s\u00a0\u202f.\-–]+/g, '');
}

const LETTER_CLASS: Record<string, string> = {
  a: '[aáàâäãåą]', c: '[cçćč]', e: '[eéèêëęě]', g: '[gğ]', i: '[iíìîïıİ]', l: '[lł]',
  n: '[nñńň]', o: '[oóòôöõø]', r: '[rř]', s: '(?:ss|ß|[sśšş])', u: '[uúùûüů]', z: '[zźżž]', y: '[yý]',
};

/**
 * A phrase written in plain ASCII ("testliner weiss") as a regex source that also
 * matches its accented spellings and any spacing or hyphenation between its words.
 */
export function phraseSource(phrase: string): string {
  return phrase
    .split(' ')
    .map((word) => word.split('ss').map((part) => [...part].map(letterSource).join('')).join('(?:ss|ß)'))
    .join('[\\s\\u00a0\\-]*');
}

function letterSource(ch: string): string {
  if (ch === 's') return LETTER_CLASS.s!;
  const cls = LETTER_CLASS[ch];
  if (cls) return cls;
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** One alternation of phrases, longest first so that "white top kraftliner" wins over "kraftliner". */
export function alternation(phrases: readonly string[]): string {
  return [...phrases].sort((a, b) => b.length - a.length).map(phraseSource).join('|');
}
