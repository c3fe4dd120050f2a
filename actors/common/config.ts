import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { parseMarketConfig } from '../matching/market-config.js';
import { parseBoxTypesConfig } from '../container/box-config.js';

const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);
const optionalText = z.string().trim().min(1).optional().catch(undefined);

/**
 * Every setting of every process, from the environment (and `.env` when present).
 * Parsed once at start; a bad value stops the process naming the variable.
 */
export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  DATABASE_POOL_MAX: int(10, 1),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL'),
  KEY_PREFIX: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/i, 'letters, digits, . _ -').default('b2b'),
  TRANSPORT: z.enum(['redis', 'amqp']).default('redis'),
  AMQP_URL: z.string().regex(/^amqps?:\/\//, 'must be an amqp:// URL').default('amqp://guest:guest@127.0.0.1:5672'),
  /** Queues per actor for keyed messages (one key, one queue, one active consumer): the same in every process. */
  AMQP_SHARDS: int(8, 1),
  /** With TRANSPORT=amqp the queue holds every notice durably; the sweeper leaves rows younger than this to it. */
  AMQP_SWEEP_GRACE_MS: int(30_000, 0),
  HOST: z.string().default('127.0.0.1'),
  PORT: int(8910, 0),
  BASE_PATH: z.string().regex(/^(\/[a-z0-9_-]+)*$/i, 'empty, or a path such as /mvp').default(''),
  PUBLIC_URL: z.url().default('http://127.0.0.1:8910'),
  BODY_LIMIT_BYTES: int(25 * 1024 * 1024, 1024),
  INBOUND_EMAIL_SECRET: optionalText,
  INBOUND_MAX_SKEW_S: int(300, 1),
  /** Provider webhooks (POST /inbound/mailgun, /sendgrid, /postmark): a provider whose credentials are unset has its route closed. */
  MAILGUN_SIGNING_KEY: optionalText,
  SENDGRID_INBOUND_USER: optionalText,
  SENDGRID_INBOUND_PASSWORD: optionalText,
  /** The secret path segment of POST /inbound/sendgrid/{secret}, for a Parse URL without basic auth. */
  SENDGRID_INBOUND_SECRET: optionalText,
  POSTMARK_INBOUND_USER: optionalText,
  POSTMARK_INBOUND_PASSWORD: optionalText,
  MAILBOX_LEASE_MS: int(15_000, 500),
  MAILBOX_SWEEP_MS: int(500, 50),
  MAILBOX_SWEEP_GRACE_MS: int(1_000, 0),
  /** Attempts for a message of an actor this worker does not run (its own figure applies otherwise). */
  MAILBOX_MAX_ATTEMPTS: int(5, 1),
  MAILBOX_BACKOFF_BASE_MS: int(1_000, 1),
  MAILBOX_BACKOFF_MAX_MS: int(5 * 60_000, 1),
  /** Per-actor overrides of the actors' own figures, as JSON: {"ingestion": {"inflight": 16, "timeoutMs": 60000, "maxAttempts": 3, "pool": 4}}. */
  ACTOR_LIMITS: z.string().default('{}').transform((s, ctx) => {
    try {
      return ActorLimitsSchema.parse(JSON.parse(s));
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `not valid actor limits JSON: ${(err as Error).message}` });
      return z.NEVER;
    }
  }),
  SUPERVISOR_CRASH_LIMIT: int(5, 1),
  SUPERVISOR_CRASH_WINDOW_MS: int(60_000, 100),
  SUPERVISOR_RESTART_BACKOFF_MS: int(200, 0),
  SUPERVISOR_RESTART_BACKOFF_MAX_MS: int(10_000, 0),
  /** How long a crash-looping actor stays paused before it tries again; 0: until an operator resumes it. */
  SUPERVISOR_PAUSE_COOLDOWN_MS: int(300_000, 0),
  SHUTDOWN_DRAIN_MS: int(10_000, 0),
  DONE_RETENTION_HOURS: int(72, 0),
  HOUSEKEEPING_CRON: z.string().default('*/10 * * * *'),
  SCHEDULER_TIMEZONE: z.string().default('Europe/Berlin'),
  WORKER_ID: optionalText,
  /** The newsletter's SMTP relay (smtp:// or smtps://, user and password in the URL); unset: .eml files in NEWSLETTER_OUTBOX_DIR. */
  SMTP_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional()),
  NEWSLETTER_OUTBOX_DIR: z.string().min(1).default('.data/outbox'),
  NEWSLETTER_FROM: z.string().regex(/^[^<>]*<?[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>?$/, 'an address, e.g. b2bpaper <newsletter@example.com>').default('b2bpaper <newsletter@b2bpaper.example>'),
  /** The mailto: of List-Unsubscribe; unset: unsubscribe@ the From address's domain. */
  NEWSLETTER_UNSUBSCRIBE_MAILBOX: z.preprocess((v) => (v === '' ? undefined : v), z.email().optional()),
  /** The SMTP envelope sender, where bounces go; unset: the From address. */
  NEWSLETTER_BOUNCE_ADDRESS: z.preprocess((v) => (v === '' ? undefined : v), z.email().optional()),
  /** Newsletter e-mails per second, one limit across every worker process. */
  NEWSLETTER_RATE_PER_S: z.coerce.number().positive().max(10_000).default(10),
  NEWSLETTER_CRON: z.string().default('0 6 * * 1'),
  /** A scheduler that was down at the newsletter's time sends it when back within this many hours; 0: never. */
  NEWSLETTER_CATCHUP_HOURS: z.coerce.number().min(0).max(24 * 7).default(24),
  /** Lifecycle events (mailbox_events) are kept this long: throughput and failure history. */
  OPS_EVENT_RETENTION_DAYS: int(14, 1),
  /** How often each worker publishes its live status to Redis (it expires after five missed). */
  OPS_STATUS_INTERVAL_MS: int(1_000, 100),
  /** Where the worker and the scheduler serve /metrics; 127.0.0.1 keeps them off the network. */
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** The worker's /metrics port (plus the PM2 instance number); 0: no metrics listener. */
  METRICS_PORT_WORKER: int(9471, 0),
  /** The scheduler's /metrics port; 0: no metrics listener. */
  METRICS_PORT_SCHEDULER: int(9472, 0),
  /** An exclusive window's length for a buyer whose tier has no entry in EXCLUSIVITY_TIER_HOURS. */
  EXCLUSIVITY_WINDOW_HOURS: z.coerce.number().positive().max(24 * 90).default(48),
  /** Window hours per buyer tier, as JSON: {"gold": 72, "trial": 24}. */
  EXCLUSIVITY_TIER_HOURS: z.string().default('{}').transform((s, ctx) => {
    try {
      return z.record(z.string().min(1), z.number().positive().max(24 * 90)).parse(JSON.parse(s));
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `not valid tier hours JSON: ${(err as Error).message}` });
      return z.NEVER;
    }
  }),
  /** When the scheduler looks for exclusive windows past their time (the timers should have caught them). */
  EXCLUSIVITY_CHECK_CRON: z.string().default('* * * * *'),
  /** The best matches kept per offer line: the buyers it may be offered to, in score order. */
  MATCHES_PER_OFFER: int(20, 1),
  /** Currency rates and freight distances over the defaults, as JSON: {"rates_to_eur": {"USD": 0.9}, "freight_km": {"DE-PL": 700}}. */
  MARKET_CONFIG: z.string().default('').transform((s, ctx) => {
    try {
      return parseMarketConfig(s);
    } catch (err) {
      const details = (err as { details?: { path: string; message: string }[] }).details ?? [];
      ctx.addIssue({ code: 'custom', message: [(err as Error).message, ...details.map((d) => `${d.path}: ${d.message}`)].join('; ') });
      return z.NEVER;
    }
  }),
  /** Container box types over the defaults, by name, as JSON: [{"type": "40ft", "length_mm": 12032, "width_mm": 2352, "height_mm": 2393, "door_height_mm": 2280, "payload_kg": 26000}]. */
  CONTAINER_BOX_TYPES: z.string().default('').transform((s, ctx) => {
    try {
      return parseBoxTypesConfig(s);
    } catch (err) {
      const issues = err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (err as Error).message;
      ctx.addIssue({ code: 'custom', message: `not valid box types JSON: ${issues}` });
      return z.NEVER;
    }
  }),
  /** The most reels one container plan may hold: planning runs on the worker's thread (about a second for 5,000). */
  CONTAINER_MAX_REELS: int(5_000, 1),
});

const ActorLimitsSchema = z.record(
  z.string(),
  z.object({
    inflight: z.number().int().min(1).optional(),
    timeoutMs: z.number().int().min(10).optional(),
    maxAttempts: z.number().int().min(1).optional(),
    pool: z.number().int().min(1).max(256).optional(),
  }).strict(),
);

export type Config = Readonly<z.infer<typeof ConfigSchema>>;

export class ConfigError extends Error {
  readonly code = 'B2B_CONFIG_INVALID';
}

/** Parses an environment; throws a ConfigError naming each bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze(result.data);
}

let loaded: Config | undefined;

/**
 * The process's configuration, read once. The environment wins over `.env`, which wins
 * over `.data/runtime.env` (where `npm start` writes the URLs of the services it started,
 * so the operator CLI finds them too).
 */
export function loadConfig(): Config {
  if (!loaded) {
    loadDotenv({ quiet: true });
    loadDotenv({ path: '.data/runtime.env', quiet: true });
    loaded = parseConfig(process.env);
  }
  return loaded;
}

/** For tools that only touch the database (migrate, the operator CLI): DATABASE_URL alone. */
export function loadDatabaseUrl(): string {
  loadDotenv({ quiet: true });
  loadDotenv({ path: '.data/runtime.env', quiet: true });
  const parsed = ConfigSchema.shape.DATABASE_URL.safeParse(process.env.DATABASE_URL);
  if (!parsed.success) {
    process.stderr.write('invalid configuration:\n  DATABASE_URL: must be a postgres:// URL (or run `npm start` once, which records its embedded database)\n');
    process.exit(78);
  }
  return parsed.data;
}

/** Entry points call this: a bad configuration ends the process with a message, not a stack. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
}
