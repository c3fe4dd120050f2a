import type { Grade, GradeFamily } from '../domain/grades.js';

/** How a trader writes each grade in a sentence or a newsletter heading. */
export const GRADE_LABELS: Readonly<Record<Grade, string>> = {
  kraftliner: 'Kraftliner',
  'white-top-kraftliner': 'White-top kraftliner',
  'testliner-1': 'Testliner 1',
  'testliner-2': 'Testliner 2',
  'testliner-3': 'Testliner 3',
  'testliner-4': 'Testliner 4',
  testliner: 'Testliner',
  'white-top-testliner': 'White-top testliner',
  fluting: 'Fluting',
  'semichemical-fluting': 'Semichemical fluting',
  gc1: 'GC1',
  gc2: 'GC2',
  gd2: 'GD2',
  gt1: 'GT1',
  gt2: 'GT2',
  sbs: 'SBS',
  'sack-kraft': 'Sack kraft',
  'mg-kraft': 'MG kraft',
  newsprint: 'Newsprint',
  wfu: 'Woodfree uncoated',
  wfc: 'Woodfree coated',
  greyboard: 'Greyboard',
};

export const FAMILY_LABELS: Readonly<Record<GradeFamily, string>> = {
  'kraft-liner': 'kraftliner',
  'recycled-liner': 'recycled liner',
  medium: 'corrugating medium',
  cartonboard: 'cartonboard',
  'kraft-paper': 'kraft paper',
  graphic: 'graphic paper',
  greyboard: 'greyboard',
};
