import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

/** A header as sent, unfolded (mailparser turns List-* headers into objects). */
export function rawHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line?.replace(/\r?\n/g, '').replace(/^[^:]+:\s*/, '');
}

/** One e-mail the sink accepted (answered 250 to). */
export interface Received {
  to: string[];
  mailFrom: string;
  raw: string;
  at: number;
}

export interface SinkOptions {
  /** An SMTP reply code to refuse a recipient with (550: no such user; 451: try later), or undefined to take it. */
  rcpt?: (address: string) => number | undefined;
}

/**
 * A real SMTP server (the smtp-server package) on a free local port that counts what it
 * accepted. `hold()` stops answering the end of DATA: e-mails sent meanwhile wait for a
 * 250 that a killed client never gets, and `dropHeld()` forgets them, as a relay does
 * when the connection goes before it answered.
 */
export class SmtpSink {
  readonly received: Received[] = [];
  private holding = false;
  private held: (() => void)[] = [];
  private server!: SMTPServer;
  port = 0;

  static async start(options: SinkOptions = {}): Promise<SmtpSink> {
    const sink = new SmtpSink();
    sink.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 10 * 1024 * 1024,
      onRcptTo: (address: SMTPServerAddress, _session, callback) => {
        const code = options.rcpt?.(address.address);
        if (code === undefined) return callback();
        callback(Object.assign(new Error(`${code === 550 ? 'no such user' : 'try again later'}: ${address.address}`), { responseCode: code }));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const accept = () => {
            sink.received.push({
              to: session.envelope.rcptTo.map((r) => r.address), mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              raw: Buffer.concat(chunks).toString('utf8'), at: Date.now(),
            });
            callback();
          };
          if (sink.holding) sink.held.push(accept);
          else accept();
        });
      },
    });
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', () => resolve()));
    sink.port = ((sink.server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  hold(): void {
    this.holding = true;
  }

  /** The held e-mails were never answered: they do not count. */
  dropHeld(): number {
    const n = this.held.length;
    this.held = [];
    this.holding = false;
    return n;
  }

  get heldCount(): number {
    return this.held.length;
  }

  /** Copies received per recipient address. */
  perRecipient(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of this.received) for (const to of r.to) counts.set(to, (counts.get(to) ?? 0) + 1);
    return counts;
  }

  parse(r: Received): Promise<ParsedMail> {
    return simpleParser(r.raw);
  }

  async close(): Promise<void> {
    this.held = [];
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
