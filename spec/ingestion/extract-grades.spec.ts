import { describe, expect, it } from 'vitest';
import { decideGrade, findGrades, mentionsUncodedGrade } from '../../actors/ingestion/extract/grades-find.js';

const grade = (s: string) => decideGrade(findGrades(s));

describe('grade names in nine languages', () => {
  it.each([
    ['Kraftliner braun 175 g', 'kraftliner'], ['kraftliner brun', 'kraftliner'], ['kraftliner marrón', 'kraftliner'],
    ['Unbleached Kraftliner', 'kraftliner'], ['KL 175', 'kraftliner'], ['WTKL', 'white-top-kraftliner'],
    ['Kraftliner weiß gedeckt', 'white-top-kraftliner'], ['Kraftliner biały', 'white-top-kraftliner'],
    ['TL3', 'testliner-3'], ['TL-2', 'testliner-2'], ['Testliner III', 'testliner-3'], ['TESTLINER 3 - 120 GSM', 'testliner-3'],
    ['Testliner 170 g/m²', 'testliner'], ['Schrenz', 'testliner'], ['Recycled liner', 'testliner'],
    ['Testliner weiß', 'white-top-testliner'], ['WTTL (Testliner wit)', 'white-top-testliner'], ['TLW', 'white-top-testliner'],
    ['Wellenstoff', 'fluting'], ['fluting riciclato', 'fluting'], ['Ondulé recyclé', 'fluting'], ['miolo', 'fluting'],
    ['SC fluting', 'semichemical-fluting'], ['Semi-chem', 'semichemical-fluting'], ['Halbzellstoff', 'semichemical-fluting'],
    ['FBB GC1', 'gc1'], ['FBB', 'gc2'], ['Duplex Board Grey Back (GD2)', 'gd2'], ['Chromoersatzkarton', 'gd2'],
    ['cartoncino duplex', 'gd2'], ['Triplex', 'gt2'], ['SBS (GZ)', 'sbs'], ['Sackkraftpapier', 'sack-kraft'],
    ['extensible sack kraft', 'sack-kraft'], ['MG kraft', 'mg-kraft'], ['einseitig glatt', 'mg-kraft'],
    ['Zeitungsdruckpapier', 'newsprint'], ['papel prensa', 'newsprint'], ['Maplitho (Woodfree Uncoated)', 'wfu'],
    ['Offset holzfrei ungestrichen', 'wfu'], ['Bilderdruck matt', 'wfc'], ['C2S Art Paper (WFC)', 'wfc'],
    ['papier couché', 'wfc'], ['Graukarton', 'greyboard'], ['tektura szara', 'greyboard'],
  ])('%s → %s', (text, want) => expect(grade(text)).toBe(want));

  it('needs capitals for short codes that are also words', () => {
    expect(grade('tl')).toBeNull();
    expect(grade('ws')).toBeNull();
    expect(grade('TL')).toBe('testliner');
  });

  it('gives no grade when names disagree, and knows grades that have no code', () => {
    expect(grade('Testliner 2 / Testliner 3 and fluting')).toBeNull();
    expect(mentionsUncodedGrade('LWC 60 gsm, reel 787 mm')).toBe(true);
    expect(mentionsUncodedGrade('Testliner 3 125 gsm')).toBe(false);
  });
});
