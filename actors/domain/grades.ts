import { z } from 'zod';

/** The grade codes of DOMAIN.md, grouped in the families a trader substitutes within. */
export const GRADE_FAMILIES = {
  'kraft-liner': ['kraftliner', 'white-top-kraftliner'],
  'recycled-liner': ['testliner-1', 'testliner-2', 'testliner-3', 'testliner-4', 'testliner', 'white-top-testliner'],
  medium: ['fluting', 'semichemical-fluting'],
  cartonboard: ['gc1', 'gc2', 'gd2', 'gt1', 'gt2', 'sbs'],
  'kraft-paper': ['sack-kraft', 'mg-kraft'],
  graphic: ['newsprint', 'wfu', 'wfc'],
  greyboard: ['greyboard'],
} as const;

export type GradeFamily = keyof typeof GRADE_FAMILIES;

export const GRADES = [
  'kraftliner', 'white-top-kraftliner',
  'testliner-1', 'testliner-2', 'testliner-3', 'testliner-4', 'testliner', 'white-top-testliner',
  'fluting', 'semichemical-fluting',
  'gc1', 'gc2', 'gd2', 'gt1', 'gt2', 'sbs',
  'sack-kraft', 'mg-kraft',
  'newsprint', 'wfu', 'wfc',
  'greyboard',
] as const;

export const Grade = z.enum(GRADES);
export type Grade = z.infer<typeof Grade>;

const familyOf = new Map<Grade, GradeFamily>(
  Object.entries(GRADE_FAMILIES).flatMap(([family, grades]) =>
    grades.map((g) => [g as Grade, family as GradeFamily] as const)),
);

export function gradeFamily(grade: Grade): GradeFamily {
  const family = familyOf.get(grade);
  if (!family) throw new Error(`grade without a family: ${grade}`);
  return family;
}
