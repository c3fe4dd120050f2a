import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createSql, type Sql } from '../../db/client.js';
import { ADMIN_DATABASE_URL, databaseUrl } from './services.js';

export interface TestDatabase {
  name: string;
  url: string;
  sql: Sql;
  drop(): Promise<void>;
}

/** A fresh, migrated database of this test's own. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `b2b_t_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const admin = createSql(ADMIN_DATABASE_URL, { max: 1 });
  try {
    await admin.unsafe(`create database "${name}" template "${inject('templateDatabase')}"`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(name);
  const sql = createSql(url, { max: 10 });
  return {
    name, url, sql,
    drop: async () => {
      await sql.end({ timeout: 1 });
      const a = createSql(ADMIN_DATABASE_URL, { max: 1 });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}
