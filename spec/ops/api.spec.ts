import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, keyFor } from '../support/gateway.js';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { client, MISSING_EMAIL, messageState, startObservedWorker, storeEmail } from './support.js';

let h: Harness;
let app: FastifyInstance;
let ops: ReturnType<typeof client>;
const stops: (() => Promise<void>)[] = [];

beforeEach(async () => {
  h = await createHarness();
  app = await buildTestApp(h);
  ops = client(app, await keyFor(h, 'operator'));
});
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  await app.close();
  await h.close();
});

const sentAt = () => new Date().toISOString();
const actorOf = async (name: string) => (await ops.get('/ops/actors')).body.actors.find((a: { actor: string }) => a.actor === name);

describe('a poisoned message', () => {
  it('shows up as a dead letter with its error, and a retry after the fix ends done', async () => {
    await startObservedWorker(h, stops);
    const emailId = MISSING_EMAIL();
    const { id } = await h.outbox.send('ingestion', 'ingestEmail', { emailId });
    await eventually(async () => (await messageState(h, id)) === 'dead', 15_000, 'dead letter');

    const ingestion = await eventually(async () => { const a = await actorOf('ingestion'); return a?.lastError ? a : undefined; });
    expect(ingestion.mailbox.dead).toBe(1);
    expect(ingestion.failures.deadLastHour).toBe(1);
    expect(ingestion.lastError).toMatchObject({ code: 'B2B_EMAIL_NOT_FOUND', messageId: id });
    expect(ingestion.workers).toBe(1);

    const page = await ops.get('/ops/actors/ingestion/messages?state=dead');
    expect(page.status).toBe(200);
    expect(page.body.messages).toHaveLength(1);
    const dead = page.body.messages[0];
    expect(dead).toMatchObject({ id, type: 'ingestEmail', state: 'dead', attempts: 1, payload: { emailId } });
    expect(dead.lastError).toMatchObject({ code: 'B2B_EMAIL_NOT_FOUND', retryable: false });
    expect(dead.events.map((e: { event: string }) => e.event)).toEqual(['received', 'started', 'dead_lettered']);
    expect(dead.events[2]).toMatchObject({ attempt: 1, error: { code: 'B2B_EMAIL_NOT_FOUND' } });
    expect(dead.events[2].durationMs).toBeGreaterThanOrEqual(0);

    await storeEmail(h, emailId);
    const retried = await ops.post(`/ops/messages/${id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id, state: 'queued', attempts: 0 });
    const done = await eventually(async () => { const m = (await ops.get(`/ops/messages/${id}`)).body; return m.state === 'done' ? m : undefined; }, 15_000, 'done after retry');
    expect(done.lastError).toBeNull();
    expect(done.events.map((e: { event: string }) => e.event)).toEqual(['received', 'started', 'dead_lettered', 'retried', 'started', 'succeeded']);

    const again = await ops.post(`/ops/messages/${id}/retry`);
    expect([again.status, again.body.code]).toEqual([409, 'B2B_CONFLICT']);
    const audit = (await ops.get(`/ops/audit?messageId=${id}`)).body.entries;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'retry', actor: 'ingestion', messageId: id, whoName: 'test operator' });
    expect(audit[0].who).toMatch(/^key:/);
    expect(audit[0].details.lastError).toMatchObject({ code: 'B2B_EMAIL_NOT_FOUND' });
  });

  it('answers 404 for a message that does not exist', async () => {
    const res = await ops.post('/ops/messages/0190a000-0000-7000-8000-000000000000/retry');
    expect([res.status, res.body.code]).toEqual([404, 'B2B_MESSAGE_NOT_FOUND']);
  });
});

describe('dead letters in bulk', () => {
  it('retries all of an actor\'s dead letters at once', async () => {
    await startObservedWorker(h, stops);
    const emails = [MISSING_EMAIL(), MISSING_EMAIL(), MISSING_EMAIL()];
    const sent = await Promise.all(emails.map((emailId) => h.outbox.send('ingestion', 'ingestEmail', { emailId })));
    await eventually(async () => (await actorOf('ingestion'))?.mailbox.dead === 3, 15_000, 'three dead');
    for (const e of emails) await storeEmail(h, e);
    const res = await ops.post('/ops/actors/ingestion/dead-letters/retry');
    expect(res.body).toEqual({ retried: 3 });
    await eventually(async () => { const a = await actorOf('ingestion'); return a?.mailbox.done === 3 && a.mailbox.dead === 0; }, 15_000, 'all done');
    for (const s of sent) expect(await messageState(h, s.id)).toBe('done');
    const audit = (await ops.get('/ops/audit?action=retry-all')).body.entries;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'ingestion', count: 3 });
  });

  it('purges only with a confirmation token bound to what it would delete', async () => {
    await startObservedWorker(h, stops);
    const kill = () => h.outbox.send('ingestion', 'ingestEmail', { emailId: MISSING_EMAIL() });
    await Promise.all([kill(), kill(), kill()]);
    await eventually(async () => (await actorOf('ingestion'))?.mailbox.dead === 3, 15_000, 'three dead');

    const first = await ops.post('/ops/actors/ingestion/dead-letters/purge');
    expect([first.status, first.body.code]).toEqual([409, 'B2B_CONFIRMATION_REQUIRED']);
    expect(first.body.details).toMatchObject({ actor: 'ingestion', count: 3 });
    const wrong = await ops.post('/ops/actors/ingestion/dead-letters/purge', { confirm: 'not-a-token' });
    expect([wrong.status, wrong.body.code, wrong.body.details.count]).toEqual([409, 'B2B_CONFIRMATION_REQUIRED', 3]);
    const elsewhere = await ops.post('/ops/actors/housekeeping/dead-letters/purge', { confirm: first.body.details.token });
    expect(elsewhere.body).toEqual({ purged: 0 });

    // A letter that dies after the token is not covered by it; one that changed makes the token stale.
    const fourth = await kill();
    await eventually(async () => (await messageState(h, fourth.id)) === 'dead', 15_000, 'a fourth dead');
    const [oneOfThem] = await h.db.sql<{ id: string }[]>`select id from mailbox where state = 'dead' and id <> ${fourth.id} limit 1`;
    await ops.post(`/ops/messages/${oneOfThem!.id}/retry`);
    await eventually(async () => (await messageState(h, oneOfThem!.id)) === 'dead', 15_000, 'dead again');
    const stale = await ops.post('/ops/actors/ingestion/dead-letters/purge', { confirm: first.body.details.token });
    expect([stale.status, stale.body.code, stale.body.details.count]).toEqual([409, 'B2B_CONFIRMATION_REQUIRED', 4]);
    expect(stale.body.message).toMatch(/changed/);

    const done = await ops.post('/ops/actors/ingestion/dead-letters/purge', { confirm: stale.body.details.token });
    expect([done.status, done.body]).toEqual([200, { purged: 4 }]);
    expect((await actorOf('ingestion')).mailbox.dead).toBe(0);
    const reused = await ops.post('/ops/actors/ingestion/dead-letters/purge', { confirm: stale.body.details.token });
    expect(reused.body).toEqual({ purged: 0 });
    const audit = (await ops.get('/ops/audit?action=purge-dead')).body.entries;
    expect(audit.map((e: { count: number }) => e.count)).toEqual([4]);
  });

  it('purges exactly the dead letters a token was issued for, not those that died since', async () => {
    await startObservedWorker(h, stops);
    const kill = () => h.outbox.send('ingestion', 'ingestEmail', { emailId: MISSING_EMAIL() });
    const before = await Promise.all([kill(), kill()]);
    await eventually(async () => (await actorOf('ingestion'))?.mailbox.dead === 2, 15_000, 'two dead');
    const token = (await ops.post('/ops/actors/ingestion/dead-letters/purge')).body.details.token;
    const after = await kill();
    await eventually(async () => (await messageState(h, after.id)) === 'dead', 15_000, 'a third dead');
    expect((await ops.post('/ops/actors/ingestion/dead-letters/purge', { confirm: token })).body).toEqual({ purged: 2 });
    for (const b of before) expect(await messageState(h, b.id)).toBeUndefined();
    expect(await messageState(h, after.id)).toBe('dead');
  });
});

describe('cancelling', () => {
  it('cancels a message due later; it never runs, and a second cancel is refused', async () => {
    await startObservedWorker(h, stops);
    const { id } = await h.outbox.send('housekeeping', 'recordProbe', { sentAt: sentAt() }, { notBefore: new Date(Date.now() + 3_600_000) });
    const later = (await ops.get('/ops/actors/housekeeping/messages?state=due_later')).body.messages;
    expect(later.map((m: { id: string }) => m.id)).toEqual([id]);
    expect(later[0].dueLater).toBe(true);
    const res = await ops.post(`/ops/messages/${id}/cancel`);
    expect(res.body).toMatchObject({ id, state: 'cancelled' });
    expect(res.body.events.map((e: { event: string }) => e.event)).toEqual(['received', 'cancelled']);
    const again = await ops.post(`/ops/messages/${id}/cancel`);
    expect([again.status, again.body.code]).toEqual([409, 'B2B_CONFLICT']);
    expect((await actorOf('housekeeping')).mailbox).toMatchObject({ dueLater: 0, cancelled: 1 });
    expect((await ops.get('/ops/audit?action=cancel')).body.entries[0]).toMatchObject({ messageId: id, actor: 'housekeeping' });
  });
});

describe('browsing a mailbox', () => {
  const secret = 'b2b_abcdefghijklmnopqrstuvwxyz012345';
  async function insertSensitive(id: string, type = 'ingestEmail') {
    const payload = { emailId: id, apiKey: secret, raw: 'From: a@b\r\n\r\nPrices only for you', nested: { password: 'hunter2', html: '<p>hi</p>' }, relay: 'smtp://mailer:s3cret@smtp.example:587' };
    await h.db.sql`insert into mailbox (id, actor, type, payload) values (${id}, 'ingestion', ${type}, ${h.db.sql.json(payload)})`;
  }

  it('redacts secrets and e-mail bodies unless reveal=true, which is audited', async () => {
    const id = '0190a000-0000-7000-8000-00000000000a';
    await insertSensitive(id);
    const page = (await ops.get('/ops/actors/ingestion/messages')).body.messages;
    expect(page[0].redacted).toBe(true);
    expect(page[0].payload).toEqual({
      emailId: id, apiKey: '[redacted]', raw: '[redacted: 32 chars]', nested: { password: '[redacted]', html: '[redacted: 9 chars]' },
      relay: 'smtp://mailer:***@smtp.example:587',
    });
    expect(JSON.stringify(page)).not.toContain('hunter2');
    expect((await ops.get('/ops/audit?action=reveal')).body.entries).toEqual([]);

    const revealed = (await ops.get(`/ops/messages/${id}?reveal=true`)).body;
    expect(revealed.payload.apiKey).toBe(secret);
    expect(revealed.payload.nested.password).toBe('hunter2');
    expect(revealed.redacted).toBe(false);
    const audit = (await ops.get('/ops/audit?action=reveal')).body.entries;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'ingestion', messageId: id, count: 1 });
  });

  it('pages newest first and filters by state and type', async () => {
    const ids = Array.from({ length: 5 }, (_, i) => `0190a000-0000-7000-8000-00000000010${i}`);
    for (const [i, id] of ids.entries()) await insertSensitive(id, i % 2 === 0 ? 'ingestEmail' : 'otherType');
    await h.db.sql`update mailbox set state = 'dead', finished_at = now() where id = ${ids[4]!}`;
    const first = (await ops.get('/ops/actors/ingestion/messages?limit=2')).body;
    expect(first.messages.map((m: { id: string }) => m.id)).toEqual([ids[4], ids[3]]);
    const second = (await ops.get(`/ops/actors/ingestion/messages?limit=2&cursor=${first.nextCursor}`)).body;
    expect(second.messages.map((m: { id: string }) => m.id)).toEqual([ids[2], ids[1]]);
    const last = (await ops.get(`/ops/actors/ingestion/messages?limit=2&cursor=${second.nextCursor}`)).body;
    expect([last.messages.length, last.nextCursor]).toEqual([1, null]);
    const typed = (await ops.get('/ops/actors/ingestion/messages?type=otherType')).body.messages;
    expect(typed.map((m: { id: string }) => m.id)).toEqual([ids[3], ids[1]]);
    const queued = (await ops.get('/ops/actors/ingestion/messages?state=queued')).body.messages;
    expect(queued).toHaveLength(4);
    const bad = await ops.get('/ops/actors/ingestion/messages?state=sleeping');
    expect([bad.status, bad.body.code]).toEqual([400, 'B2B_VALIDATION']);
    const noActor = await ops.get('/ops/actors/billing/messages');
    expect([noActor.status, noActor.body.code]).toEqual([400, 'B2B_VALIDATION']);
  });
});
