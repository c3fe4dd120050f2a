import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../actors/common/errors.js';
import type { ApiKey } from '../../db/api-keys.js';
import { getEmail, getEmailRaw, listEmails, type EmailRow } from '../../db/emails.js';
import { getMill } from '../../db/mills.js';
import { offersOfEmail } from '../../db/offers.js';
import type { GatewayDeps } from '../deps.js';
import { OfferView, offerView } from './offer-view.js';
import { pageOf, paged, PageQuery } from './paging.js';
import { ErrorResponse } from './schemas.js';

const EmailStatus = z.enum(['received', 'ingested', 'failed']);

const EmailSummary = z.object({
  id: z.uuid(),
  source: z.string().describe('the route it came in by: rfc822, mailgun, sendgrid, postmark'),
  messageId: z.string().nullable(),
  receivedAt: z.string(),
  status: EmailStatus,
  failureReason: z.string().nullable(),
  from: z.string().nullable(),
  subject: z.string().nullable(),
  sentAt: z.string().nullable(),
  millId: z.uuid().nullable().describe('null once read: an unknown sender (add it with POST /mills/{id}/senders)'),
  sizeBytes: z.number().int(),
});

const EmailDetail = EmailSummary.extend({
  ingestedAt: z.string().nullable(),
  mill: z.object({ id: z.uuid(), name: z.string(), country: z.string().nullable() }).nullable(),
  parts: z.unknown().describe('text and HTML sizes, attachments (filename, content type, size, inline)'),
  offers: z.array(OfferView),
  unparsed: z.array(z.string()).describe('lines that looked like offers but could not be read, and attachments that were skipped, with why'),
});

const EmailQuery = PageQuery.extend({
  status: EmailStatus.optional(),
  sender: z.enum(['known', 'unknown']).optional().describe('unknown: read, but from no known mill'),
  millId: z.uuid().optional(),
});

function summary(row: EmailRow): z.infer<typeof EmailSummary> {
  return {
    id: row.id, source: row.source, messageId: row.message_id, receivedAt: row.received_at.toISOString(), status: row.status,
    failureReason: row.failure_reason, from: row.from_address, subject: row.subject, sentAt: row.sent_at?.toISOString() ?? null,
    millId: row.mill_id, sizeBytes: row.size_bytes,
  };
}

/** Operators: every inbound e-mail, what became of it, its offers and what could not be read. */
export async function emailRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const guard = app.requireRole('operator', 'admin');
  const common = { tags: ['e-mails'], security: [{ apiKey: [] }] };

  typed.get('/emails', {
    onRequest: guard,
    schema: { ...common, summary: 'Inbound e-mails, newest first', querystring: EmailQuery, response: { 200: pageOf(EmailSummary), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse } },
  }, async (request) => {
    const { limit, cursor, ...filters } = request.query;
    return paged(await listEmails(deps.sql, filters, { limit: limit + 1, cursor }), limit, summary);
  });

  typed.get('/emails/:id', {
    onRequest: guard,
    schema: { ...common, summary: 'One e-mail: status, failure reason, parts, mill, offers, unparsed lines', params: z.object({ id: z.uuid() }), response: { 200: EmailDetail, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } },
  }, async (request) => {
    const row = await getEmail(deps.sql, request.params.id);
    if (!row) throw new AppError('B2B_EMAIL_NOT_FOUND', 'no stored e-mail with that id');
    const [mill, offers] = await Promise.all([row.mill_id ? getMill(deps.sql, row.mill_id) : undefined, offersOfEmail(deps.sql, row.id)]);
    return {
      ...summary(row), ingestedAt: row.ingested_at?.toISOString() ?? null, parts: row.parts ?? null, unparsed: row.unparsed,
      mill: mill ? { id: mill.id, name: mill.name, country: mill.country } : null,
      offers: offers.map((o) => offerView(o, request.apiKey as ApiKey)),
    };
  });

  typed.get('/emails/:id/raw', {
    onRequest: guard,
    schema: { ...common, summary: 'The e-mail as stored (message/rfc822)', params: z.object({ id: z.uuid() }), response: { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } },
  }, async (request, reply) => {
    const raw = await getEmailRaw(deps.sql, request.params.id);
    if (!raw) throw new AppError('B2B_EMAIL_NOT_FOUND', 'no stored e-mail with that id');
    return reply.type('message/rfc822').header('content-disposition', `attachment; filename="${request.params.id}.eml"`).send(raw as never); // bytes, not a JSON body: no 200 schema to serialize through
  });
}
