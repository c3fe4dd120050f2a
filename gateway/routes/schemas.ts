import { z } from 'zod';

export const ErrorResponse = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
  requestId: z.string().optional(),
}).describe('An error with its stable code');

export const MessageState = z.enum(['accepted', 'queued', 'in_flight', 'done', 'dead', 'cancelled']);

export const AcceptedEmail = z.object({
  emailId: z.uuid(),
  messageId: z.uuid(),
  duplicate: z.boolean(),
  state: MessageState,
  result: z.unknown().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
});

export const MessageView = z.object({
  id: z.uuid(),
  actor: z.string(),
  type: z.string(),
  state: MessageState,
  attempts: z.number().int(),
  notBefore: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  lastError: z.object({ code: z.string(), message: z.string(), retryable: z.boolean() }).nullable(),
  result: z.unknown(),
});
