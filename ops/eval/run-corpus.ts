import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { extractOffers } from '../../actors/ingestion/extract/index.js';
import { readEmail } from '../../actors/ingestion/extract/read-email.js';
import { addCounts, emptyCounts, scoreEmail, type EmailScore, type Line } from './score.js';

export interface EmailResult { id: string; score: EmailScore; unparsed: string[]; error?: string }

/** Runs the extractor over a directory of NNN.eml + NNN.json pairs (mill country unknown, as in the CLI). */
export async function runCorpus(dir: string): Promise<{ results: EmailResult[]; total: ReturnType<typeof emptyCounts> }> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.eml')).sort();
  const results: EmailResult[] = [];
  const total = emptyCounts();
  for (const name of names) {
    const id = name.replace(/\.eml$/, '');
    const truth = JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')) as { offers: Line[] };
    const { parsed, unparsed, error } = await parseOne(join(dir, name));
    const score = scoreEmail(parsed, truth.offers);
    addCounts(total, score);
    results.push({ id, score, unparsed, ...(error ? { error } : {}) });
  }
  return { results, total };
}

async function parseOne(path: string): Promise<{ parsed: Line[]; unparsed: string[]; error?: string }> {
  try {
    const email = await readEmail(await readFile(path));
    const r = await extractOffers(email, { millCountry: null });
    return { parsed: r.lines.map((l) => l.offer), unparsed: r.unparsed };
  } catch (err) {
    return { parsed: [], unparsed: [], error: err instanceof Error ? err.message : String(err) };
  }
}
