import type { Grade } from '../../domain/grades.js';
import { alternation, compact } from './fold.js';
import { CASE_SENSITIVE, GRADE_SYNONYMS, UNCODED_GRADES } from './grade-synonyms.js';

export interface GradeHit { grade: Grade; priority: number; start: number; end: number }

const lookup = new Map<string, { grade: Grade; priority: number }>();
const loose: string[] = [];
const strict: string[] = [];
for (const [grade, priority, phrases] of GRADE_SYNONYMS) {
  for (const phrase of phrases) {
    lookup.set(compact(phrase), { grade, priority });
    (CASE_SENSITIVE.has(phrase) ? strict : loose).push(phrase);
  }
}

const EDGE_L = '(?<![\\p{L}\\p{N}])';
const EDGE_R = '(?![\\p{L}\\p{N}])';
const LOOSE_RE = new RegExp(`${EDGE_L}(?:${alternation(loose)})${EDGE_R}`, 'giu');
const STRICT_RE = new RegExp(`${EDGE_L}(?:${strict.map((p) => p.toUpperCase().replace(/ /g, '[\\s-]?')).join('|')})${EDGE_R}`, 'gu');
const UNCODED_RE = new RegExp(`${EDGE_L}(?:${alternation(UNCODED_GRADES)})${EDGE_R}`, 'iu');

/** Every grade name in the text, with its place; overlapping names keep the longer. */
export function findGrades(text: string): GradeHit[] {
  const hits = [...collect(text, LOOSE_RE), ...collect(text, STRICT_RE)];
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: GradeHit[] = [];
  for (const h of hits) {
    const last = kept[kept.length - 1];
    if (last && h.start < last.end) continue;
    kept.push(h);
  }
  return kept;
}

function collect(text: string, re: RegExp): GradeHit[] {
  const out: GradeHit[] = [];
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) {
    const found = lookup.get(compact(m[0]));
    if (found) out.push({ ...found, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The one grade a run of names means ("Duplex Board Grey Back (GD2)"), or null when they disagree. */
export function decideGrade(hits: readonly GradeHit[]): Grade | null {
  if (hits.length === 0) return null;
  const top = Math.max(...hits.map((h) => h.priority));
  const grades = new Set(hits.filter((h) => h.priority === top).map((h) => h.grade));
  if (grades.size === 1) return [...grades][0]!;
  return null;
}

export function distinctGrades(hits: readonly GradeHit[]): Grade[] {
  return [...new Set(hits.map((h) => h.grade))];
}

export function mentionsUncodedGrade(text: string): boolean {
  return UNCODED_RE.test(text);
}
