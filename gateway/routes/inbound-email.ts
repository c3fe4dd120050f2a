import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../actors/common/errors.js';
import { sendAndAnswer } from '../answer.js';
import type { GatewayDeps } from '../deps.js';
import { looksLikeMessage } from '../inbound/rfc822.js';
import { verifyB2bSignature } from '../inbound/signature.js';
import { storeInbound } from '../inbound/store.js';
import { AcceptedEmail, ErrorResponse } from './schemas.js';

/** POST /inbound/email: a raw RFC 5322 message, signed with INBOUND_EMAIL_SECRET. */
export async function inboundEmailRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const { config } = deps;
  const now = deps.now ?? Date.now;
  app.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: config.BODY_LIMIT_BYTES }, (_req, body, done) => done(null, body));

  app.withTypeProvider<ZodTypeProvider>().post('/inbound/email', {
    config: { public: true },
    bodyLimit: config.BODY_LIMIT_BYTES,
    schema: {
      summary: 'Receive one raw e-mail (message/rfc822), signed',
      description: 'Headers: X-B2B-Timestamp (Unix seconds) and X-B2B-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>"> keyed with INBOUND_EMAIL_SECRET. Stored before the answer; a second delivery of the same Message-ID is recognised. Honours Prefer: wait=N.',
      tags: ['inbound'],
      headers: z.object({ 'x-b2b-timestamp': z.string().optional(), 'x-b2b-signature': z.string().optional(), prefer: z.string().optional() }),
      response: { 200: AcceptedEmail, 202: AcceptedEmail, 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse },
    },
  }, async (request, reply) => {
    if (!config.INBOUND_EMAIL_SECRET) throw new AppError('B2B_WEBHOOK_DISABLED', 'INBOUND_EMAIL_SECRET is not configured');
    if (!Buffer.isBuffer(request.body)) throw new AppError('B2B_UNSUPPORTED_MEDIA_TYPE', 'send the raw message as Content-Type: message/rfc822');
    const raw = request.body;
    verifyB2bSignature(config.INBOUND_EMAIL_SECRET, request.headers['x-b2b-timestamp'], request.headers['x-b2b-signature'], raw, now(), config.INBOUND_MAX_SKEW_S);
    if (!looksLikeMessage(raw)) throw new AppError('B2B_EMAIL_INVALID', 'the body is not an RFC 5322 message (no header section)');
    const nonce = request.headers['x-b2b-signature'] as string;
    return sendAndAnswer(deps, request, reply, (opts) => storeInbound(deps, { source: 'rfc822', raw, nonce }, opts));
  });
}
