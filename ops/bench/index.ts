import type { BenchFigure } from './figure.js';

/**
 * `npm run bench`: every benchmark of the system, one after the other (they share two
 * cores; running them together would measure the contention). `--json` prints one figure
 * per line; `--only NAME[,NAME]` runs a subset.
 */
const BENCHES: Record<string, () => Promise<{ run: () => Promise<BenchFigure[]> }>> = {
  mailbox: () => import('./mailbox.js'),
  amqp: () => import('./amqp.js'),
  extract: () => import('./extract.js'),
  ingest: () => import('./ingest.js'),
  newsletter: () => import('./newsletter.js'),
  matching: () => import('./matching.js'),
  containers: () => import('./containers.js'),
  'container-api': () => import('./container-api.js'),
  ops: () => import('./ops.js'),
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',')) : undefined;
  const figures: BenchFigure[] = [];
  for (const [name, load] of Object.entries(BENCHES)) {
    if (only && !only.has(name)) continue;
    if (!json) process.stderr.write(`running ${name}…\n`);
    const results = await (await load()).run();
    for (const f of results) {
      figures.push(f);
      if (json) process.stdout.write(`${JSON.stringify(f)}\n`);
    }
  }
  if (!json) {
    const width = Math.max(5, ...figures.map((f) => f.bench.length));
    process.stdout.write(`${'bench'.padEnd(width)}  ${'value'.padStart(12)}  unit\n`);
    for (const f of figures) process.stdout.write(`${f.bench.padEnd(width)}  ${String(round(f.value)).padStart(12)}  ${f.unit}\n`);
  }
}

function round(v: number): number {
  return Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 1000) / 1000;
}

main().then(() => process.exit(0), (err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
