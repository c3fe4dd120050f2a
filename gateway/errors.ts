import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ERRORS, type ErrorCode } from '../actors/common/errors.js';
import { isUnavailable } from '../actors/common/unavailable.js';

export const ErrorBody = {
  type: 'object',
  properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
} as const;

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'B2B_PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'B2B_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'B2B_VALIDATION',
  FST_ERR_CTP_INVALID_JSON_BODY: 'B2B_VALIDATION',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'B2B_VALIDATION',
  FST_ERR_VALIDATION: 'B2B_VALIDATION',
};


function classify(err: FastifyError | AppError | Error): { code: ErrorCode; message: string; details?: unknown } {
  if (err instanceof AppError) return { code: err.code, message: err.message, details: err.details };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as FastifyError).validationContext ?? 'request';
    const field = (path: string) => [where, ...path.split('/').filter(Boolean)].join('.');
    const details = err.validation.map((v) => ({ field: field(v.instancePath), message: v.message }));
    const first = details[0];
    return { code: 'B2B_VALIDATION', message: first ? `${first.field}: ${first.message}` : 'request validation failed', details };
  }
  const code = (err as { code?: string }).code;
  if (code && FASTIFY_CODES[code]) return { code: FASTIFY_CODES[code], message: err.message };
  if (isUnavailable(err)) return { code: 'B2B_UNAVAILABLE', message: 'a dependency is unavailable; retry shortly' };
  return { code: 'B2B_INTERNAL', message: err.message };
}

/** One handler maps every error to its code and status; a 5xx never shows its detail. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const { code, message, details } = classify(err);
    const status = ERRORS[code].status;
    if (status >= 500) {
      request.log.error({ err, code }, 'request failed');
      if (code === 'B2B_UNAVAILABLE') reply.header('retry-after', '5');
      return reply.status(status).send({ code, message: code === 'B2B_INTERNAL' ? 'internal error' : message, requestId: request.id });
    }
    return reply.status(status).send(details === undefined ? { code, message } : { code, message, details });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ code: 'B2B_NOT_FOUND', message: `no route ${request.method} ${request.url}` });
  });
}
