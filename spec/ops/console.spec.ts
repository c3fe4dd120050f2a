import { chromium, type Browser, type Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testEnv } from '../support/env.js';
import { keyFor } from '../support/gateway.js';
import { createHarness, type Harness } from '../support/harness.js';
import { freePort } from '../support/ports.js';
import { startProcess, type RunningProcess } from '../support/processes.js';
import { MISSING_EMAIL, storeEmail } from './support.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WAIT = { timeout: 30_000 };

let h: Harness;
let browser: Browser;
const procs: RunningProcess[] = [];
beforeEach(async () => {
  h = await createHarness();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});
afterEach(async () => {
  await browser.close();
  for (const p of procs.splice(0)) await p.stop('SIGKILL');
  await h.close();
});

const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent())?.trim();

/** Waits until the element's text satisfies the test (the console refreshes by itself). */
async function until(page: Page, selector: string, test: (t: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + WAIT.timeout;
  for (;;) {
    const t = (await page.locator(selector).first().textContent({ timeout: 1_000 }).catch(() => null))?.trim();
    if (t !== null && t !== undefined && test(t)) return t;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${selector}: ${JSON.stringify(t)})`);
    await page.waitForTimeout(100);
  }
}

describe('the operator console, behind /mvp', () => {
  it('logs in with an operator key, shows a poisoned message as a dead letter, retries it after the fix, and shows it done', async () => {
    const port = await freePort();
    const env = testEnv(h.db.url, { KEY_PREFIX: h.config.KEY_PREFIX, BASE_PATH: '/mvp', PORT: String(port), OPS_STATUS_INTERVAL_MS: '300' });
    procs.push(startProcess('worker', { ...env, WORKER_ID: 'console-worker' }), startProcess('gateway', env));
    await Promise.all(procs.map((p) => p.ready));
    const origin = `http://127.0.0.1:${port}`;
    const page = await browser.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${origin}/mvp/ops/console`);
    expect(page.url()).toBe(`${origin}/mvp/ops/console/`);
    await page.fill('#key', await keyFor(h, 'buyer'));
    await page.click('#login-form button[type=submit]');
    await until(page, '[data-testid=login-error]', (t) => t.includes('operator or admin only'), 'a buyer key refused');

    await page.fill('#key', await keyFor(h, 'operator'));
    await page.click('#login-form button[type=submit]');
    await until(page, 'tr[data-actor=housekeeping] [data-state]', (t) => t === 'running', 'the actor tree');
    await until(page, '[data-worker=console-worker]', (t) => t.includes('console-worker'), 'the worker in the tree');
    expect(await page.locator('#actors tbody tr').count()).toBe(5);

    // Poison: an ingestion message for an e-mail that is not stored.
    const emailId = MISSING_EMAIL();
    const { id } = await h.outbox.send('ingestion', 'ingestEmail', { emailId });
    const row = `[data-dead-actor=ingestion] tr[data-message="${id}"]`;
    const error = await until(page, `${row} [data-col=error]`, (t) => t.length > 0, 'the dead letter');
    expect(error).toContain('B2B_EMAIL_NOT_FOUND');
    expect(error).toContain(emailId);
    await until(page, 'tr[data-actor=ingestion] [data-col=dead]', (t) => t === '1', 'dead count');

    // Fix the cause, then retry from the console.
    await storeEmail(h, emailId);
    await page.click(`${row} button[data-action=retry]`);
    await until(page, '#detail-id', (t) => t === id, 'the message detail');
    await until(page, '#detail [data-fact=state]', (t) => t === 'done', 'done after the retry');
    const events = await page.locator('#detail-events li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-event')));
    expect(events).toEqual(['received', 'started', 'dead_lettered', 'retried', 'started', 'succeeded']);
    await until(page, '[data-testid=dead-letters]', (t) => t.includes('No dead letters'), 'no dead letters left');
    await until(page, '[data-testid=audit] tr[data-audit=retry]', (t) => t.includes('test operator'), 'the retry audited');
    await until(page, '[data-chart=ingestion] h3', (t) => t.includes('1 in 60 min'), 'the throughput chart');
    expect(await page.locator('[data-chart=ingestion] svg rect.ok').count()).toBe(1);
    expect(await page.locator('[data-chart=ingestion] svg rect.bad').count()).toBe(1);

    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith(`${origin}/mvp/`))).toEqual([]);
    await page.close();
  }, 120_000);

  it('pauses an actor: its queue grows in view and drains after resume', async () => {
    const port = await freePort();
    const env = testEnv(h.db.url, { KEY_PREFIX: h.config.KEY_PREFIX, BASE_PATH: '/mvp', PORT: String(port), OPS_STATUS_INTERVAL_MS: '300' });
    procs.push(startProcess('worker', env), startProcess('gateway', env));
    await Promise.all(procs.map((p) => p.ready));
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/mvp/ops/console/`);
    await page.fill('#key', await keyFor(h, 'admin'));
    await page.click('#login-form button[type=submit]');
    await page.click('tr[data-actor=housekeeping] button[data-action=pause]', WAIT);
    await until(page, 'tr[data-actor=housekeeping] [data-state]', (t) => t === 'paused', 'paused');
    await until(page, '[data-worker] li:has-text("housekeeping") [data-state]', (t) => t === 'paused', 'the worker applied the pause');

    const sentAt = new Date().toISOString();
    for (let i = 0; i < 6; i++) await h.outbox.send('housekeeping', 'recordProbe', { sentAt });
    await until(page, 'tr[data-actor=housekeeping] [data-col=queued]', (t) => t === '6', 'the queue grows');
    expect(await text(page, 'tr[data-actor=housekeeping] [data-col=done]')).toBe('0');

    await page.click('tr[data-actor=housekeeping] button[data-action=resume]');
    await until(page, 'tr[data-actor=housekeeping] [data-col=done]', (t) => t === '6', 'drained');
    expect(await text(page, 'tr[data-actor=housekeeping] [data-col=queued]')).toBe('0');
    const audit = await page.locator('[data-testid=audit] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-audit')));
    expect(audit.slice(0, 2)).toEqual(['resume', 'pause']);
    // Signing out forgets the key.
    await page.click('#logout');
    expect(await page.evaluate('sessionStorage.getItem("b2b.opsKey")')).toBeNull();
    expect(await page.locator('#login').isVisible()).toBe(true);
  }, 120_000);
});
