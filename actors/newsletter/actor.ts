import type { z } from 'zod';
import type { Sql } from '../../db/client.js';
import type { Config } from '../common/config.js';
import { AppError } from '../common/errors.js';
import type { Outbox } from '../mailbox/outbox.js';
import type { GenerateIssue, RecordBounce, SendDeliveries, SendIssue, Unsubscribe } from '../messages/newsletter.js';
import type { ActorDefinition, HandlerContext } from '../system/definition.js';
import { names } from '../transport/names.js';
import { mailSettings } from './compose.js';
import { generateIssue, type IssueEnv } from './generate.js';
import { createMailer, type Mailer } from './mailer.js';
import { redisRateLimiter, type RateLimiter } from './rate-limit.js';
import { recordBounce, unsubscribeByMail } from './record-bounce.js';
import { sendBatch } from './send-batch.js';
import { sendIssue } from './send-issue.js';

export interface NewsletterDeps {
  sql: Sql;
  outbox: Outbox;
  config: Config;
  /** Injected by tests; by default SMTP_URL or .eml files, and the Redis limiter. */
  mailer?: Mailer;
  limiter?: RateLimiter;
  now?: () => Date;
}

/** A batch at the slowest rate with every worker's children waiting their turn still fits. */
const TIMEOUT_MS = 10 * 60_000;

/**
 * The newsletter actor: generates a week's issue, fans its deliveries out in batches,
 * sends them (at most once each, rate-limited across all workers), and records bounces
 * and mailto unsubscribes. The mailer and the limiter open their connections on first use.
 */
export function createNewsletter(deps: NewsletterDeps): ActorDefinition<null> {
  const { sql, config } = deps;
  const env: IssueEnv = { sql, settings: mailSettings(config), timeZone: config.SCHEDULER_TIMEZONE, now: deps.now ?? (() => new Date()) };
  // Only what this actor opened is closed by it; injected ones belong to their owner.
  const opened: { mailer?: Mailer; limiter?: RateLimiter } = {};
  const io = {
    mailer: () => deps.mailer ?? (opened.mailer ??= createMailer(config)),
    limiter: () => deps.limiter ?? (opened.limiter ??= redisRateLimiter(config.REDIS_URL, names(config.KEY_PREFIX).rateLimitKey('newsletter-smtp'), config.NEWSLETTER_RATE_PER_S)),
  };
  const batch = (ctx: HandlerContext<null>, p: z.output<typeof SendDeliveries>) => sendBatch({
    sql, log: ctx.log, settings: env.settings, mailer: io.mailer(), limiter: io.limiter(),
    claimant: ctx.message.id, staleClaimMs: 2 * TIMEOUT_MS, signal: ctx.signal,
  }, p.week, p.contactIds);
  return {
    name: 'newsletter', pool: 4, inflight: 8, timeoutMs: TIMEOUT_MS, maxAttempts: 10,
    initialState: () => null,
    handle: async (ctx: HandlerContext<null>) => {
      const p = ctx.message.payload;
      switch (ctx.message.type) {
        case 'generateIssue': return logged(ctx, 'issue generated', await generateIssue(env, (p as z.output<typeof GenerateIssue>).week));
        case 'sendIssue': return logged(ctx, 'issue handed out in batches', await sendIssue({ ...env, outbox: deps.outbox }, ctx.message.id, (p as z.output<typeof SendIssue>).week));
        case 'sendDeliveries': return logged(ctx, 'batch sent', await batch(ctx, p as z.output<typeof SendDeliveries>));
        case 'recordBounce': return recordBounce(sql, ctx.log, p as z.output<typeof RecordBounce>);
        case 'unsubscribe': return unsubscribeByMail(sql, ctx.log, p as z.output<typeof Unsubscribe>);
        default: throw new AppError('B2B_MESSAGE_INVALID', `newsletter has no handler for ${ctx.message.type}`);
      }
    },
    stop: async () => {
      await Promise.all([opened.mailer?.close(), opened.limiter?.close()]);
    },
  };
}

function logged<T extends object>(ctx: HandlerContext<null>, what: string, result: T): T {
  ctx.log.info({ result }, what);
  return result;
}
