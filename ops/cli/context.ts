import type { Sql } from '../../db/client.js';

/** What an operator command gets: the database, its arguments, and where to write. */
export interface CommandContext {
  sql: Sql;
  args: string[];
  flags: Record<string, string | boolean | undefined>;
  json: boolean;
  out: (line: string) => void;
}

export interface Command {
  usage: string;
  summary: string;
  /** The command's --flags (`--json` is every command's); an unknown flag is an error. */
  options?: Record<string, { type: 'string' | 'boolean' }>;
  run(ctx: CommandContext): Promise<number | void>;
}

/** A readable table for a terminal: columns sized to their widest cell. */
export function table(rows: Record<string, unknown>[], columns?: string[]): string {
  if (rows.length === 0) return '(none)';
  const cols = columns ?? Object.keys(rows[0] as object);
  const cell = (v: unknown) => (v === null || v === undefined ? '-' : v instanceof Date ? v.toISOString() : String(v));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i] as number)).join('  ').trimEnd();
  return [line(cols), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join('\n');
}
