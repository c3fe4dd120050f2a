import { CORPUS_DIR } from '../support/fixtures.js';
import { describe, expect, it } from 'vitest';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCorpus } from '../../ops/eval/run-corpus.js';
import { FIELDS, summarize } from '../../ops/eval/score.js';

const here = dirname(fileURLToPath(import.meta.url));
const CORPUS = fileURLToPath(CORPUS_DIR);
const HELD_OUT = join(here, '..', 'fixtures', 'emails');

describe('extractor on the development corpus', () => {
  it('keeps F1 and every field accuracy at or above 0.97', async () => {
    const { results, total } = await runCorpus(CORPUS);
    const s = summarize(total);
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(s.counts.truth).toBe(157);
    expect(s.f1).toBeGreaterThanOrEqual(0.97);
    const low = FIELDS.filter((f) => s.fields[f] < 0.97).map((f) => [f, s.fields[f], results.flatMap((r) => r.score.mismatches.filter((m) => m.field === f).map((m) => `${r.id} ${m.key}`))]);
    expect(low).toEqual([]);
  });
});

describe('extractor on the held-out e-mails', () => {
  it('keeps F1 and every field accuracy at or above 0.97', async () => {
    const { results, total } = await runCorpus(HELD_OUT);
    const s = summarize(total);
    expect(results.length).toBeGreaterThanOrEqual(12);
    expect(results.filter((r) => r.error)).toEqual([]);
    expect(s.f1).toBeGreaterThanOrEqual(0.97);
    expect(FIELDS.filter((f) => s.fields[f] < 0.97)).toEqual([]);
  });

  it('finds no offer in the out-of-office reply and the buyer inquiry', async () => {
    const { results } = await runCorpus(HELD_OUT);
    for (const id of ['h013', 'h014']) expect(results.find((r) => r.id === id)?.score.parsed).toBe(0);
  });
});
