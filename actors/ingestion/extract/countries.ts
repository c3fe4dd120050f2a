import { fold } from './fold.js';

/**
 * Country names and adjectives in English, German, Italian, Spanish, French, Polish,
 * Dutch, Portuguese and Turkish (folded ASCII), for the countries paper is traded from.
 */
const NAMES: Record<string, [nouns: string[], adjectives: string[]]> = {
  DE: [['germany', 'deutschland', 'germania', 'alemania', 'allemagne', 'niemcy', 'duitsland', 'alemanha', 'almanya'], ['german', 'deutsch', 'deutsche', 'deutscher', 'tedesco', 'tedesca', 'aleman', 'alemana', 'allemand', 'allemande', 'niemiecki', 'niemieckie', 'duits', 'duitse', 'alemao', 'alema']],
  AT: [['austria', 'osterreich', 'autriche', 'oostenrijk', 'avusturya'], ['austrian', 'osterreichisch', 'austriaco', 'austriaca', 'autrichien', 'austriacki', 'oostenrijks']],
  CH: [['switzerland', 'schweiz', 'svizzera', 'suiza', 'suisse', 'szwajcaria', 'zwitserland', 'suica', 'isvicre'], ['swiss', 'schweizer', 'schweizerisch', 'svizzero', 'suizo', 'szwajcarski', 'zwitsers']],
  IT: [['italy', 'italia', 'italien', 'italie', 'wlochy', 'italie', 'italya'], ['italian', 'italienisch', 'italiano', 'italiana', 'italien', 'italienne', 'wloski', 'italiaans', 'italiaanse']],
  ES: [['spain', 'spanien', 'spagna', 'espana', 'espagne', 'hiszpania', 'spanje', 'espanha', 'ispanya'], ['spanish', 'spanisch', 'spagnolo', 'espanol', 'espanola', 'espagnol', 'hiszpanski', 'spaans', 'espanhol']],
  FR: [['france', 'frankreich', 'francia', 'francja', 'frankrijk', 'franca', 'fransa'], ['french', 'franzosisch', 'francese', 'frances', 'francesa', 'francais', 'francaise', 'francuski', 'frans', 'franse']],
  PL: [['poland', 'polen', 'polonia', 'pologne', 'polska', 'polonya'], ['polish', 'polnisch', 'polacco', 'polaco', 'polonais', 'polski', 'polskie', 'pools', 'polones', 'polonesa']],
  NL: [['netherlands', 'the netherlands', 'holland', 'niederlande', 'paesi bassi', 'olanda', 'paises bajos', 'pays bas', 'holandia', 'nederland', 'holanda', 'hollanda'], ['dutch', 'niederlandisch', 'olandese', 'holandes', 'neerlandais', 'holenderski', 'nederlands', 'nederlandse']],
  BE: [['belgium', 'belgien', 'belgio', 'belgica', 'belgique', 'belgia', 'belgie', 'belcika'], ['belgian', 'belgisch', 'belga', 'belge', 'belgijski']],
  PT: [['portugal', 'portogallo', 'portugalia', 'portekiz'], ['portuguese', 'portugiesisch', 'portoghese', 'portugues', 'portuguesa', 'portugais', 'portugalski', 'portugees']],
  TR: [['turkey', 'turkiye', 'turkei', 'turchia', 'turquia', 'turquie', 'turcja', 'turkije'], ['turkish', 'turkisch', 'turco', 'turca', 'turc', 'turque', 'turecki', 'turks', 'turk']],
  SE: [['sweden', 'schweden', 'svezia', 'suecia', 'suede', 'szwecja', 'zweden', 'isvec', 'sverige'], ['swedish', 'schwedisch', 'svedese', 'sueco', 'sueca', 'suedois', 'szwedzki', 'zweeds']],
  FI: [['finland', 'finnland', 'finlandia', 'finlande', 'finlandiya', 'suomi', 'finlandia'], ['finnish', 'finnisch', 'finlandese', 'finlandes', 'finlandais', 'finski', 'fins', 'finse']],
  NO: [['norway', 'norwegen', 'norvegia', 'noruega', 'norvege', 'norwegia', 'noorwegen', 'norvec'], ['norwegian', 'norwegisch', 'norvegese', 'noruego', 'norvegien', 'norweski', 'noors']],
  DK: [['denmark', 'danemark', 'danimarca', 'dinamarca', 'dania', 'denemarken', 'danimarka'], ['danish', 'danisch', 'danese', 'danes', 'danois', 'dunski', 'deens']],
  GB: [['united kingdom', 'uk', 'great britain', 'england', 'scotland', 'wales', 'grossbritannien', 'vereinigtes konigreich', 'regno unito', 'reino unido', 'royaume uni', 'wielka brytania', 'verenigd koninkrijk', 'ingiltere'], ['british', 'english', 'britisch', 'britannico', 'britanico', 'britannique', 'brytyjski', 'brits']],
  IE: [['ireland', 'irland', 'irlanda', 'irlande', 'irlandia', 'ierland'], ['irish']],
  CZ: [['czech republic', 'czechia', 'tschechien', 'repubblica ceca', 'republica checa', 'republique tcheque', 'czechy', 'tsjechie', 'chequia', 'cek cumhuriyeti', 'czech'], ['tschechisch', 'ceco', 'checo', 'tcheque', 'czeski', 'tsjechisch']],
  SK: [['slovakia', 'slowakei', 'slovacchia', 'eslovaquia', 'slovaquie', 'slowacja', 'slowakije'], ['slovak', 'slowakisch']],
  SI: [['slovenia', 'slowenien', 'eslovenia', 'slovenie', 'slowenia', 'slovenie', 'eslovenia', 'slovenya'], ['slovenian', 'slowenisch', 'sloveno', 'esloveno']],
  HR: [['croatia', 'kroatien', 'croazia', 'croacia', 'croatie', 'chorwacja', 'kroatie', 'hirvatistan'], []],
  HU: [['hungary', 'ungarn', 'ungheria', 'hungria', 'hongrie', 'wegry', 'hongarije', 'macaristan'], ['hungarian', 'ungarisch']],
  RO: [['romania', 'rumanien', 'roumanie', 'rumunia', 'roemenie', 'romanya'], []],
  BG: [['bulgaria', 'bulgarien', 'bulgarie', 'bulgarije', 'bulgaristan'], []],
  GR: [['greece', 'griechenland', 'grecia', 'grece', 'grecja', 'griekenland', 'yunanistan'], []],
  RS: [['serbia', 'serbien', 'serbie', 'servie', 'sirbistan'], []],
  LT: [['lithuania', 'litauen', 'lituania', 'lituanie', 'litwa', 'litouwen'], []],
  LV: [['latvia', 'lettland', 'lettonia', 'letonia', 'lettonie', 'lotwa', 'letland'], []],
  EE: [['estonia', 'estland', 'estonie', 'estonya'], []],
  UA: [['ukraine', 'ucraina', 'ucrania', 'ukraina', 'oekraine', 'ukrayna'], []],
  RU: [['russia', 'russland', 'rusia', 'russie', 'rosja', 'rusland', 'rusya'], ['russian']],
  BR: [['brazil', 'brasil', 'brasilien', 'brasile', 'bresil', 'brazylia', 'brazilie', 'brezilya'], ['brazilian', 'brasilianisch', 'brasiliano', 'brasileno', 'bresilien', 'brazylijski', 'braziliaans', 'brasileiro', 'brasileira']],
  US: [['united states', 'usa', 'u.s.a.', 'vereinigte staaten', 'stati uniti', 'estados unidos', 'etats unis', 'stany zjednoczone', 'verenigde staten', 'amerika'], ['american', 'amerikanisch', 'americano']],
  CA: [['canada', 'kanada'], ['canadian']],
  MX: [['mexico', 'mexiko', 'messico', 'mexique', 'meksyk'], []],
  CL: [['chile', 'cile', 'chili'], []],
  AR: [['argentina', 'argentinien', 'argentine'], []],
  CN: [['china', 'cina', 'chine', 'chiny'], ['chinese', 'chinesisch', 'cinese', 'chino']],
  IN: [['india', 'indien', 'inde', 'indie', 'hindistan'], ['indian', 'indisch', 'indiano']],
  ID: [['indonesia', 'indonesien', 'indonesie', 'indonezja', 'endonezya'], ['indonesian']],
  TH: [['thailand', 'tailandia', 'thailande', 'tajlandia', 'tayland'], []],
  VN: [['vietnam', 'viet nam', 'wietnam'], []],
  MY: [['malaysia', 'malesia', 'malasia', 'malaisie', 'malezja', 'malezya'], []],
  KR: [['south korea', 'korea', 'sudkorea', 'corea del sud', 'corea del sur', 'coree du sud', 'korea poludniowa'], []],
  JP: [['japan', 'giappone', 'japon', 'japonia', 'japonya'], []],
  AE: [['united arab emirates', 'uae', 'u.a.e.', 'vereinigte arabische emirate', 'emirati arabi uniti', 'emiratos arabes unidos', 'emirats arabes unis', 'emiraty arabskie'], []],
  SA: [['saudi arabia', 'saudi arabien', 'arabia saudita', 'arabie saoudite', 'arabia saudyjska', 'suudi arabistan'], []],
  EG: [['egypt', 'agypten', 'egitto', 'egipto', 'egypte', 'egipt', 'misir'], []],
  MA: [['morocco', 'marokko', 'marocco', 'marruecos', 'maroc', 'maroko'], []],
  TN: [['tunisia', 'tunesien', 'tunez', 'tunisie', 'tunezja', 'tunus'], []],
  ZA: [['south africa', 'sudafrika', 'sudafrica', 'afrique du sud'], []],
  IL: [['israel', 'israele'], []],
  AU: [['australia', 'australien', 'australie'], []],
  NZ: [['new zealand', 'neuseeland'], []],
};

/** Every ISO 3166-1 alpha-2 code the platform may meet in an origin column. */
export const ISO_CODES = new Set(
  ('AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CH CI CL CM CN CO ' +
   'CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FR GA GB GD GE GH GM GN GQ GR GT GW GY HK HN HR HT HU ID IE ' +
   'IL IN IQ IR IS IT JM JO JP KE KG KH KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG MK ML MM MN MR ' +
   'MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NZ OM PA PE PG PH PK PL PT PY QA RO RS RU RW SA SC SD SE SG SI SK SL SM SN ' +
   'SO SR SS SV SY SZ TD TG TH TJ TL TM TN TR TT TW TZ UA UG US UY UZ VE VN YE ZA ZM ZW').split(' '),
);

const byName = new Map<string, string>();
const byAdjective = new Map<string, string>();
for (const [code, [nouns, adjectives]] of Object.entries(NAMES)) {
  for (const n of nouns) byName.set(n, code);
  for (const a of adjectives) byAdjective.set(a, code);
}

/** A country named by a word or two ("Schweiz", "Czech Republic"), or null. */
export function countryByName(text: string): string | null {
  return byName.get(key(text)) ?? null;
}

/** A country named by a noun or an adjective ("Brazilian" origin, "origine italiana"). */
export function countryByWord(text: string): string | null {
  const k = key(text);
  return byName.get(k) ?? byAdjective.get(k) ?? null;
}

function key(text: string): string {
  return fold(text).replace(/[\s\u00a0-]+/g, ' ').trim();
}

/** A cell that holds a country: an ISO code ("FI") or a name. */
export function countryOfCell(cell: string): string | null {
  const t = cell.trim();
  if (/^[A-Z]{2}$/.test(t) && ISO_CODES.has(t)) return t;
  return countryByName(t.replace(/[.:]+$/, ''));
}

/** Country names appearing anywhere in the text, in order ("…, 8750 Judenburg, Austria"). */
export function countriesIn(text: string): string[] {
  const out: string[] = [];
  const words = fold(text).split(/[^a-z.]+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const two = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : '';
    const hit = (two && byName.get(two)) || byName.get(words[i]!.replace(/\.$/, ''));
    if (hit) out.push(hit);
  }
  return out;
}
