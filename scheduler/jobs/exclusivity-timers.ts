import schedule from 'node-schedule';
import type { Sql } from '../../db/client.js';
import { isWindowOpen, openWindowExpiries, type UpcomingExpiry } from '../../db/windows.js';
import type { Config } from '../../actors/common/config.js';
import type { Logger } from '../../actors/common/log.js';
import type { Outbox } from '../../actors/mailbox/outbox.js';
import { expiryKey } from '../../actors/matching/exclusivity-effects.js';
import { expiryNoticeChannel } from '../../actors/matching/exclusivity-shell.js';
import type { Transport } from '../../actors/transport/transport.js';

export interface TimerDeps {
  sql: Sql;
  outbox: Outbox;
  transport: Transport;
  config: Config;
  log: Logger;
}

/**
 * A node-schedule timer per open exclusivity window, so its expiry runs on time. The
 * expiry itself is a mailbox message due at expires_at (written when the window opened),
 * which a worker's sweeper would find within a sweep; at the due time this announces it,
 * so a worker claims it at once, or sends it again where it went missing. The leading
 * scheduler loads the open windows when it starts leading (and when its notice
 * connection comes back), and hears of new ones through PostgreSQL NOTIFY.
 */
export class ExpiryTimers {
  private readonly timers = new Map<string, schedule.Job | NodeJS.Timeout>();
  private listening: { unlisten: () => Promise<void> } | undefined;
  private leading = false;

  constructor(private readonly d: TimerDeps) {}

  /** Follows the leader lock: timers run on the leading scheduler only. */
  setLeading(leading: boolean): Promise<void> {
    this.leading = leading;
    return leading ? this.start() : this.stop();
  }

  get armed(): number {
    return this.timers.size;
  }

  async start(): Promise<void> {
    this.leading = true;
    this.listening ??= await this.d.sql.listen(expiryNoticeChannel(this.d.config), (p) => this.onNotice(p), () => void this.reload());
  }

  async stop(): Promise<void> {
    this.leading = false;
    for (const t of this.timers.values()) cancel(t);
    this.timers.clear();
    const l = this.listening;
    this.listening = undefined;
    await l?.unlisten().catch(() => undefined);
  }

  /** Arms a timer for every open window that has none. */
  async reload(): Promise<void> {
    try {
      const open = await openWindowExpiries(this.d.sql);
      for (const e of open) this.arm(e);
      this.d.log.info({ windows: open.length, armed: this.timers.size }, 'exclusivity timers loaded');
    } catch (err) {
      this.d.log.warn({ err: (err as Error).message }, 'exclusivity timers could not load; the periodic check covers them');
    }
  }

  private onNotice(payload: string): void {
    if (payload === 'reload') return void this.reload();
    for (const e of JSON.parse(payload) as UpcomingExpiry[]) this.arm(e);
  }

  private arm(e: UpcomingExpiry, at = new Date(e.at)): void {
    if (!this.leading || this.timers.has(e.windowId)) return;
    const job = schedule.scheduleJob(at, () => void this.fire(e));
    if (job) this.timers.set(e.windowId, job);
    else void this.fire(e);
  }

  /** At the due time: announce the expiry message, or send it again where it went missing. */
  async fire(e: UpcomingExpiry): Promise<void> {
    this.timers.delete(e.windowId);
    const log = this.d.log.child({ offerId: e.offerId, windowId: e.windowId });
    try {
      if (!(await isWindowOpen(this.d.sql, e.windowId))) return;
      const [row] = await this.d.sql<{ id: string; state: string; wait_ms: number }[]>`
        select id, state, greatest(0, extract(epoch from not_before - now()) * 1000)::int as wait_ms
        from mailbox where actor = 'matching' and dedupe_key = ${expiryKey(e.windowId)}`;
      if (row?.state === 'queued' && row.wait_ms > 0) return this.retryIn(e, row.wait_ms + 20);
      if (row?.state === 'queued') return this.announce(row.id, e, log);
      if (row?.state === 'in_flight') return;
      const sent = await this.d.outbox.send('matching', 'expireWindow', { offerId: e.offerId, windowId: e.windowId },
        { key: e.offerId, dedupeKey: `${expiryKey(e.windowId)}:timer:${e.at}`, origin: 'scheduler' });
      if (!sent.created) this.announce(sent.id, e, log);
      log.warn({ msgId: sent.id, previous: row?.state ?? 'missing' }, 'expiry message sent again');
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'expiry timer failed; retrying');
      this.retryIn(e, 1_000);
    }
  }

  private announce(id: string, e: UpcomingExpiry, log: Logger): void {
    this.d.transport.notify('matching', [{ id, key: e.offerId }]);
    log.info({ msgId: id }, 'expiry announced');
  }

  /** The database's clock is behind ours, or it failed: try again shortly. */
  private retryIn(e: UpcomingExpiry, ms: number): void {
    if (!this.leading) return;
    const t = setTimeout(() => void this.fire(e), ms);
    this.timers.set(e.windowId, t);
  }
}

function cancel(t: schedule.Job | NodeJS.Timeout): void {
  if (t instanceof schedule.Job) t.cancel();
  else clearTimeout(t);
}
