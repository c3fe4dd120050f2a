import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAudit, type AuditEntry } from '../../db/audit.js';
import type { GatewayDeps } from '../deps.js';
import { OPS_DOC } from './ops-common.js';
import { AuditQuery, AuditView } from './ops-schemas.js';
import { ErrorResponse } from './schemas.js';

function auditView(e: AuditEntry): z.infer<typeof AuditView> {
  return {
    id: e.id, at: e.at.toISOString(), who: e.who, whoName: e.who_name, action: e.action, actor: e.actor,
    messageId: e.message_id, count: e.count, details: e.details,
  };
}

/** GET /ops/audit: who did what to which mailbox, and when, newest first. */
export async function opsAuditRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get('/ops/audit', {
    onRequest: app.requireRole('operator', 'admin'),
    schema: {
      ...OPS_DOC, summary: 'Operator actions (API, console and CLI): who, what, when', querystring: AuditQuery,
      response: { 200: z.object({ entries: z.array(AuditView), nextCursor: z.uuid().nullable() }), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
    },
  }, async (request) => {
    const { cursor, limit, ...filters } = request.query;
    const entries = await listAudit(deps.sql, { ...filters, before: cursor, limit });
    return { entries: entries.map(auditView), nextCursor: entries.length === limit ? entries[entries.length - 1]?.id ?? null : null };
  });
}
