import { createSql } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { loadDatabaseUrl } from '../actors/common/config.js';

/** `npm run migrate`: applies pending migrations to DATABASE_URL. */
const sql = createSql(loadDatabaseUrl(), { max: 1, applicationName: 'migrate' });
try {
  const applied = await migrate(sql);
  process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'up to date\n');
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await sql.end();
}
