import type { FastifyInstance } from 'fastify';
import { signRaw } from '../support/gateway.js';
import { eventually, type Harness } from '../support/harness.js';

export const SECRET = 'ingestion-test-secret';

/** A short stock offer as a sales desk writes it: two readable lines and one without a gsm. */
export function offerMail(opts: { from?: string; messageId?: string; body?: string } = {}): Buffer {
  const body = opts.body ?? [
    'Dear all,', '', 'we can offer from stock:', '',
    'Testliner 3, 125 gsm, 1250 mm, 24 t, EUR 410/t FCA mill',
    'Kraftliner, 2400 mm, 20 t',
    'Fluting 100 g/m2, 2500 mm, 30 t, wk 12', '',
    'Best regards', 'Sales',
  ].join('\r\n');
  return Buffer.from([
    `From: Sales <${opts.from ?? 'sales@mill.example'}>`, 'To: offers@b2bpaper.example', 'Subject: Stock offer',
    'Date: Tue, 10 Feb 2026 09:00:00 +0100', `Message-ID: <${opts.messageId ?? `${Math.random().toString(36).slice(2)}@mill.example`}>`,
    'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, '',
  ].join('\r\n'));
}

/** Posts a raw mail to the signed rfc822 route and returns its e-mail id. */
export async function post(app: FastifyInstance, raw: Buffer): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/inbound/email', headers: signRaw(SECRET, raw), payload: raw });
  if (res.statusCode !== 202) throw new Error(`inbound answered ${res.statusCode}: ${res.body}`);
  return res.json().emailId as string;
}

export interface SettledEmail { status: string; failure_reason: string | null; mill_id: string | null; unparsed: string[] }

/** Waits until ingestion has decided about the e-mail (ingested or failed). */
export async function settled(h: Harness, emailId: string, timeoutMs = 20_000): Promise<SettledEmail> {
  return eventually(async () => {
    const [row] = await h.db.sql<SettledEmail[]>`select status, failure_reason, mill_id, unparsed from emails where id = ${emailId}`;
    return row && row.status !== 'received' ? row : undefined;
  }, timeoutMs, `e-mail ${emailId} settled`);
}
