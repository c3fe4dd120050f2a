import type { Grade } from '../../domain/grades.js';

/**
 * Names of the DOMAIN.md grades in the languages mills write in, as folded ASCII
 * phrases (accents and hyphenation are matched loosely). Priority 3 = an explicit code
 * ("GD2", "TL3"), 2 = a specific name, 1 = a loose name a code next to it overrides
 * ("FBB GC1" is gc1).
 */
export const GRADE_SYNONYMS: ReadonlyArray<readonly [Grade, number, readonly string[]]> = [
  ['kraftliner', 2, [
    'kraftliner', 'kraft liner', 'kraftlinerboard', 'unbleached kraftliner', 'brown kraftliner', 'natural kraftliner',
    'kraftliner brown', 'kraftliner braun', 'brauner kraftliner', 'kraftliner brun', 'kraftliner marron',
    'kraftliner marrone', 'kraftliner avana', 'kraftliner bruin', 'kraftliner brazowy', 'kraftliner marrom',
    'kraftliner kahverengi', 'liner kraft', 'kraft liner brun', 'kraftliner natural', 'kraftliner naturale',
    'kraftliner ungebleicht', 'kraftliner blanqueado no', 'klb', 'kraft top liner',
  ]],
  ['kraftliner', 3, ['kl']],
  ['white-top-kraftliner', 3, ['wtkl', 'wkl', 'wtk']],
  ['white-top-kraftliner', 2, [
    'white top kraftliner', 'white-top kraftliner', 'white kraftliner', 'kraftliner white top', 'kraftliner white',
    'bleached top kraftliner', 'kraftliner weiss gedeckt', 'kraftliner weiss', 'weisser kraftliner', 'kraftliner blanc',
    'kraftliner couche blanche', 'kraftliner bianco', 'kraftliner blanco', 'kraftliner wit', 'witte kraftliner',
    'kraftliner bialy', 'kraftliner branco', 'kraftliner beyaz', 'mottled white kraftliner', 'white top kraft liner',
    'white kraft liner',
  ]],
  ...qualities(),
  ['testliner', 2, [
    'testliner', 'test liner', 'recycled liner', 'schrenz testliner', 'schrenz', 'testliner braun', 'testliner brown',
    'brown testliner', 'testliner brun', 'testliner marrone', 'testliner marron', 'testliner bruin', 'testliner brazowy',
    'testliner marrom', 'liner riciclato', 'liner reciclado', 'liner recycle', 'recycled testliner', 'testlinerboard',
  ]],
  ['testliner', 3, ['tl']],
  ['white-top-testliner', 3, ['wttl', 'tlw', 'wtt', 'wt tl']],
  ['white-top-testliner', 2, [
    'white top testliner', 'white testliner', 'testliner white top', 'testliner white', 'white top liner',
    'testliner weiss', 'testliner weiss gedeckt', 'weisser testliner', 'weiss gedeckter testliner', 'testliner blanc',
    'testliner bianco', 'testliner blanco', 'testliner wit', 'witte testliner', 'testliner bialy', 'testliner branco',
    'testliner beyaz', 'white top test liner', 'mottled testliner',
  ]],
  ['fluting', 2, [
    'fluting', 'recycled fluting', 'fluting recycled', 'corrugating medium', 'recycled medium', 'medium',
    'wellenstoff', 'fluting riciclato', 'carta per onda', 'onda', 'ondule', 'ondule recycle',
    'cannelure', 'papier cannelure', 'papel onda', 'ondulado', 'papel para ondular', 'fluting reciclado',
    'fluting bruin', 'golfkarton medium', 'flutingpapier', 'miolo', 'papel miolo', 'fluting z makulatury',
  ]],
  ['fluting', 3, ['ws']],
  ['semichemical-fluting', 2, [
    'semichemical fluting', 'semi chemical fluting', 'semichemical', 'semi chemical', 'semi chem', 'semichem',
    'sc fluting', 'nssc', 'nssc fluting', 'semichemical medium', 'halbzellstoff', 'halbzellstoff wellenstoff',
    'halbchemischer wellenstoff', 'fluting semichimico', 'semichimico', 'fluting semiquimico', 'semiquimico',
    'cannelure mi chimique', 'mi chimique', 'fluting polchemiczny', 'polchemiczny', 'fluting semiquimico',
    'semi kimyasal fluting',
  ]],
  ['gc1', 3, ['gc1', 'fbb gc1']],
  ['gc2', 3, ['gc2', 'fbb gc2']],
  ['gc2', 1, ['fbb', 'folding boxboard', 'folding box board', 'faltschachtelkarton', 'chromokarton', 'cartoncino fbb']],
  ['gd2', 3, ['gd2', 'wlc gd2']],
  ['gd2', 1, [
    'duplex board', 'duplex', 'duplexkarton', 'chromoersatzkarton', 'chromoersatz', 'wlc', 'white lined chipboard',
    'cartoncino duplex', 'cartone duplex', 'carton duplex', 'cartulina duplex', 'karton duplex', 'tektura duplex',
    'duplexbord', 'cartao duplex',
  ]],
  ['gt1', 3, ['gt1']],
  ['gt2', 3, ['gt2']],
  ['gt2', 1, ['triplex', 'triplex board', 'triplexkarton', 'cartoncino triplex', 'karton triplex', 'cartao triplex']],
  ['sbs', 3, ['sbs', 'gz']],
  ['sbs', 2, [
    'solid bleached board', 'solid bleached sulphate', 'solid bleached sulfate', 'bleached board',
    'zellstoffkarton', 'cartoncino solido bianco', 'carton blanchi', 'cartulina sbs',
  ]],
  ['sack-kraft', 2, [
    'sack kraft', 'sackkraft', 'sack kraft paper', 'sackkraftpapier', 'sackpapier', 'extensible sack kraft',
    'sack paper', 'kraft sack', 'carta sacchi', 'carta kraft sacchi', 'papel saco', 'papel kraft saco',
    'papier sac', 'papier kraft sac', 'papier workowy', 'zakpapier', 'papel para sacos', 'torba kagidi',
  ]],
  ['mg-kraft', 2, [
    'mg kraft', 'mg paper', 'mg kraftpapier', 'machine glazed kraft', 'machine glazed', 'einseitig glatt',
    'kraftpapier einseitig glatt', 'kraft monolucida', 'carta monolucida', 'monolucida', 'kraft monolucido',
    'papel monolucido', 'kraft frictionne', 'papier frictionne', 'mg papier',
  ]],
  ['newsprint', 2, [
    'newsprint', 'news print', 'zeitungsdruckpapier', 'zeitungsdruck', 'zeitungspapier', 'papier journal',
    'papier journal recycle', 'carta giornale', 'carta da giornale', 'papel prensa', 'papel periodico',
    'papier gazetowy', 'krantenpapier', 'papel jornal', 'gazete kagidi',
  ]],
  ['wfu', 3, ['wfu']],
  ['wfu', 2, [
    'woodfree uncoated', 'wood free uncoated', 'uncoated woodfree', 'woodfree offset', 'offset paper', 'offset',
    'maplitho', 'holzfrei ungestrichen', 'offsetpapier', 'naturpapier', 'carta uso mano', 'carta offset',
    'papel offset', 'papier offset', 'papier offsetowy', 'houtvrij ongestreken', 'papel offset sem revestimento',
    'bond paper', 'hamur kagit', 'hamur kagidi', 'uncoated wood free',
  ]],
  ['wfc', 3, ['wfc']],
  ['wfc', 2, [
    'woodfree coated', 'wood free coated', 'coated woodfree', 'art paper', 'gloss art paper', 'matt art paper',
    'art board paper', 'c2s art', 'c2s art paper', 'gloss coated', 'matt coated', 'silk coated', 'bilderdruck',
    'bilderdruckpapier', 'holzfrei gestrichen', 'carta patinata', 'patinata', 'papel estucado', 'papel couche',
    'papier couche', 'papier kredowy', 'houtvrij gestreken', 'kunstdruk', 'kuse kagit', 'kuse kagidi',
  ]],
  ['greyboard', 2, [
    'greyboard', 'grey board', 'grayboard', 'gray board', 'chipboard', 'graukarton', 'graupappe', 'cartone grigio',
    'carton gris', 'carton gris recycle', 'carton gris compact', 'carton compact gris', 'carton gris', 'tektura szara',
    'grijskarton', 'grijs karton', 'cartao cinza', 'papelao cinza', 'gri karton',
  ]],
];

function qualities(): Array<readonly [Grade, number, readonly string[]]> {
  const romans = ['i', 'ii', 'iii', 'iv'];
  return [1, 2, 3, 4].map((q) => {
    const grade = `testliner-${q}` as Grade;
    const r = romans[q - 1]!;
    return [grade, 3, [
      `testliner ${q}`, `testliner ${r}`, `tl ${q}`, `tl ${r}`, `test liner ${q}`, `testliner quality ${q}`,
      `testliner qualitat ${q}`, `testliner braun ${q}`, `testliner ${q} braun`, `testliner ${q} brown`,
      `recycled liner ${q}`,
    ]] as const;
  });
}

/** Codes written in capitals only: as lower-case words they are ordinary ("kl", "tl", "ws", "gz"). */
export const CASE_SENSITIVE = new Set(['kl', 'tl', 'ws', 'gz', 'wt tl', 'tlw', 'wtt', 'wtk', 'wkl']);

/** Grades that exist but have no DOMAIN.md code: a line naming only these is never an offer line. */
export const UNCODED_GRADES = [
  'lwc', 'mwc', 'hwc', 'sc paper', 'supercalendered', 'kraft paper', 'papel kraft', 'kraftpapier',
  'carta kraft', 'papier kraft', 'gd1', 'gd3', 'gt3', 'gc3', 'gn', 'tissue', 'thermal paper', 'mf paper', 'c1s',
  'sulphite paper', 'glassine', 'greaseproof',
];
