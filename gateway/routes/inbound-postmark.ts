import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../actors/common/errors.js';
import type { GatewayDeps } from '../deps.js';
import { BASIC_CHALLENGE, basicAuthMatches } from '../inbound/basic-auth.js';
import { deliver } from '../inbound/deliver.js';
import { postmarkMessage } from '../inbound/postmark.js';
import { InboundRejected } from './inbound-providers.js';
import { AcceptedEmail, ErrorResponse } from './schemas.js';

/** Postmark stops retrying on 403 and only then. */
const POSTMARK = { name: 'postmark', rejectStatus: 403 } as const;

/** POST /inbound/postmark: Postmark's inbound webhook JSON, with basic auth from the webhook URL. */
export async function postmarkRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().post('/inbound/postmark', {
    config: { public: true },
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
    schema: {
      summary: 'Postmark inbound webhook (JSON), basic auth',
      description: 'Postmark\'s inbound JSON (From, FromFull, To, Subject, MessageID, Date, TextBody, HtmlBody, Headers, Attachments with base64 Content; RawEmail when included). Basic auth with POSTMARK_INBOUND_USER and POSTMARK_INBOUND_PASSWORD. 200 with the stored e-mail\'s id; 403 (Postmark stops retrying) for an authenticated post that can never become an e-mail, which is kept for operators.',
      tags: ['inbound'],
      response: { 200: AcceptedEmail, 401: ErrorResponse, 403: InboundRejected, 404: ErrorResponse, 409: ErrorResponse, 413: ErrorResponse, 503: ErrorResponse },
    },
  }, async (request, reply) => {
    const { POSTMARK_INBOUND_USER: user, POSTMARK_INBOUND_PASSWORD: password } = deps.config;
    if (user === undefined || password === undefined) throw new AppError('B2B_WEBHOOK_DISABLED', 'POSTMARK_INBOUND_USER and POSTMARK_INBOUND_PASSWORD are not configured');
    if (!basicAuthMatches(request.headers.authorization, user, password)) {
      reply.header('www-authenticate', BASIC_CHALLENGE);
      throw new AppError('B2B_WEBHOOK_SIGNATURE_INVALID', 'the Postmark basic-auth credentials are missing or wrong');
    }
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    return deliver(deps, request, reply, POSTMARK, async () => ({ raw: await postmarkMessage(body) }));
  });
}
