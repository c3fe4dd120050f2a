import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, eventually, type Harness } from '../support/harness.js';
import { MISSING_EMAIL, messageState, startObservedWorker, storeEmail } from './support.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let h: Harness;
const stops: (() => Promise<void>)[] = [];

beforeEach(async () => { h = await createHarness(); });
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  await h.close();
});

/** The compiled CLI (npm test builds first), against this test's database and Redis prefix. */
function ops(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { PATH: process.env.PATH ?? '', DATABASE_URL: h.db.url, REDIS_URL: h.config.REDIS_URL, KEY_PREFIX: h.config.KEY_PREFIX, LOG_LEVEL: 'silent' };
  return new Promise((ok) => {
    execFile(process.execPath, [resolve(root, 'dist/ops/cli/ops.js'), ...args], { cwd: root, env, timeout: 30_000 }, (err, stdout, stderr) => {
      ok({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

const jsonLines = (text: string) => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
const user = process.env.SUDO_USER ?? userInfo().username;

describe('npm run ops', () => {
  it('shows a poisoned message as a dead letter with its error; retry after the fix ends done', async () => {
    await startObservedWorker(h, stops);
    const emailId = MISSING_EMAIL();
    const { id } = await h.outbox.send('ingestion', 'ingestEmail', { emailId });
    await eventually(async () => (await messageState(h, id)) === 'dead', 15_000, 'dead letter');

    const listing = await ops('mailbox', 'ingestion', '--state', 'dead');
    expect(listing.code).toBe(0);
    const [header, rule, line] = listing.stdout.trim().split('\n');
    expect(header).toMatch(/^id\s+type\s+state\s+attempts\s+created\s+age\s+error$/);
    expect(rule).toMatch(/^-+ +-+/);
    expect(line).toContain(id);
    expect(line).toMatch(/ingestEmail\s+dead\s+1 .*B2B_EMAIL_NOT_FOUND: no stored e-mail/);
    const [asJson] = jsonLines((await ops('mailbox', 'ingestion', '--state', 'dead', '--json')).stdout);
    expect(asJson).toMatchObject({ id, state: 'dead', lastError: { code: 'B2B_EMAIL_NOT_FOUND' }, payload: { emailId } });

    const table = await ops('actors');
    const ingestion = table.stdout.split('\n').find((l) => l.startsWith('ingestion'));
    expect(ingestion).toMatch(/^ingestion\s+running\s+1\s+0\s+0\s+0\s+1\s+0\s/);
    expect(ingestion).toContain('B2B_EMAIL_NOT_FOUND');
    const views = jsonLines((await ops('actors', '--json')).stdout);
    expect(views.find((v) => v.actor === 'ingestion')).toMatchObject({ workers: 1, mailbox: { dead: 1 }, lastError: { code: 'B2B_EMAIL_NOT_FOUND', messageId: id } });

    await storeEmail(h, emailId);
    const retried = await ops('retry', id);
    expect([retried.code, retried.stdout.trim()]).toEqual([0, `${id} (ingestion.ingestEmail) queued again`]);
    await eventually(async () => (await messageState(h, id)) === 'done', 15_000, 'done after the retry');
    const shown = await ops('message', id);
    expect(shown.stdout).toMatch(/retried\s+1\s+-\s+cli:/);
    expect(shown.stdout).toMatch(/succeeded\s+1\s+\d+\s+w-/);

    const again = await ops('retry', id);
    expect([again.code, again.stderr.trim()]).toEqual([1, 'B2B_CONFLICT: only a dead letter can be retried; this message is done']);
    const [entry] = jsonLines((await ops('audit', '--json')).stdout);
    expect(entry).toMatchObject({ who: `cli:${user}`, who_name: user, action: 'retry', actor: 'ingestion', message_id: id });
  });

  it('pauses and resumes, cancels, and purges only with the token it printed, all audited', async () => {
    expect((await ops('pause', 'housekeeping', '--reason', 'disk full')).stdout.trim()).toBe('housekeeping paused');
    const [control] = await h.db.sql`select paused, reason, changed_by from actor_controls where actor = 'housekeeping'`;
    expect(control).toEqual({ paused: true, reason: 'disk full', changed_by: `cli:${user}` });
    expect((await ops('actors')).stdout).toContain('housekeeping paused by cli:');
    expect((await ops('resume', 'housekeeping')).code).toBe(0);

    const later = await h.outbox.send('housekeeping', 'recordProbe', { sentAt: new Date().toISOString() }, { notBefore: new Date(Date.now() + 86_400_000) });
    expect((await ops('mailbox', 'housekeeping', '--state', 'due_later')).stdout).toContain(later.id);
    expect((await ops('cancel', later.id)).stdout.trim()).toBe(`${later.id} (housekeeping.recordProbe) cancelled`);
    expect(await messageState(h, later.id)).toBe('cancelled');

    await h.db.sql`insert into mailbox (id, actor, type, payload, state, finished_at) values
      ('0190a000-0000-7000-8000-0000000000d1', 'ingestion', 'ingestEmail', '{}', 'dead', now()),
      ('0190a000-0000-7000-8000-0000000000d2', 'ingestion', 'ingestEmail', '{}', 'dead', now())`;
    const ask = await ops('purge', 'ingestion');
    expect(ask.code).toBe(3);
    const token = ask.stdout.match(/--confirm (\S+)/)?.[1];
    expect(ask.stdout).toMatch(/purge 2 dead letters of ingestion/);
    expect((await h.db.sql`select count(*)::int as n from mailbox where state = 'dead'`)[0]).toEqual({ n: 2 });
    const done = await ops('purge', 'ingestion', '--confirm', token as string, '--json');
    expect([done.code, JSON.parse(done.stdout)]).toEqual([0, { actor: 'ingestion', purged: 2 }]);

    const actions = jsonLines((await ops('audit', '--json')).stdout).map((e) => e.action);
    expect(actions).toEqual(['purge-dead', 'cancel', 'resume', 'pause']);
  });

  it('says how to use it when a command or argument is wrong', async () => {
    const unknown = await ops('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('mailbox ACTOR');
    const bad = await ops('mailbox', 'billing');
    expect([bad.code, bad.stderr]).toEqual([1, expect.stringContaining('actors: ingestion, matching')]);
    const badState = await ops('mailbox', 'ingestion', '--state', 'sleeping');
    expect(badState.stderr).toContain('--state is one of');
  });
});
