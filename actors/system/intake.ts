import type { Sql } from '../../db/client.js';
import { claimByIds, claimDue, type MailboxRow } from '../../db/mailbox.js';
import { existingMessageIds } from '../../db/mailbox-presence.js';
import type { Logger } from '../common/log.js';
import type { Notice, NoticeOutcome } from '../transport/transport.js';

export interface IntakeOptions {
  sql: Sql;
  actor: string;
  owner: string;
  leaseMs: number;
  graceMs: number;
  /** Grace in backlog mode: 0 on Redis (notices may be gone); the wire's own on AMQP (they wait in the queue). */
  backlogGraceMs?: number;
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
  /** Notices of an at-least-once wire, acknowledged once their row is settled. */
  private readonly receipts = new Map<string, NonNullable<Notice['settle']>>();
  private backlog = true;
  private sweepDue = false;
  private pumping = false;
  private again = false;
  private pausedReason: string | null = null;
  private stopped = false;
  private claiming: string[] = [];

  constructor(private readonly o: IntakeOptions) {}

  get paused(): string | null {
    return this.pausedReason;
  }

  get pendingNotices(): number {
    return this.pending.length;
  }

  onNotices(notices: Notice[]): void {
    // A stopping worker leaves new notices unsettled: closing the wire hands them to another worker.
    if (this.stopped) return;
    // While paused, a wire that redelivers keeps its notices, unacknowledged, for the resume.
    const kept = this.pausedReason === null ? notices : notices.filter((n) => n.settle);
    // Dropping notices is safe: the rows are in the table and backlog mode reads them from there.
    if (kept.length < notices.length) this.backlog = true;
    if (this.pending.length + kept.length > this.o.inflight * 4) {
      this.backlog = true;
      for (const n of kept) n.settle?.('settled');
    } else {
      for (const n of kept) this.track(n);
    }
    this.pump();
  }

  /** The row's fate is written: acknowledge (or hand back) the notice that announced it. */
  settled(id: string, outcome: NoticeOutcome): void {
    const settle = this.receipts.get(id);
    if (!settle) return;
    this.receipts.delete(id);
    settle(outcome);
  }

  /** Hands back every notice still unsettled (a stopping worker, after releasing its rows). */
  settleRemaining(outcome: NoticeOutcome): void {
    for (const id of [...this.receipts.keys()]) this.settled(id, outcome);
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
    // Notices of an at-least-once wire stay, unacknowledged: on resume they are claimed in order.
    this.pending = this.pending.filter((id) => this.receipts.has(id));
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

  private track(n: Notice): void {
    this.pending.push(n.id);
    if (!n.settle) return;
    // A second notice of one row: one is enough.
    this.receipts.get(n.id)?.('settled');
    this.receipts.set(n.id, n.settle);
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
      this.keepClaiming();
      this.o.log.warn({ actor: this.o.actor, err: (err as Error).message }, 'claim failed; retrying on the next sweep');
    }
  }

  private async claimNext(limit: number): Promise<MailboxRow[] | null> {
    const { sql, actor, owner, leaseMs } = this.o;
    if (this.pending.length > 0) {
      this.claiming = this.pending.splice(0, limit);
      const rows = await claimByIds(sql, actor, this.claiming, owner, leaseMs);
      await this.settleUnclaimed(this.claiming, rows);
      this.claiming = [];
      return sortRows(rows);
    }
    if (this.backlog || this.sweepDue) {
      const grace = this.backlog ? this.o.backlogGraceMs ?? 0 : this.o.graceMs;
      this.sweepDue = false;
      const rows = await claimDue(sql, actor, limit, owner, leaseMs, grace);
      this.backlog = rows.length === limit;
      return rows.length > 0 ? rows : null;
    }
    return null;
  }

  /**
   * Notices whose row was not claimed: taken by another worker, finished, or not due yet
   * (acknowledged: the row's own lease or the sweeper covers it), or held here already
   * (settled with the row); a notice for no row at all is rejected to the dead letters.
   */
  private async settleUnclaimed(ids: string[], rows: MailboxRow[]): Promise<void> {
    const claimed = new Set(rows.map((r) => r.id));
    const orphans = ids.filter((id) => !claimed.has(id) && !this.held.has(id) && this.receipts.has(id));
    if (orphans.length === 0) return;
    const existing = await existingMessageIds(this.o.sql, orphans).catch(() => new Set(orphans));
    for (const id of orphans) this.settled(id, existing.has(id) ? 'settled' : 'rejected');
  }

  /**
   * After a failed claim, notices that will be delivered again if unsettled go back to the
   * front, for the next sweep or notice to retry; the others are dropped (backlog mode).
   */
  private keepClaiming(): void {
    this.pending.unshift(...this.claiming.filter((id) => this.receipts.has(id) && !this.held.has(id)));
    this.claiming = [];
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
