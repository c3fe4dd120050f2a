import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractOffers } from '../../actors/ingestion/extract/index.js';
import { parseMime } from '../../actors/ingestion/mime.js';
import type { BenchFigure } from './figure.js';
import { corpusEmailsDir } from '../corpus.js';

const MIN_MS = 1500;

/** E-mails per second, parseMime + extractOffers, single core: plain-text e-mails, and all corpus e-mails. */
export async function run(): Promise<BenchFigure[]> {
  const dir = corpusEmailsDir();
  const names = (await readdir(dir)).filter((n) => n.endsWith('.eml')).sort();
  const raws = await Promise.all(names.map((n) => readFile(join(dir, n))));
  const text: Buffer[] = [];
  for (const raw of raws) {
    const email = await parseMime(raw);
    if (!email.html && email.attachments.length === 0) text.push(raw);
  }
  return [
    { bench: 'extract.emails_per_s.text', value: await rate(text), unit: 'emails/s' },
    { bench: 'extract.emails_per_s.all', value: await rate(raws), unit: 'emails/s' },
  ];
}

async function rate(raws: Buffer[]): Promise<number> {
  if (raws.length === 0) return 0;
  for (const raw of raws) await extractOffers(await parseMime(raw), { millCountry: null });
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < MIN_MS) {
    for (const raw of raws) await extractOffers(await parseMime(raw), { millCountry: null });
    n += raws.length;
  }
  return Math.round((n / (performance.now() - start)) * 1000);
}
