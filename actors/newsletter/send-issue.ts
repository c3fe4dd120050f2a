import { deliveryContactIds, markSendStarted } from '../../db/newsletters.js';
import type { Outbox } from '../mailbox/outbox.js';
import { generateIssue, type IssueEnv } from './generate.js';

/**
 * The fan-out of a week's send: generate the issue if it is not yet, then one
 * sendDeliveries message per batch of contacts. Messages carry no key, so every worker's
 * newsletter children share them. Batches are cut from all of the week's deliveries in
 * contact order (a set fixed at generation), so a re-run of this message cuts the same
 * batches and its dedupe keys make them no-ops; a new send (an operator's) makes new
 * batches, which pass over what is already sent.
 */

export const BATCH_SIZE = 20;

export interface SendIssueResult {
  week: string;
  generated: boolean;
  deliveries: number;
  batches: number;
}

export function batchesOf(rows: readonly { contact_id: string; done: boolean }[], size = BATCH_SIZE): string[][] {
  const batches: string[][] = [];
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    if (chunk.some((r) => !r.done)) batches.push(chunk.map((r) => r.contact_id));
  }
  return batches;
}

export async function sendIssue(env: IssueEnv & { outbox: Outbox }, sendId: string, week: string): Promise<SendIssueResult> {
  const generated = await generateIssue(env, week);
  const batches = batchesOf(await deliveryContactIds(env.sql, week));
  await markSendStarted(env.sql, week);
  await Promise.all(batches.map((contactIds) => env.outbox.send('newsletter', 'sendDeliveries', { week, contactIds }, {
    dedupeKey: `newsletter:${week}:${sendId}:${contactIds[0]}`,
  })));
  return { week, generated: generated.created, deliveries: generated.deliveries, batches: batches.length };
}
