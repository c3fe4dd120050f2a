import { parseArgs } from 'node:util';
import { createSql } from '../../db/client.js';
import { loadDatabaseUrl } from '../../actors/common/config.js';
import { actors, pause, resume, workers } from './commands/actors.js';
import { audit } from './commands/audit.js';
import { cancel, purge, retry, retryAll } from './commands/dead-letters.js';
import { createKey, listKeys, revokeKey } from './commands/keys.js';
import { mailbox, message } from './commands/mailbox.js';
import type { Command, CommandContext } from './context.js';

/** `npm run ops -- COMMAND …`: the operator CLI. Tables for people, `--json` for scripts. */
const COMMANDS: Record<string, Command> = {
  'create-key': createKey,
  keys: listKeys,
  'revoke-key': revokeKey,
  actors,
  workers,
  mailbox,
  message,
  retry,
  'retry-all': retryAll,
  cancel,
  purge,
  pause,
  resume,
  audit,
};

function help(): string {
  const width = Math.max(...Object.values(COMMANDS).map((c) => c.usage.length));
  return ['usage: npm run -s ops -- COMMAND [options] [--json]', '', ...Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`)].join('\n');
}

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`${help()}\n`);
    return name ? 2 : 0;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, strict: true, allowPositionals: true, options: { ...command.options, json: { type: 'boolean' } } });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\nusage: ${command.usage}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const sql = createSql(loadDatabaseUrl(), { max: 2, applicationName: 'ops-cli' });
  try {
    const code = await command.run({
      sql, args: positionals, flags: values as CommandContext['flags'], json: values.json === true,
      out: (line) => process.stdout.write(`${line}\n`),
    });
    return code ?? 0;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    process.stderr.write(`${typeof code === 'string' && code.startsWith('B2B_') ? `${code}: ` : ''}${(err as Error).message}\n`);
    return 1;
  } finally {
    await sql.end();
  }
}

process.exitCode = await main();
