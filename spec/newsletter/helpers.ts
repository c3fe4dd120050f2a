import type { MessageType, PayloadOf } from '../../actors/messages/index.js';
import { createNewsletter, type NewsletterDeps } from '../../actors/newsletter/actor.js';
import type { AnyActorDefinition } from '../../actors/system/definition.js';
import { eventually, type Harness } from '../support/harness.js';

/** Monday 7 December 2026, 06:00 in Berlin: the default weekly run of 2026-W50. */
export const W50_RUN = new Date('2026-12-07T05:00:00Z');

export interface Finished {
  id: string;
  state: 'done' | 'dead';
  result: any;
  last_error: { code: string; message: string } | null;
}

/** Sends a newsletter message and waits until the mailbox says it finished. */
export async function runNewsletter<T extends MessageType<'newsletter'>>(
  h: Harness, type: T, payload: PayloadOf<'newsletter', T>, timeoutMs = 30_000,
): Promise<Finished> {
  const { id } = await h.outbox.send('newsletter', type, payload);
  return awaitMessage(h, id, timeoutMs);
}

export async function awaitMessage(h: Harness, id: string, timeoutMs = 30_000): Promise<Finished> {
  return eventually(async () => {
    const [row] = await h.db.sql<Finished[]>`select id, state, result, last_error from mailbox where id = ${id} and state in ('done', 'dead')`;
    return row;
  }, timeoutMs, `message ${id} finished`);
}

/** The newsletter actor on the harness's database, with the given clock and injected I/O. */
export function newsletterDef(h: Harness, extra: Partial<NewsletterDeps> = {}): AnyActorDefinition {
  return createNewsletter({ sql: h.db.sql, outbox: h.outbox, config: h.config, ...extra });
}

export async function deliveryStates(h: Harness, week: string): Promise<Record<string, number>> {
  const rows = await h.db.sql<{ state: string; n: number }[]>`
    select state, count(*)::int as n from newsletter_deliveries where week = ${week} group by state`;
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}
