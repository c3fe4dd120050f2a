import { createHash, randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { createSql } from '../../db/client.js';
import { loadMigrations, migrate } from '../../db/migrate.js';
import { ADMIN_DATABASE_URL, databaseUrl } from './services.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
    runId: string;
  }
}

/**
 * Builds one migrated template database per set of migrations; every test file then
 * gets its own copy (CREATE DATABASE … TEMPLATE), so files run in parallel apart.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const migrations = await loadMigrations();
  const hash = createHash('sha256').update(migrations.map((m) => m.checksum).join()).digest('hex').slice(0, 12);
  const template = `b2b_template_${hash}`;
  const runId = randomBytes(3).toString('hex');
  const admin = createSql(ADMIN_DATABASE_URL, { max: 1 });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${template}`;
    if (!exists) {
      const building = `${template}_${runId}`;
      await admin.unsafe(`create database "${building}"`);
      const sql = createSql(databaseUrl(building), { max: 1 });
      await migrate(sql);
      await sql.end();
      await admin.unsafe(`alter database "${building}" rename to "${template}"`).catch(async () => {
        await admin.unsafe(`drop database if exists "${building}"`);
      });
    }
  } finally {
    await admin.end();
  }
  project.provide('templateDatabase', template);
  project.provide('runId', runId);
  return async () => {
    const cleanup = createSql(ADMIN_DATABASE_URL, { max: 1 });
    const rows = await cleanup<{ datname: string }[]>`select datname from pg_database where datname like ${`b2b_t_${runId}_%`}`;
    for (const r of rows) await cleanup.unsafe(`drop database if exists "${r.datname}" with (force)`);
    await cleanup.end();
  };
}
