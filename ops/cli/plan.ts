import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { toErrorShape } from '../../actors/common/errors.js';
import { planContainers } from '../../actors/container/plan/index.js';
import type { PlanInputJson } from '../../actors/container/plan/schema.js';

/**
 * `npm run -s plan -- FILE.json`: prints the container plan for the reels and boxes in FILE
 * as JSON. Input that cannot be planned (unreadable, not JSON, failing the schema, unknown
 * box types) is a message on stderr and exit code 2; a planner bug is exit code 1.
 */

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  read(file: string): Promise<string>;
}

const USAGE = 'usage: npm run -s plan -- FILE.json\n';

async function readInput(file: string, io: CliIo): Promise<unknown> {
  const text = await io.read(file);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`not JSON: ${(err as Error).message}`);
  }
}

export async function runPlanCli(args: readonly string[], io: CliIo): Promise<number> {
  const [file, ...rest] = args;
  if (!file || rest.length > 0) {
    io.err(USAGE);
    return 2;
  }
  let input: unknown;
  try {
    input = await readInput(file, io);
  } catch (err) {
    io.err(`${file}: ${(err as Error).message}\n`);
    return 2;
  }
  try {
    io.out(`${JSON.stringify(planContainers(input as PlanInputJson), null, 2)}\n`);
    return 0;
  } catch (err) {
    const e = toErrorShape(err);
    io.err(`${file}: ${e.code}: ${e.message}\n`);
    return e.code === 'B2B_PLAN_INPUT_INVALID' ? 2 : 1;
  }
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  read: (file) => readFile(file, 'utf8'),
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await runPlanCli(process.argv.slice(2), processIo);
}
