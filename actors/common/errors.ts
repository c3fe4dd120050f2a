import { isUnavailable } from './unavailable.js';

/**
 * The one catalogue of error codes. Across processes and actors, branch on `.code`,
 * never on `instanceof`: errors cross the mailbox as plain `{code, message, retryable}`.
 */
export const ERRORS = {
  B2B_CONFIG_INVALID: { status: 500, retryable: false, doc: 'An environment variable failed validation at start.' },
  B2B_INTERNAL: { status: 500, retryable: true, doc: 'An unexpected failure; details are in the logs, not in the answer.' },
  B2B_UNAVAILABLE: { status: 503, retryable: true, doc: 'A dependency (PostgreSQL, Redis, RabbitMQ) cannot be reached.' },
  B2B_VALIDATION: { status: 400, retryable: false, doc: 'A request or message failed its schema; the details name the field.' },
  B2B_UNAUTHENTICATED: { status: 401, retryable: false, doc: 'No API key, or one that is unknown or revoked.' },
  B2B_FORBIDDEN: { status: 403, retryable: false, doc: 'The API key is valid but its role may not use this route.' },
  B2B_NOT_FOUND: { status: 404, retryable: false, doc: 'No such resource, or not one this caller may see.' },
  B2B_CONFLICT: { status: 409, retryable: false, doc: 'The resource is not in a state that allows this change.' },
  B2B_PAYLOAD_TOO_LARGE: { status: 413, retryable: false, doc: 'The body is larger than the configured limit.' },
  B2B_UNSUPPORTED_MEDIA_TYPE: { status: 415, retryable: false, doc: 'The body has a content type this route does not take.' },
  B2B_RATE_LIMITED: { status: 429, retryable: true, doc: 'Too many requests; retry after the indicated delay.' },
  B2B_WEBHOOK_SIGNATURE_INVALID: { status: 401, retryable: false, doc: 'An inbound webhook signature or credential is missing or wrong.' },
  B2B_WEBHOOK_STALE: { status: 401, retryable: false, doc: 'An inbound webhook timestamp is outside the allowed window.' },
  B2B_WEBHOOK_REPLAYED: { status: 409, retryable: false, doc: 'An inbound webhook signature was already used once.' },
  B2B_WEBHOOK_DISABLED: { status: 404, retryable: false, doc: 'The provider route has no credentials configured and is closed.' },
  B2B_EMAIL_INVALID: { status: 400, retryable: false, doc: 'The body is not an RFC 5322 message.' },
  B2B_EMAIL_UNREADABLE: { status: 422, retryable: false, doc: 'The e-mail or an attachment cannot be decoded within the limits.' },
  B2B_EMAIL_NOT_FOUND: { status: 404, retryable: false, doc: 'No stored e-mail with that id.' },
  B2B_MESSAGE_NOT_FOUND: { status: 404, retryable: false, doc: 'No mailbox message with that id.' },
  B2B_MESSAGE_INVALID: { status: 400, retryable: false, doc: 'A message envelope or payload failed its schema.' },
  B2B_HANDLER_TIMEOUT: { status: 500, retryable: true, doc: 'An actor did not finish a message within its time limit.' },
  B2B_LEASE_EXPIRED: { status: 500, retryable: true, doc: 'The worker holding a message stopped before finishing it.' },
  B2B_ACTOR_PAUSED: { status: 409, retryable: true, doc: 'The actor is paused; its messages wait in the mailbox.' },
  B2B_OFFER_NOT_FOUND: { status: 404, retryable: false, doc: 'No offer line with that id, or not one this caller may see.' },
  B2B_REQUEST_NOT_FOUND: { status: 404, retryable: false, doc: 'No buyer request with that id, or not one this caller may see.' },
  B2B_WINDOW_NOT_FOUND: { status: 404, retryable: false, doc: 'No exclusivity window with that id, or not one this caller may see.' },
  B2B_WINDOW_CLOSED: { status: 409, retryable: false, doc: 'The exclusivity window is no longer open.' },
  B2B_OFFER_UNAVAILABLE: { status: 409, retryable: false, doc: 'The offer is reserved, sold or withdrawn.' },
  B2B_PLAN_INVALID: { status: 500, retryable: false, doc: 'A container plan failed its own validation: a planner bug.' },
  B2B_PLAN_INPUT_INVALID: { status: 400, retryable: false, doc: 'Reels or boxes that cannot be planned (a reel wider than any door).' },
  B2B_PLAN_NOT_FOUND: { status: 404, retryable: false, doc: 'No container plan with that id, or not one this caller may see.' },
  B2B_UNSUBSCRIBE_TOKEN_INVALID: { status: 404, retryable: false, doc: 'The unsubscribe token is unknown.' },
  B2B_CONFIRMATION_REQUIRED: { status: 409, retryable: false, doc: 'A destructive operator action needs its confirmation token.' },
  B2B_INBOUND_UNPROCESSABLE: { status: 422, retryable: false, doc: 'An authenticated provider delivery can never become an e-mail; it is kept for operators and the provider told to stop retrying.' },
  B2B_MILL_NOT_FOUND: { status: 404, retryable: false, doc: 'No mill with that id.' },
  B2B_BUYER_NOT_FOUND: { status: 404, retryable: false, doc: 'No buyer with that id, or not one this caller may see.' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** What crosses a process boundary: a mailbox row's last_error, an HTTP error body. */
export interface ErrorShape {
  code: string;
  message: string;
  retryable: boolean;
  details?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options: { details?: unknown; cause?: unknown; retryable?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryable = options.retryable ?? ERRORS[code].retryable;
    this.status = ERRORS[code].status;
    this.details = options.details;
  }
}

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERRORS, code);
}

/**
 * Any thrown value as an ErrorShape; a dependency that cannot be reached is
 * B2B_UNAVAILABLE; unknown errors are retryable, as a crash may be transient.
 */
export function toErrorShape(err: unknown): ErrorShape {
  if (err && typeof err === 'object' && 'code' in err && isErrorCode((err as { code: unknown }).code)) {
    const e = err as { code: ErrorCode; message?: string; retryable?: boolean; details?: unknown };
    return { code: e.code, message: String(e.message ?? e.code), retryable: e.retryable ?? ERRORS[e.code].retryable, ...(e.details === undefined ? {} : { details: e.details }) };
  }
  const message = err instanceof Error ? err.message : String(err);
  if (isUnavailable(err)) return { code: 'B2B_UNAVAILABLE', message, retryable: true };
  return { code: 'B2B_INTERNAL', message, retryable: true };
}
