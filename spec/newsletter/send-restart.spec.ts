import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv } from '../support/env.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { startProcess, type RunningProcess } from '../support/processes.js';
import { seedManyBuyers } from './seed.js';
import { SmtpSink } from './smtp-sink.js';

let h: Harness;
let sink: SmtpSink;
const procs: RunningProcess[] = [];
beforeEach(async () => {
  sink = await SmtpSink.start();
  h = await createHarness();
});
afterEach(async () => {
  for (const p of procs.splice(0)) await p.stop('SIGKILL');
  await h.close();
  await sink.close();
});

async function countIn(state: string): Promise<number> {
  const [r] = await h.db.sql<{ n: number }[]>`select count(*)::int as n from newsletter_deliveries where state = ${state}`;
  return r?.n ?? 0;
}

describe('a worker killed with SIGKILL in the middle of a send (compiled worker processes)', () => {
  it('resumes after 300 of 1,000 e-mails: every contact gets exactly one copy', async () => {
    const contacts = await seedManyBuyers(h.db.sql, 250, 4);
    const env = testEnv(h.db.url, { KEY_PREFIX: h.config.KEY_PREFIX, SMTP_URL: sink.url, NEWSLETTER_RATE_PER_S: '150', MAILBOX_LEASE_MS: '2000' });
    const first = startProcess('worker', env);
    procs.push(first);
    await first.ready;
    await h.outbox.send('newsletter', 'sendIssue', { week: '2026-W50' });
    await eventually(async () => sink.received.length >= 300, 90_000, '300 e-mails accepted');

    // From here the relay takes the e-mails in but never answers: what is on the wire when the
    // worker dies was never accepted. Kill once every accepted e-mail is recorded as sent.
    sink.hold();
    await eventually(async () => sink.heldCount > 0 && (await countIn('sent')) === sink.received.length, 30_000, 'accepted e-mails recorded');
    first.child.kill('SIGKILL');
    await first.exited;
    const unanswered = sink.dropHeld();
    const atKill = sink.received.length;
    expect(atKill).toBeGreaterThanOrEqual(300);
    expect(atKill).toBeLessThan(1000);
    expect(await countIn('sending')).toBeGreaterThanOrEqual(unanswered);

    const second = startProcess('worker', env);
    procs.push(second);
    await second.ready;
    await eventually(async () => (await countIn('sent')) === 1000, 120_000, 'all 1,000 sent');
    await eventually(async () => sink.received.length >= 1000, 10_000, '1,000 received');
    expect(sink.received).toHaveLength(1000);
    expect(sink.perRecipient()).toEqual(new Map(contacts.map((c) => [c.email, 1])));
    const messageIds = new Set(sink.received.map((r) => /^Message-ID:\s*(<[^>]+>)/im.exec(r.raw.replace(/\r?\n\s+/g, ' '))?.[1]));
    const stored = await h.db.sql<{ message_id: string }[]>`select message_id from newsletter_deliveries`;
    expect(messageIds).toEqual(new Set(stored.map((r) => r.message_id)));
    // The deliveries cut off on the wire were claimed twice and still went out once.
    const [resumed] = await h.db.sql<{ n: number }[]>`select count(*)::int as n from newsletter_deliveries where attempts > 1`;
    expect(resumed!.n).toBeGreaterThanOrEqual(unanswered);
  }, 240_000);
});
