import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCorpus } from './run-corpus.js';
import { FIELDS, summarize, type Summary } from './score.js';

/** The repository root: the directory above dist/ when compiled, above ops/ when run from source. */
function repoRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const up = resolve(here, '..', '..');
  return up.endsWith('dist') ? dirname(up) : up;
}

function corpusDir(arg: string | undefined): string {
  const dir = arg ? resolve(arg) : join(repoRoot(), '..', 'shared', 'corpus');
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
