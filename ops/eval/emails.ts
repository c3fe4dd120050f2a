import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { corpusEmailsDir } from '../corpus.js';
import { runCorpus } from './run-corpus.js';
import { FIELDS, summarize, type Summary } from './score.js';

/** A directory of NNN.eml + NNN.json, or a corpus folder holding one in emails/; by default the development corpus. */
function corpusDir(arg: string | undefined): string {
  if (!arg) return corpusEmailsDir();
  const dir = resolve(arg);
  return existsSync(join(dir, 'emails')) ? join(dir, 'emails') : dir;
}

function table(s: Summary, dir: string): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const rows = [
    `corpus     ${dir}`,
    `lines      truth ${s.counts.truth}, parsed ${s.counts.parsed}, matched ${s.counts.matched}`,
    `precision ${pct(s.precision)}`, `recall    ${pct(s.recall)}`, `F1        ${pct(s.f1)}`, '', 'field accuracy on found lines:',
    ...FIELDS.map((f) => `  ${f.padEnd(16)}${pct(s.fields[f])}  (${s.counts.correct[f]}/${s.counts.matched})`),
  ];
  return `${rows.join('\n')}\n`;
}

async function main(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const dir = corpusDir(args.find((a) => !a.startsWith('--')));
  const { results, total } = await runCorpus(dir);
  const summary = summarize(total);
  const errors = results.filter((r) => r.error).map((r) => ({ id: r.id, error: r.error }));
  if (json) process.stdout.write(`${JSON.stringify({ dir, ...summary, errors })}\n`);
  else process.stdout.write(table(summary, dir) + errors.map((e) => `error ${e.id}: ${e.error}\n`).join(''));
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
