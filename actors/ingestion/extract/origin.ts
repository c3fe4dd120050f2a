import { countryByWord } from './countries.js';
import { countryOfPlace } from './gazetteer.js';

const ORIGIN_AFTER = /(?<!\p{L})(?:country of origin|origin|origine|origen|origem|herkunft|herkunftsland|ursprung|ursprungsland|pochodzenie|kraj pochodzenia|herkomst|men[şs]e[ıi]?|made in|hergestellt in|prodotto in|fabricado en|fabriqu[ée] en|geproduceerd in|fabricado em|produced in|ships? from|shipped from|loaded in|versand ab)\s*[:\-–]?\s*(\p{L}[\p{L}.]*(?:\s+\p{L}[\p{L}.]*)?)/iu;
const ORIGIN_BEFORE = /(\p{L}+)\s+(?:origin|origine|herkunft|oorsprong)(?!\p{L})/iu;
const PLACE_HINT = /(?<!\p{L})(?:warehouse|stored|sitting|lager|lagerort|magazzino|deposito|almac[ée]n|entrep[ôo]t|magazijn|magazyn|armaz[ée]m|depo|depot|stock|mill|fábrica|fabrica|usine|werk|cartiera|fabbrica|fabriek|fabryka|port of loading|loading port|pol|verladehafen|porto di carico|puerto de carga|port de chargement|laadhaven|port za[łl]adunku|porto de embarque|y[üu]kleme liman[ıi])\s*(?:[:\-–]\s*)?(?:at|in|of|en|[àa]|de|di|del|w|em|te|im|zu|nel|na)?\s+(\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+)?)/gu;
const TOWN_MILL = /(\p{Lu}[\p{L}-]+)\s+(?:mill|works|Werk|plant|warehouse)(?!\p{L})/gu;

/** A country the text states as the goods' origin ("Origin: Turkey", "Swedish origin", "Herkunft: Schweiz"). */
export function statedOrigin(text: string): string | undefined {
  const after = ORIGIN_AFTER.exec(text);
  if (after) {
    const words = after[1]!.split(/\s+/);
    const hit = countryByWord(words.join(' ')) ?? countryByWord(words[0]!);
    if (hit) return hit;
  }
  const before = ORIGIN_BEFORE.exec(text);
  return before ? countryByWord(before[1]!) ?? undefined : undefined;
}

/** The country of a named loading place: "warehouse at Immingham", "magazijn in Tilburg", "our Kemi mill". */
export function placeCountry(text: string): string | undefined {
  for (const re of [PLACE_HINT, TOWN_MILL]) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const name = m[1]!;
      const hit = countryOfPlace(name) ?? countryOfPlace(name.split(/\s+/)[0]!);
      if (hit) return hit;
    }
  }
  return undefined;
}
