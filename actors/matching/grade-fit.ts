import { gradeFamily, type Grade } from '../domain/grades.js';
import { FAMILY_LABELS, GRADE_LABELS } from './grade-labels.js';
import { excluded, fits, type FactorResult } from './reason.js';

/** Testliner qualities, 1 the best: a better quality substitutes upward more readily. */
const TESTLINER_QUALITY: Partial<Record<Grade, number>> = {
  'testliner-1': 1, 'testliner-2': 2, 'testliner-3': 3, 'testliner-4': 4,
};

/** Sub-scores within one family; outside the family there is no match. */
export const GRADE_SCORES = { exact: 1, better: 0.7, unstated: 0.6, substitute: 0.5, worse: 0.4 } as const;

/** null when the two grades are in different families. */
function compare(offered: Grade, wanted: Grade): FactorResult | null {
  const [o, w] = [GRADE_LABELS[offered], GRADE_LABELS[wanted]];
  if (offered === wanted) return fits(GRADE_SCORES.exact, `${o} is the grade you asked for.`);
  const family = gradeFamily(offered);
  if (family !== gradeFamily(wanted)) return null;
  const [qo, qw] = [TESTLINER_QUALITY[offered], TESTLINER_QUALITY[wanted]];
  if (qo !== undefined && qw !== undefined) {
    return qo < qw
      ? fits(GRADE_SCORES.better, `${o} instead of your ${w}: a better quality of the same liner.`)
      : fits(GRADE_SCORES.worse, `${o} instead of your ${w}: a lower quality of the same liner.`);
  }
  if (offered === 'testliner' || wanted === 'testliner') {
    return fits(GRADE_SCORES.unstated, `${o} for your ${w}: testliner quality to confirm with the mill.`);
  }
  return fits(GRADE_SCORES.substitute, `${o} instead of your ${w}: a substitute within ${FAMILY_LABELS[family]}.`);
}

/** The best fit of the offered grade against any grade the buyer asked for. */
export function gradeFit(offered: Grade, wanted: readonly Grade[]): FactorResult {
  const related = wanted.map((w) => compare(offered, w)).filter((r) => r !== null);
  const asked = wanted.map((w) => GRADE_LABELS[w]).join(', ');
  const none = excluded(`${GRADE_LABELS[offered]} is not what you asked for (${asked}), nor a substitute for it.`);
  return related.reduce((best, r) => (r.score > best.score ? r : best), none);
}
