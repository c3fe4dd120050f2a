import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../actors/common/errors.js';
import type { Config } from '../../actors/common/config.js';
import type { GatewayDeps } from '../deps.js';
import { BASIC_CHALLENGE, basicAuthMatches } from '../inbound/basic-auth.js';
import { deliver, readAuthenticated } from '../inbound/deliver.js';
import { parseForm } from '../inbound/form.js';
import { sendgridMessage } from '../inbound/sendgrid.js';
import { safeEqual } from '../inbound/signature.js';
import { InboundRejected } from './inbound-providers.js';
import { AcceptedEmail, ErrorResponse } from './schemas.js';

/** SendGrid retries only 5xx answers, for three days: a payload we keep but cannot use gets a 2xx. */
const SENDGRID = { name: 'sendgrid', rejectStatus: 200 } as const;

/** The path secret never reaches a log line. */
function redactedRequest(req: FastifyRequest) {
  return { method: req.method, url: req.url.replace(/(\/inbound\/sendgrid\/)[^/?#]+/, '$1[redacted]'), remoteAddress: req.ip };
}

/**
 * POST /inbound/sendgrid (basic auth) and /inbound/sendgrid/{secret}: SendGrid Inbound
 * Parse, parsed or raw ("POST the raw, full MIME message"), told apart by the `email` field.
 */
export async function sendgridRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const common = {
    config: { public: true },
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
    logSerializers: { req: redactedRequest },
  };
  const schema = {
    description: 'SendGrid Inbound Parse, multipart/form-data, parsed (headers, text, html, attachments, attachment-info, charsets: each field decoded by its charset) or raw (field email). 200 with the stored e-mail\'s id; a post that can never become an e-mail is kept for operators and answered 200 too, since SendGrid retries only 5xx.',
    tags: ['inbound'],
    response: { 200: z.union([AcceptedEmail, InboundRejected]), 401: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 413: ErrorResponse, 503: ErrorResponse },
  };
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post('/inbound/sendgrid', { ...common, schema: { ...schema, summary: 'SendGrid Inbound Parse, basic auth (SENDGRID_INBOUND_USER, SENDGRID_INBOUND_PASSWORD)' } }, async (request, reply) => {
    authenticate(deps.config, request.headers.authorization, undefined, reply);
    return receive(deps, request, reply);
  });
  typed.post('/inbound/sendgrid/:secret', { ...common, schema: { ...schema, summary: 'SendGrid Inbound Parse, secret in the path (SENDGRID_INBOUND_SECRET)', params: z.object({ secret: z.string() }) } }, async (request, reply) => {
    authenticate(deps.config, request.headers.authorization, request.params.secret, reply);
    return receive(deps, request, reply);
  });
}

function receive(deps: GatewayDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  return deliver(deps, request, reply, SENDGRID, async () => ({ raw: await sendgridMessage(readAuthenticated(() => parseForm(request.headers['content-type'], body))) }));
}

/** Either credential SendGrid can carry passes: basic auth in the Parse URL, or the secret path segment. */
function authenticate(config: Config, authorization: string | undefined, secret: string | undefined, reply: FastifyReply): void {
  const { SENDGRID_INBOUND_USER: user, SENDGRID_INBOUND_PASSWORD: password, SENDGRID_INBOUND_SECRET: pathSecret } = config;
  const basic = user !== undefined && password !== undefined;
  if (!basic && pathSecret === undefined) throw new AppError('B2B_WEBHOOK_DISABLED', 'neither SENDGRID_INBOUND_USER/PASSWORD nor SENDGRID_INBOUND_SECRET is configured');
  if (basic && basicAuthMatches(authorization, user, password)) return;
  if (pathSecret !== undefined && secret !== undefined && safeEqual(secret, pathSecret)) return;
  if (basic) reply.header('www-authenticate', BASIC_CHALLENGE);
  throw new AppError('B2B_WEBHOOK_SIGNATURE_INVALID', 'the SendGrid credentials (basic auth or path secret) are missing or wrong');
}
