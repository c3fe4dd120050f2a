import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql } from './client.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** db/migrations in the source tree; the compiled file sits two levels deeper, in dist/db. */
export function migrationsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const fromDist = resolve(here, '../../db/migrations');
  return here.includes(`${join('dist', 'db')}`) ? fromDist : resolve(here, 'migrations');
}

export async function loadMigrations(dir = migrationsDir()): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{3,}_[\w-]+\.sql$/.test(f)).sort();
  const migrations = await Promise.all(files.map(async (file) => {
    const text = await readFile(join(dir, file), 'utf8');
    return {
      version: Number(file.split('_')[0]),
      name: file.replace(/\.sql$/, ''),
      sql: text,
      checksum: createHash('sha256').update(text).digest('hex'),
    };
  }));
  const seen = new Set<number>();
  for (const m of migrations) {
    if (seen.has(m.version)) throw new Error(`two migrations share version ${m.version}`);
    seen.add(m.version);
  }
  return migrations;
}

const LOCK_KEY = 'b2bpaper:migrations';

/**
 * Applies pending migrations in order, each in its own transaction, under an advisory
 * lock so that two processes starting together do not race. An applied migration whose
 * file changed since is an error: history is not rewritten silently.
 */
export async function migrate(sql: Sql, dir = migrationsDir()): Promise<string[]> {
  const migrations = await loadMigrations(dir);
  const conn = await sql.reserve();
  try {
    await conn`select pg_advisory_lock(hashtext(${LOCK_KEY}))`;
    await conn`create table if not exists schema_migrations (
      version integer primary key, name text not null, checksum text not null,
      applied_at timestamptz not null default now())`;
    const applied = new Map((await conn<{ version: number; checksum: string; name: string }[]>`
      select version, checksum, name from schema_migrations`).map((r) => [r.version, r]));
    const done: string[] = [];
    for (const m of migrations) {
      const prior = applied.get(m.version);
      if (prior) {
        if (prior.checksum !== m.checksum) {
          throw new Error(`migration ${m.name} was changed after it was applied (checksum mismatch)`);
        }
        continue;
      }
      await conn.unsafe('begin');
      try {
        await conn.unsafe(m.sql);
        await conn`insert into schema_migrations (version, name, checksum) values (${m.version}, ${m.name}, ${m.checksum})`;
        await conn.unsafe('commit');
      } catch (err) {
        await conn.unsafe('rollback');
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
      done.push(m.name);
    }
    return done;
  } finally {
    await conn`select pg_advisory_unlock(hashtext(${LOCK_KEY}))`.catch(() => undefined);
    conn.release();
  }
}
