import type { Sql } from '../../db/client.js';
import { claimByIds, claimDue, type MailboxRow } from '../../db/mailbox.js';
import type { Logger } from '../common/log.js';
import type { Notice } from '../transport/transport.js';

export interface IntakeOptions {
  sql: Sql;
  actor: string;
  owner: string;
  leaseMs: number;
  graceMs: number;
  /** Bound on messages held in memory; above it nothing more is claimed. */
  inflight: number;
  deliver: (row: MailboxRow) => void;
  log: Logger;
}

/**
 * Claims an actor's messages: those announced on the wire, by id; and, in backlog mode
 * (at start, after notices were dropped, after a pause), the oldest due rows straight from
 * PostgreSQL. Never holds more than `inflight` rows: the rest wait, durably, in the table.
 */
export class Intake {
  readonly held = new Map<string, MailboxRow>();
  private pending: string[] = [];
  private backlog = true;
  private sweepDue = false;
  private pumping = false;
  private again = false;
  private pausedReason: string | null = null;
  private stopped = false;

  constructor(private readonly o: IntakeOptions) {}

  get paused(): string | null {
    return this.pausedReason;
  }

  get pendingNotices(): number {
    return this.pending.length;
  }

  onNotices(notices: Notice[]): void {
    if (this.stopped) return;
    if (this.pausedReason !== null || this.pending.length + notices.length > this.o.inflight * 4) {
      // Dropping notices is safe: the rows are in the table and backlog mode reads them from there.
      this.backlog = true;
    } else {
      for (const n of notices) this.pending.push(n.id);
    }
    this.pump();
  }

  /** Periodic: pick up what the wire missed. */
  sweep(): void {
    this.sweepDue = true;
    this.pump();
  }

  finished(id: string): void {
    this.held.delete(id);
    if (this.pending.length > 0 || this.backlog) this.pump();
  }

  pause(reason: string): void {
    this.pausedReason = reason;
    this.pending = [];
    this.backlog = true;
  }

  resume(): void {
    this.pausedReason = null;
    this.backlog = true;
    this.pump();
  }

  stop(): void {
    this.stopped = true;
    this.pending = [];
  }

  private free(): number {
    return this.o.inflight - this.held.size;
  }

  private pump(): void {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    void this.claimLoop().finally(() => { this.pumping = false; });
  }

  private async claimLoop(): Promise<void> {
    try {
      do {
        this.again = false;
        while (!this.stopped && this.pausedReason === null && this.free() > 0) {
          const rows = await this.claimNext(this.free());
          if (rows === null) break;
          this.accept(rows);
        }
      } while (this.again && !this.stopped);
    } catch (err) {
      this.backlog = true;
      this.o.log.warn({ actor: this.o.actor, err: (err as Error).message }, 'claim failed; retrying on the next sweep');
    }
  }

  private async claimNext(limit: number): Promise<MailboxRow[] | null> {
    const { sql, actor, owner, leaseMs } = this.o;
    if (this.pending.length > 0) {
      const ids = this.pending.splice(0, limit);
      return sortRows(await claimByIds(sql, actor, ids, owner, leaseMs));
    }
    if (this.backlog || this.sweepDue) {
      const grace = this.backlog ? 0 : this.o.graceMs;
      this.sweepDue = false;
      const rows = await claimDue(sql, actor, limit, owner, leaseMs, grace);
      this.backlog = rows.length === limit;
      return rows.length > 0 ? rows : null;
    }
    return null;
  }

  private accept(rows: MailboxRow[]): void {
    for (const row of rows) this.held.set(row.id, row);
    for (const row of rows) {
      if (this.stopped) return;
      this.o.deliver(row);
    }
  }
}

function sortRows(rows: MailboxRow[]): MailboxRow[] {
  return rows.sort((a, b) => a.not_before.getTime() - b.not_before.getTime() || (a.id < b.id ? -1 : 1));
}
