import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSql, type Sql } from '../../db/client.js';
import { migrate } from '../../db/migrate.js';
import { ADMIN_DATABASE_URL, databaseUrl } from '../support/services.js';

let name: string;
let sql: Sql;
let dir: string;
beforeEach(async () => {
  name = `b2b_migrate_${Math.random().toString(16).slice(2, 10)}`;
  const admin = createSql(ADMIN_DATABASE_URL, { max: 1 });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  sql = createSql(databaseUrl(name), { max: 4 });
  dir = mkdtempSync(join(tmpdir(), 'b2b-migrations-'));
  writeFileSync(join(dir, '001_one.sql'), 'create table one (id int);');
  writeFileSync(join(dir, '002_two.sql'), 'create table two (id int);');
});
afterEach(async () => {
  await sql.end();
  const admin = createSql(ADMIN_DATABASE_URL, { max: 1 });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
});

describe('migrations', () => {
  it('applies pending files in order, once, even when two processes start together', async () => {
    const other = createSql(databaseUrl(name), { max: 2 });
    const [a, b] = await Promise.all([migrate(sql, dir), migrate(other, dir)]);
    await other.end();
    expect([...a, ...b].sort()).toEqual(['001_one', '002_two']);
    writeFileSync(join(dir, '003_three.sql'), 'create table three (id int);');
    expect(await migrate(sql, dir)).toEqual(['003_three']);
    const rows = await sql`select version, name from schema_migrations order by version`;
    expect(rows.map((r) => r.name)).toEqual(['001_one', '002_two', '003_three']);
  });

  it('refuses an applied migration that was changed since', async () => {
    await migrate(sql, dir);
    writeFileSync(join(dir, '002_two.sql'), 'create table two (id bigint);');
    await expect(migrate(sql, dir)).rejects.toThrow(/002_two was changed after it was applied/);
  });

  it('rolls back a failing migration and records nothing of it', async () => {
    writeFileSync(join(dir, '003_bad.sql'), 'create table three (id int); select no_such_function();');
    await expect(migrate(sql, dir)).rejects.toThrow(/003_bad failed/);
    const [t] = await sql`select to_regclass('three') as t`;
    expect(t?.t).toBeNull();
    expect((await sql`select name from schema_migrations`).map((r) => r.name)).toEqual(['001_one', '002_two']);
  });

  it('applies the real migrations from an empty database', async () => {
    const applied = await migrate(sql);
    expect(applied[0]).toBe('001_mailbox');
    expect(await migrate(sql)).toEqual([]);
  });
});
