/**
 * Errors that say a dependency (PostgreSQL, Redis, RabbitMQ) could not be reached, as
 * opposed to a fault of the message or the code: connection-level errno codes, the
 * postgres client's connection codes, and PostgreSQL's shutdown and connection SQLSTATEs.
 */
const CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT',
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300',
]);

export function isUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof e.code === 'string' && CODES.has(e.code)) return true;
  // ioredis: a command on a closed connection, or retries exhausted while reconnecting.
  return e.name === 'MaxRetriesPerRequestError' || (typeof e.message === 'string' && e.message === 'Connection is closed.');
}
