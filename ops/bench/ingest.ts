import { createHmac, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sql } from '../../db/client.js';
import type { BenchFigure } from './figure.js';
import { corpusEmailsDir } from '../corpus.js';
import { benchEnv, createBenchDatabase, freePort, percentile, startBenchProcess, waitUntil } from './setup.js';

/**
 * Mill e-mail in, offers out, end to end with the gateway and the worker as real
 * processes: each corpus e-mail posted to the Mailgun raw-MIME webhook over HTTP, stored,
 * decoded, attributed, extracted, its offers written and matchOffers queued. Latency runs
 * from the client's send to the commit that stored the offers (emails.ingested_at), both
 * on this machine's clock; one at a time for latency, many in flight for throughput.
 */
const SIGNING_KEY = 'bench-signing-key';
const LATENCY_ROUNDS = 5;
const THROUGHPUT_ROUNDS = 10;
const IN_FLIGHT = 16;

async function corpus(): Promise<string[]> {
  const dir = corpusEmailsDir();
  const files = (await readdir(dir)).filter((f) => f.endsWith('.eml')).sort();
  return Promise.all(files.map(async (f) => (await readFile(join(dir, f))).toString('latin1')));
}

/** The mail under a Message-ID of its own (a second delivery of one id is deduplicated), signed as Mailgun signs. */
function mailgunForm(mail: string): string {
  const raw = mail.replace(/^Message-ID: .*$/im, `Message-ID: <bench-${randomBytes(8).toString('hex')}@b2b.example>`);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const token = randomBytes(16).toString('hex');
  const signature = createHmac('sha256', SIGNING_KEY).update(timestamp + token).digest('hex');
  return formEncode({ 'body-mime': Buffer.from(raw, 'latin1'), timestamp: Buffer.from(timestamp), token: Buffer.from(token), signature: Buffer.from(signature) });
}

/** application/x-www-form-urlencoded over bytes, so 8-bit mail (ISO-8859-1 bodies) arrives as it was. */
function formEncode(fields: Record<string, Buffer>): string {
  const encode = (b: Buffer) => Array.from(b, (c) => (/[A-Za-z0-9*\-._]/.test(String.fromCharCode(c)) ? String.fromCharCode(c) : `%${c.toString(16).padStart(2, '0')}`)).join('');
  return Object.entries(fields).map(([k, v]) => `${encode(Buffer.from(k))}=${encode(v)}`).join('&');
}

async function post(port: number, form: string): Promise<{ emailId: string; sentAt: number }> {
  const sentAt = Date.now();
  const res = await fetch(`http://127.0.0.1:${port}/inbound/mailgun/mime`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
  return { emailId: ((await res.json()) as { emailId: string }).emailId, sentAt };
}

/** Waits for the e-mails' ingestion, polling gently; returns when each was stored (ms since epoch). */
async function settledAt(sql: Sql, ids: string[]): Promise<Map<string, number>> {
  let rows: { id: string; at: Date | null }[] = [];
  await waitUntil(async () => {
    await new Promise((r) => setTimeout(r, 100));
    rows = await sql<{ id: string; at: Date | null }[]>`select id, ingested_at as at from emails where id in ${sql(ids)}`;
    return rows.every((r) => r.at !== null);
  }, 300_000, `${ids.length} e-mails ingested`);
  return new Map(rows.map((r) => [r.id, (r.at as Date).getTime()]));
}

async function latency(sql: Sql, port: number, mails: string[]): Promise<BenchFigure[]> {
  const sent: { emailId: string; sentAt: number }[] = [];
  for (let round = 0; round < LATENCY_ROUNDS; round++) {
    for (const mail of mails) {
      const s = await post(port, mailgunForm(mail));
      sent.push(s);
      await settledAt(sql, [s.emailId]);
    }
  }
  const at = await settledAt(sql, sent.map((s) => s.emailId));
  const ms = sent.map((s) => (at.get(s.emailId) as number) - s.sentAt).sort((a, b) => a - b);
  return [
    { bench: 'ingest.webhook_to_offers.p50', value: percentile(ms, 50), unit: 'ms' },
    { bench: 'ingest.webhook_to_offers.p99', value: percentile(ms, 99), unit: 'ms' },
  ];
}

async function throughput(sql: Sql, port: number, mails: string[]): Promise<BenchFigure[]> {
  const forms = Array.from({ length: THROUGHPUT_ROUNDS }, () => mails.map(mailgunForm)).flat();
  const ids: string[] = [];
  const start = Date.now();
  let next = 0;
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < forms.length) ids.push((await post(port, forms[next++] as string)).emailId);
  }));
  const last = Math.max(...(await settledAt(sql, ids)).values());
  const [offers] = await sql<{ n: number }[]>`select count(*)::int as n from offers where email_id in ${sql(ids)}`;
  const seconds = (last - start) / 1000;
  return [
    { bench: 'ingest.emails_per_s', value: ids.length / seconds, unit: 'e-mails/s' },
    { bench: 'ingest.offers_per_s', value: (offers?.n ?? 0) / seconds, unit: 'offers/s' },
  ];
}

export async function run(): Promise<BenchFigure[]> {
  const db = await createBenchDatabase();
  const port = await freePort();
  const env = benchEnv(db.url, { PORT: String(port), MAILGUN_SIGNING_KEY: SIGNING_KEY });
  const worker = await startBenchProcess('worker', env);
  const gateway = await startBenchProcess('gateway', env);
  try {
    const mails = await corpus();
    return [...await latency(db.sql, port, mails), ...await throughput(db.sql, port, mails)];
  } finally {
    await gateway.stop();
    await worker.stop();
    await db.drop();
  }
}
