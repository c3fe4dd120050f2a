import { pino, type Logger } from 'pino';

export type { Logger };

/** Keys whose values never reach a log line, wherever they sit in the object. */
export const REDACT_PATHS = [
  'password', '*.password', 'secret', '*.secret', 'token', '*.token', 'apiKey', '*.apiKey',
  'authorization', '*.authorization', 'req.headers.authorization', 'req.headers.cookie',
  'req.headers["x-b2b-signature"]', 'DATABASE_URL', 'REDIS_URL', 'AMQP_URL', 'SMTP_URL',
  'INBOUND_EMAIL_SECRET', '*.raw', 'raw',
];

/** Strips credentials from a connection URL so it can be logged or printed. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '[unparseable url]';
  }
}

/** The root logger of a process: pino JSON on stdout, `proc` on every line. */
export function createLogger(proc: string, level: string): Logger {
  return pino({
    level,
    base: { proc, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  });
}
