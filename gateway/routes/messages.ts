import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../actors/common/errors.js';
import { getMessage, type MailboxRow } from '../../db/mailbox.js';
import type { GatewayDeps } from '../deps.js';
import { ErrorResponse, MessageView } from './schemas.js';

export function messageView(row: MailboxRow): z.infer<typeof MessageView> {
  return {
    id: row.id, actor: row.actor, type: row.type, state: row.state, attempts: row.attempts,
    notBefore: row.not_before.toISOString(), createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null, finishedAt: row.finished_at?.toISOString() ?? null,
    lastError: row.last_error, result: row.result ?? null,
  };
}

/** GET /messages/{id}: where an accepted call stands. Its sender sees it; operators see all. */
export async function messageRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get('/messages/:id', {
    onRequest: app.requireRole('buyer', 'mill', 'operator', 'admin'),
    schema: {
      summary: 'State, attempts, last error and result of one message',
      tags: ['messages'],
      security: [{ apiKey: [] }],
      params: z.object({ id: z.uuid() }),
      response: { 200: MessageView, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
    },
  }, async (request) => {
    const row = await getMessage(deps.sql, request.params.id);
    const key = request.apiKey;
    const mayRead = key && (key.role === 'operator' || key.role === 'admin' || row?.origin === `key:${key.id}`);
    if (!row || !mayRead) throw new AppError('B2B_MESSAGE_NOT_FOUND', 'no such message');
    return messageView(row);
  });
}
