import { z } from 'zod';
import { EVENT_KINDS, type EventRow } from './events.js';
import type { MailboxRow } from './mailbox.js';

/**
 * The operator's view of a mailbox row, one shape for the API, the console and the CLI.
 * Payloads and results are shown with secrets and e-mail bodies redacted, unless the
 * operator asks to see them (the API audits that).
 */
const SECRET_KEY = /pass(word)?|secret|token|api_?key|authori[sz]ation|cookie|credential|signature|private/i;
const BODY_KEY = /^(raw|body|html|text|plain|content|body_?(html|text)|(html|text)_?body|attachments?)$/i;
const API_KEY_VALUE = /^b2b_[\w-]{16,}$/;
const URL_PASSWORD = /(\w+:\/\/[^:/\s]+:)[^@\s]+@/g;

export const OpsEvent = z.object({
  event: z.enum(EVENT_KINDS),
  at: z.string(),
  attempt: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  /** The worker for the actor's own steps; the operator for retried and cancelled. */
  by: z.string().nullable(),
  error: z.object({ code: z.string().nullable(), message: z.string().nullable() }).nullable(),
});

export const OpsMessage = z.object({
  id: z.uuid(),
  actor: z.string(),
  type: z.string(),
  state: z.enum(['queued', 'in_flight', 'done', 'dead', 'cancelled']),
  dueLater: z.boolean(),
  envelope: z.object({
    key: z.string().nullable(), dedupeKey: z.string().nullable(), correlationId: z.string().nullable(),
    replyTo: z.string().nullable(), origin: z.string().nullable(),
  }),
  payload: z.unknown(),
  result: z.unknown(),
  /** True when something in the payload or result was hidden (ask with reveal=true). */
  redacted: z.boolean(),
  attempts: z.number().int(),
  lastError: z.object({ code: z.string(), message: z.string(), retryable: z.boolean() }).nullable(),
  timing: z.object({
    createdAt: z.string(), notBefore: z.string(), startedAt: z.string().nullable(), finishedAt: z.string().nullable(),
    leaseOwner: z.string().nullable(), leaseUntil: z.string().nullable(), ageS: z.number(),
  }),
  events: z.array(OpsEvent),
});
export type OpsMessage = z.infer<typeof OpsMessage>;

/** A copy of `value` with secrets and bodies replaced; `hidden` counts what was replaced. */
export function redact(value: unknown, key = '', depth = 0): { value: unknown; hidden: number } {
  if (key && SECRET_KEY.test(key) && value !== null && value !== undefined) return { value: '[redacted]', hidden: 1 };
  if (key && BODY_KEY.test(key) && value !== null && value !== undefined) {
    return { value: typeof value === 'string' ? `[redacted: ${value.length} chars]` : '[redacted]', hidden: 1 };
  }
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object' || depth > 20) return { value, hidden: 0 };
  let hidden = 0;
  const walk = (v: unknown, k: string) => {
    const r = redact(v, k, depth + 1);
    hidden += r.hidden;
    return r.value;
  };
  const copy = Array.isArray(value)
    ? value.map((v) => walk(v, ''))
    : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
  return { value: copy, hidden };
}

function redactString(value: string): { value: string; hidden: number } {
  if (API_KEY_VALUE.test(value)) return { value: '[redacted]', hidden: 1 };
  const masked = value.replace(URL_PASSWORD, '$1***@');
  return { value: masked, hidden: masked === value ? 0 : 1 };
}

function eventView(e: EventRow): z.infer<typeof OpsEvent> {
  const error = e.error_code || e.error_message ? { code: e.error_code, message: e.error_message } : null;
  return { event: e.event, at: e.at.toISOString(), attempt: e.attempt, durationMs: e.duration_ms, by: e.worker, error };
}

export function opsMessageView(row: MailboxRow, events: EventRow[], reveal: boolean, now = Date.now()): OpsMessage {
  const payload = reveal ? { value: row.payload, hidden: 0 } : redact(row.payload);
  const result = reveal ? { value: row.result ?? null, hidden: 0 } : redact(row.result ?? null);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: row.id, actor: row.actor, type: row.type, state: row.state,
    dueLater: row.state === 'queued' && row.not_before.getTime() > now,
    envelope: { key: row.key, dedupeKey: row.dedupe_key, correlationId: row.correlation_id, replyTo: row.reply_to, origin: row.origin },
    payload: payload.value, result: result.value, redacted: payload.hidden + result.hidden > 0,
    attempts: row.attempts, lastError: row.last_error,
    timing: {
      createdAt: row.created_at.toISOString(), notBefore: row.not_before.toISOString(), startedAt: iso(row.started_at),
      finishedAt: iso(row.finished_at), leaseOwner: row.lease_owner, leaseUntil: iso(row.lease_until),
      ageS: Math.max(0, (now - row.created_at.getTime()) / 1000),
    },
    events: events.filter((e) => e.message_id === row.id).map(eventView),
  };
}
