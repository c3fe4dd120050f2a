import type { Db } from '../db/client.js';
import type { Outbox, Staged } from '../actors/mailbox/outbox.js';

export interface Firing {
  /** When the firing was due: its key, so a second scheduler or a retry fires nothing new. */
  scheduledAt: Date;
  fireKey: string;
  tx: Db;
  outbox: Outbox;
}

/** A scheduled job: when, and the message it sends (written in the firing's transaction). */
export interface ScheduledJob {
  name: string;
  cron: string;
  tz: string;
  fire(firing: Firing): Promise<Staged>;
}
