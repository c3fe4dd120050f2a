import type { Grade } from '../../domain/grades.js';
import { fold } from './fold.js';
import { CASE_SENSITIVE, GRADE_SYNONYMS, UNCODED_GRADES } from './grade-synonyms.js';

export interface GradeHit { grade: Grade; priority: number; start: number; end: number }
interface Entry { grade: Grade; priority: number; upper: boolean }

/**
 * Names are matched word by word, not by one giant regex: the words of a line are
 * folded (case, accents, ß) and runs of up to five words joined only by spaces or
 * hyphens are looked up whole, so "TL3", "TL-3" and "tl 3" all find "tl 3".
 */
const MAX_WORDS = 5;
const names = new Map<string, Entry>();
for (const [grade, priority, phrases] of GRADE_SYNONYMS) {
  for (const phrase of phrases) names.set(key(phrase), { grade, priority, upper: CASE_SENSITIVE.has(phrase) });
}
const uncoded = new Set(UNCODED_GRADES.map(key));

function key(phrase: string): string {
  return fold(phrase).replace(/[^a-z0-9]+/g, '');
}

interface Word { text: string; folded: string; start: number; end: number }

function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    out.push({ text: m[0], folded: fold(m[0]).replace(/[^a-z0-9]/g, ''), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Every grade name in the text, with its place; the longest name at each place wins. */
export function findGrades(text: string): GradeHit[] {
  const words = wordsOf(text);
  const hits: GradeHit[] = [];
  for (let i = 0; i < words.length; i++) {
    const found = longestAt(text, words, i);
    if (!found) continue;
    hits.push({ grade: found.entry.grade, priority: found.entry.priority, start: words[i]!.start, end: words[found.last]!.end });
    i = found.last;
  }
  return hits;
}

function longestAt(text: string, words: Word[], i: number): { entry: Entry; last: number } | null {
  const runs: string[] = [];
  let joined = '';
  for (let j = i; j < Math.min(words.length, i + MAX_WORDS); j++) {
    if (j > i && !/^[\s\u00a0-]*$/.test(text.slice(words[j - 1]!.end, words[j]!.start))) break;
    joined += words[j]!.folded;
    runs.push(joined);
  }
  for (let j = runs.length - 1; j >= 0; j--) {
    const entry = names.get(runs[j]!);
    if (!entry) continue;
    if (entry.upper && text.slice(words[i]!.start, words[i + j]!.end) !== text.slice(words[i]!.start, words[i + j]!.end).toUpperCase()) continue;
    return { entry, last: i + j };
  }
  return null;
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
  const words = wordsOf(text);
  return words.some((w, i) => uncoded.has(w.folded) || (i + 1 < words.length && uncoded.has(w.folded + words[i + 1]!.folded)));
}
