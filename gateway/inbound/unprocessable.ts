import { AppError } from '../../actors/common/errors.js';

/** An authenticated delivery that can never become an e-mail: kept for operators, not retried. */
export function unprocessable(reason: string): AppError {
  return new AppError('B2B_INBOUND_UNPROCESSABLE', reason);
}

export function isUnprocessable(err: unknown): err is AppError {
  return err instanceof Error && (err as { code?: unknown }).code === 'B2B_INBOUND_UNPROCESSABLE';
}

/** Parses JSON from a provider field; a field that is not JSON is unprocessable. */
export function jsonField(text: string | undefined, name: string): unknown {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw unprocessable(`field ${name} is not JSON`);
  }
}
