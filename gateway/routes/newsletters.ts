import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../actors/common/errors.js';
import { NewsletterWeek } from '../../actors/messages/newsletter.js';
import { mailSettings } from '../../actors/newsletter/compose.js';
import { previewIssue, type IssueEnv } from '../../actors/newsletter/generate.js';
import { getIssue, issueCounts, type IssueCounts, type IssueRow } from '../../db/newsletters.js';
import { sendAndAnswer } from '../answer.js';
import type { GatewayDeps } from '../deps.js';
import { ErrorResponse, MessageState } from './schemas.js';

const Preview = z.object({
  week: z.string(),
  buyerName: z.string(),
  contactName: z.string(),
  offers: z.number().int().describe('offer lines in the issue'),
  generated: z.boolean().describe('true: the week is generated and this is its issue for the buyer, as it would be sent now'),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
});

const IssueStatus = z.object({
  week: z.string(),
  state: z.enum(['generated', 'sending', 'sent']),
  generatedAt: z.string().nullable(),
  sendStartedAt: z.string().nullable(),
  window: z.object({ start: z.string(), end: z.string() }).nullable().describe('the offers shown went on the open market within it'),
  offers: z.number().int().describe('distinct offer lines across the deliveries'),
  deliveries: z.object({
    total: z.number().int(), pending: z.number().int(), sending: z.number().int(), sent: z.number().int(),
    failed: z.number().int(), skipped: z.number().int(),
  }),
  bounces: z.object({ hard: z.number().int(), soft: z.number().int() }),
});

const SendAccepted = z.object({
  week: z.string(),
  messageId: z.uuid(),
  state: MessageState,
  result: z.unknown().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});

function issueState(issue: IssueRow, counts: IssueCounts): z.infer<typeof IssueStatus>['state'] {
  if (!issue.send_started_at) return 'generated';
  return counts.byState.pending + counts.byState.sending > 0 ? 'sending' : 'sent';
}

function statusView(issue: IssueRow, counts: IssueCounts): z.infer<typeof IssueStatus> {
  const window = issue.window_start && issue.window_end ? { start: issue.window_start.toISOString(), end: issue.window_end.toISOString() } : null;
  return {
    week: issue.week, state: issueState(issue, counts), generatedAt: issue.generated_at?.toISOString() ?? null,
    sendStartedAt: issue.send_started_at?.toISOString() ?? null, window, offers: counts.offers,
    deliveries: { total: counts.total, ...counts.byState }, bounces: counts.bounces,
  };
}

/** Operators: preview a buyer's issue, see where a week stands, send a week by hand. */
export async function newsletterRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const guard = app.requireRole('operator', 'admin');
  const common = { tags: ['newsletter'], security: [{ apiKey: [] }] };
  const env: IssueEnv = { sql: deps.sql, settings: mailSettings(deps.config), timeZone: deps.config.SCHEDULER_TIMEZONE, now: () => new Date(deps.now?.() ?? Date.now()) };

  typed.get('/newsletters/preview', {
    onRequest: guard,
    schema: {
      ...common, summary: "A buyer's issue of a week (default: this week): subject, HTML and text",
      querystring: z.object({ buyer: z.uuid(), week: NewsletterWeek.optional() }),
      response: { 200: Preview, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
    },
  }, async (request) => previewIssue(env, request.query.buyer, request.query.week));

  typed.get('/newsletters/:week', {
    onRequest: guard,
    schema: {
      ...common, summary: "A week's issue: deliveries by state, bounces",
      params: z.object({ week: NewsletterWeek }),
      response: { 200: IssueStatus, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
    },
  }, async (request) => {
    const issue = await getIssue(deps.sql, request.params.week);
    if (!issue) throw new AppError('B2B_NOT_FOUND', `no newsletter for ${request.params.week}`);
    return statusView(issue, await issueCounts(deps.sql, issue.week));
  });

  typed.post('/newsletters/:week/send', {
    onRequest: guard,
    schema: {
      ...common, summary: 'Generate (if needed) and send a week now; nobody gets a second copy',
      description: 'The same path as the scheduled run: deliveries already sent are passed over. Honours Prefer: wait=N (the fan-out, not every e-mail).',
      params: z.object({ week: NewsletterWeek }),
      response: { 200: SendAccepted, 202: SendAccepted, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
    },
  }, async (request, reply) => sendAndAnswer(deps, request, reply, async (opts) => {
    const { week } = request.params;
    const sent = await deps.outbox.send('newsletter', 'sendIssue', { week }, { ...opts, key: `week:${week}`, origin: `key:${request.apiKey?.id}` });
    return { messageId: sent.id, body: { week } };
  }));
}
