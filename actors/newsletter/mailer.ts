import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../common/config.js';
import type { OutgoingMail } from './compose.js';

/**
 * How newsletter e-mails leave: through SMTP (SMTP_URL, a pool of connections) or, with
 * none configured, as .eml files under NEWSLETTER_OUTBOX_DIR/<week>/ so `npm start`
 * works out of the box and a person can open what would have been sent.
 */
export interface Mailer {
  readonly kind: 'smtp' | 'files';
  /** Resolves with the relay's answer once it accepted the message. */
  send(mail: OutgoingMail): Promise<{ response: string }>;
  close(): Promise<void>;
}

/** What a failed send means for the delivery. */
export type SendFailure = 'recipient-rejected' | 'message-rejected' | 'transient';

/**
 * A 5xx to RCPT TO: the address does not exist (a hard bounce, reported at once); another
 * 5xx: this message will never be taken; anything else (4xx, a connection that failed):
 * try again later.
 */
export function classifySendError(err: unknown): SendFailure {
  const e = err as { responseCode?: unknown; command?: unknown; code?: unknown };
  const code = typeof e?.responseCode === 'number' ? e.responseCode : 0;
  if (code < 500 || code > 599) return 'transient';
  const recipientStep = e.code === 'EENVELOPE' || String(e.command ?? '').toUpperCase().startsWith('RCPT');
  return recipientStep ? 'recipient-rejected' : 'message-rejected';
}

function mailOptions(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: { name: mail.to.name, address: mail.to.address },
    envelope: { from: mail.envelopeFrom, to: [mail.to.address] },
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    headers: mail.headers,
  };
}

export function smtpMailer(url: string, maxConnections = 4): Mailer {
  const transport = nodemailer.createTransport({ url, pool: true, maxConnections, maxMessages: 1_000 });
  return {
    kind: 'smtp',
    async send(mail) {
      const info = await transport.sendMail(mailOptions(mail));
      return { response: String(info.response ?? '') };
    },
    async close() {
      transport.close();
    },
  };
}

/** One file per delivery, written whole then renamed: a second attempt replaces, never duplicates. */
export function fileMailer(dir: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'files',
    async send(mail) {
      const info = await transport.sendMail(mailOptions(mail));
      const weekDir = resolve(dir, mail.week);
      await mkdir(weekDir, { recursive: true });
      const file = join(weekDir, `${mail.id}.eml`);
      await writeFile(`${file}.tmp`, info.message as Buffer);
      await rename(`${file}.tmp`, file);
      return { response: `written ${file}` };
    },
    async close() {
      transport.close();
    },
  };
}

export function createMailer(config: Pick<Config, 'SMTP_URL' | 'NEWSLETTER_OUTBOX_DIR'>): Mailer {
  return config.SMTP_URL ? smtpMailer(config.SMTP_URL) : fileMailer(config.NEWSLETTER_OUTBOX_DIR);
}
