import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../actors/common/errors.js';
import { getRejectBody, listRejects, type InboundReject } from '../../db/inbound-rejects.js';
import type { GatewayDeps } from '../deps.js';
import { pageOf, paged, PageQuery } from './paging.js';
import { ErrorResponse } from './schemas.js';

const Reject = z.object({
  id: z.uuid(),
  provider: z.string(),
  code: z.string(),
  reason: z.string(),
  contentType: z.string().nullable(),
  sizeBytes: z.number().int(),
  receivedAt: z.string(),
});

function rejectView(r: InboundReject): z.infer<typeof Reject> {
  return { id: r.id, provider: r.provider, code: r.code, reason: r.reason, contentType: r.content_type, sizeBytes: r.size_bytes, receivedAt: r.received_at.toISOString() };
}

/** Operators: provider deliveries we told the provider to stop retrying, kept byte for byte. */
export async function inboundRejectRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const guard = app.requireRole('operator', 'admin');
  const common = { tags: ['inbound'], security: [{ apiKey: [] }] };

  typed.get('/inbound/rejects', {
    onRequest: guard,
    schema: {
      ...common, summary: 'Authenticated provider deliveries that could never become an e-mail, newest first',
      querystring: PageQuery.extend({ provider: z.enum(['mailgun', 'sendgrid', 'postmark']).optional() }),
      response: { 200: pageOf(Reject), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
    },
  }, async (request) => {
    const { limit, cursor, provider } = request.query;
    return paged(await listRejects(deps.sql, { limit: limit + 1, cursor, provider }), limit, rejectView);
  });

  typed.get('/inbound/rejects/:id/body', {
    onRequest: guard,
    schema: { ...common, summary: 'The delivery exactly as it came, with its content type (to inspect or replay)', params: z.object({ id: z.uuid() }), response: { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } },
  }, async (request, reply) => {
    const row = await getRejectBody(deps.sql, request.params.id);
    if (!row) throw new AppError('B2B_NOT_FOUND', 'no such inbound reject');
    // Served as a download, never rendered: it is whatever a provider (or a forger with its credentials) sent.
    return reply.type(row.content_type ?? 'application/octet-stream').header('content-disposition', `attachment; filename="${request.params.id}.bin"`)
      .header('x-content-type-options', 'nosniff').send(row.body as never);
  });
}
