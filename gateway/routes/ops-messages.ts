import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../actors/common/errors.js';
import type { ActorName } from '../../actors/messages/envelope.js';
import { getMessage, type MailboxRow } from '../../db/mailbox.js';
import { cancelMessage, retryAllDeadLetters, retryDeadLetter, type Requeued } from '../../db/ops-actions.js';
import { browseMessages, messageViews } from '../../db/ops-messages.js';
import { purgeDeadLetters } from '../../db/ops-purge.js';
import { OpsMessage } from '../../db/ops-views.js';
import type { GatewayDeps } from '../deps.js';
import { OPS_DOC, operatorOf } from './ops-common.js';
import { ActorParams, BrowseQuery, MessageParams, PurgeBody, RevealQuery } from './ops-schemas.js';
import { ErrorResponse } from './schemas.js';

const Page = z.object({ messages: z.array(OpsMessage), nextCursor: z.uuid().nullable() });
const denied = { 401: ErrorResponse, 403: ErrorResponse };
const NOTICE_CHUNK = 1_000;

/** Re-queued messages are announced at once, so they run now rather than at the next sweep. */
function announce(deps: GatewayDeps, rows: Requeued[]): void {
  for (let i = 0; i < rows.length; i += NOTICE_CHUNK) {
    const chunk = rows.slice(i, i + NOTICE_CHUNK);
    for (const actor of new Set(chunk.map((r) => r.actor as ActorName))) {
      deps.transport.notify(actor, chunk.filter((r) => r.actor === actor).map((r) => (r.key ? { id: r.id, key: r.key } : { id: r.id })));
    }
  }
}

function views(deps: GatewayDeps, request: FastifyRequest, rows: MailboxRow[], reveal: boolean): Promise<OpsMessage[]> {
  return messageViews(deps.sql, operatorOf(request), rows, reveal);
}

async function one(deps: GatewayDeps, request: FastifyRequest, id: string, reveal = false): Promise<OpsMessage> {
  const row = await getMessage(deps.sql, id);
  if (!row) throw new AppError('B2B_MESSAGE_NOT_FOUND', `no message ${id}`);
  return (await views(deps, request, [row], reveal))[0] as OpsMessage;
}

/** Operators: browse any actor's mailbox; retry, cancel and purge, every action audited. */
export async function opsMessageRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const guard = app.requireRole('operator', 'admin');

  typed.get('/ops/actors/:actor/messages', {
    onRequest: guard,
    schema: { ...OPS_DOC, summary: "An actor's mailbox, newest first, by state and type: envelope, payload (redacted unless reveal=true, audited), attempts, errors, timing, events", params: ActorParams, querystring: BrowseQuery, response: { 200: Page, 400: ErrorResponse, ...denied } },
  }, async (request) => {
    const { state, type, cursor, limit, reveal } = request.query;
    const rows = await browseMessages(deps.sql, { actor: request.params.actor, state, type, before: cursor, limit });
    const messages = await views(deps, request, rows, reveal === 'true');
    return { messages, nextCursor: rows.length === limit ? rows[rows.length - 1]?.id ?? null : null };
  });

  typed.get('/ops/messages/:id', {
    onRequest: guard,
    schema: { ...OPS_DOC, summary: 'One message with its whole timeline (reveal=true shows secrets and bodies, audited)', params: MessageParams, querystring: RevealQuery, response: { 200: OpsMessage, 400: ErrorResponse, 404: ErrorResponse, ...denied } },
  }, async (request) => one(deps, request, request.params.id, request.query.reveal === 'true'));

  typed.post('/ops/messages/:id/retry', {
    onRequest: guard,
    schema: { ...OPS_DOC, summary: 'Retry a dead letter now, with a fresh set of attempts (audited)', params: MessageParams, response: { 200: OpsMessage, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, ...denied } },
  }, async (request) => {
    const row = await retryDeadLetter(deps.sql, operatorOf(request), request.params.id);
    announce(deps, [row]);
    return one(deps, request, row.id);
  });

  typed.post('/ops/messages/:id/cancel', {
    onRequest: guard,
    schema: { ...OPS_DOC, summary: 'Cancel a queued message (due now or later): it will not run (audited)', params: MessageParams, response: { 200: OpsMessage, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, ...denied } },
  }, async (request) => {
    const row = await cancelMessage(deps.sql, operatorOf(request), request.params.id);
    return one(deps, request, row.id);
  });

  typed.post('/ops/actors/:actor/dead-letters/retry', {
    onRequest: guard,
    schema: { ...OPS_DOC, summary: "Retry all of an actor's dead letters now (audited)", params: ActorParams, response: { 200: z.object({ retried: z.number().int() }), 400: ErrorResponse, ...denied } },
  }, async (request) => {
    const rows = await retryAllDeadLetters(deps.sql, operatorOf(request), request.params.actor);
    announce(deps, rows);
    return { retried: rows.length };
  });

  typed.post('/ops/actors/:actor/dead-letters/purge', {
    onRequest: guard,
    schema: {
      ...OPS_DOC,
      summary: "Delete an actor's dead letters, asking twice: without `confirm` the answer is 409 B2B_CONFIRMATION_REQUIRED with a token (details.token) bound to them; repeat with it (audited)",
      params: ActorParams, body: PurgeBody,
      response: { 200: z.object({ purged: z.number().int() }), 400: ErrorResponse, 409: ErrorResponse, ...denied },
    },
  }, async (request) => purgeDeadLetters(deps.sql, operatorOf(request), request.params.actor, request.body?.confirm));
}
