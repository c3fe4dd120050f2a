import postgres from 'postgres';

export type Sql = postgres.Sql<Record<string, unknown>>;
export type TxSql = postgres.TransactionSql<Record<string, unknown>>;
/** Functions in db/ take this first, so they run inside or outside a transaction. */
export type Db = Sql | TxSql;

export interface DbOptions {
  max?: number;
  /** Shown in pg_stat_activity, so an operator can tell the processes apart. */
  applicationName?: string;
  /**
   * false: commits return before the WAL reaches the disk (synchronous_commit = off). A
   * crash of PostgreSQL can then lose the last fraction of a second of such commits, never
   * corrupt anything. Only for writes whose loss is harmless (see the worker).
   */
  synchronousCommit?: boolean;
}

export function createSql(url: string, options: DbOptions = {}): Sql {
  return postgres(url, {
    max: options.max ?? 10,
    idle_timeout: 30,
    connect_timeout: 10,
    onnotice: () => {},
    connection: {
      application_name: options.applicationName ?? 'b2bpaper',
      ...(options.synchronousCommit === false ? { synchronous_commit: 'off' } : {}),
    },
    transform: { undefined: null },
  });
}

/** True when PostgreSQL answers a trivial query within the time limit. */
export async function pingDb(sql: Sql, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs); });
  try {
    return await Promise.race([sql`select 1`.then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** SQLSTATE codes we expect and turn into our own codes. */
export const PG = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
} as const;

export function isPgError(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}
