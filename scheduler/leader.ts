import type { ReservedSql } from 'postgres';
import type { Sql } from '../db/client.js';
import type { Logger } from '../actors/common/log.js';

/**
 * One active scheduler at a time: the leader holds a session-level advisory lock on a
 * connection of its own. Others stay passive and try again; when the leader's connection
 * dies, PostgreSQL drops the lock and another takes over. Firings are also keyed in the
 * database, so even two leaders for a moment would not fire a job twice.
 */
export class LeaderLock {
  private conn: ReservedSql | undefined;
  private timer: NodeJS.Timeout | undefined;
  private leading = false;

  constructor(
    private readonly sql: Sql,
    private readonly lockName: string,
    private readonly log: Logger,
    private readonly retryMs = 2_000,
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  async start(onChange: (leading: boolean) => void): Promise<void> {
    const attempt = async () => {
      const was = this.leading;
      this.leading = await this.tryLead();
      if (was !== this.leading) {
        this.log.info({ leading: this.leading }, this.leading ? 'scheduler is the leader' : 'scheduler is passive');
        onChange(this.leading);
      }
    };
    await attempt();
    this.timer = setInterval(() => void attempt(), this.retryMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    if (this.conn) {
      await this.conn`select pg_advisory_unlock(hashtext(${this.lockName}))`.catch(() => undefined);
      this.conn.release();
      this.conn = undefined;
    }
    this.leading = false;
  }

  private async tryLead(): Promise<boolean> {
    try {
      if (this.conn && this.leading) {
        await this.conn`select 1`;
        return true;
      }
      this.conn ??= await this.sql.reserve();
      const [row] = await this.conn<{ locked: boolean }[]>`select pg_try_advisory_lock(hashtext(${this.lockName})) as locked`;
      return row?.locked === true;
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'leader check failed');
      this.conn?.release();
      this.conn = undefined;
      return false;
    }
  }
}
