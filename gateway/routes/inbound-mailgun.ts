import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError } from '../../actors/common/errors.js';
import type { GatewayDeps } from '../deps.js';
import { deliver } from '../inbound/deliver.js';
import { parseForm } from '../inbound/form.js';
import { mailgunMessage, verifyMailgun } from '../inbound/mailgun.js';
import { InboundRejected } from './inbound-providers.js';
import { AcceptedEmail, ErrorResponse } from './schemas.js';

const MAILGUN = { name: 'mailgun', rejectStatus: 406 } as const;

/**
 * POST /inbound/mailgun (parsed form) and /inbound/mailgun/mime (raw form, `body-mime`):
 * what a Mailgun route's forward() posts, urlencoded or multipart. Both take both forms.
 */
export async function mailgunRoutes(app: FastifyInstance, deps: GatewayDeps): Promise<void> {
  const now = deps.now ?? Date.now;
  for (const url of ['/inbound/mailgun', '/inbound/mailgun/mime']) {
    app.withTypeProvider<ZodTypeProvider>().post(url, {
      config: { public: true },
      bodyLimit: deps.config.BODY_LIMIT_BYTES,
      schema: {
        summary: url.endsWith('mime') ? 'Mailgun route, raw MIME form (body-mime)' : 'Mailgun route, parsed form',
        description: 'A Mailgun route\'s forward() post, application/x-www-form-urlencoded or multipart/form-data. Authenticated by its signature: HMAC-SHA256 of timestamp + token keyed with MAILGUN_SIGNING_KEY; a stale timestamp or a token seen before is refused. 200 with the stored e-mail\'s id; 406 (Mailgun stops retrying) for a verified post that can never become an e-mail, which is kept for operators.',
        tags: ['inbound'],
        response: { 200: AcceptedEmail, 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse, 406: InboundRejected, 409: ErrorResponse, 413: ErrorResponse, 415: ErrorResponse, 503: ErrorResponse },
      },
    }, async (request, reply) => {
      const key = deps.config.MAILGUN_SIGNING_KEY;
      if (!key) throw new AppError('B2B_WEBHOOK_DISABLED', 'MAILGUN_SIGNING_KEY is not configured');
      const form = parseForm(request.headers['content-type'], Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0));
      const token = verifyMailgun(key, form, now(), deps.config.INBOUND_MAX_SKEW_S);
      return deliver(deps, request, reply, MAILGUN, async () => ({ raw: await mailgunMessage(form), nonce: token }));
    });
  }
}
