import { z } from 'zod';
import type { ErrorShape } from '../common/errors.js';
import type { PlanListRow, PlanRow, PlanStatus } from '../../db/container-plans.js';
import { BoxTypeSpec, Plan, PlanInput, PlanOptions, ReelSpec } from './plan/schema.js';
import type { OfferSource } from './resolve-offers.js';

/**
 * A container plan as the API shows it: what was asked (resolved), the plan in numbers and
 * in full, the bounds and the explanation, and a picture per box. Planner fields are snake
 * case like the planner's JSON; metadata camelCase like the rest of the API.
 */

export const OfferSourceView = z.object({
  offer_id: z.uuid(),
  label: z.string().describe('how the pictures label its reels'),
  grade: z.string(),
  gsm: z.number().int(),
  count: z.number().int(),
  count_from: z.enum(['request_reels', 'request_tonnes', 'offer_reels', 'offer_tonnes']),
  reel_weight_kg: z.number(),
  weight_from: z.enum(['request', 'size_and_grade']),
  loading_point: z.string().nullable(),
  loading_point_from: z.enum(['incoterm', 'mill']).nullable(),
});

export const PlanStatusView = z.enum(['requested', 'planned', 'failed'])
  .describe('requested: queued or being planned; failed: see error');

const ErrorView = z.object({ code: z.string(), message: z.string() });

export const PlanView = z.object({
  id: z.uuid(),
  status: PlanStatusView,
  buyerId: z.uuid().nullable(),
  createdAt: z.string(),
  plannedAt: z.string().nullable(),
  durationMs: z.number().nullable().describe('time the planner took'),
  input: z.object({
    reel_lines: z.number().int(),
    reels: z.number().int().describe('reels asked for, all lines together'),
    lines: z.array(ReelSpec).describe('every reel line as planned: offer lines resolved to sizes and counts'),
    offers: z.array(OfferSourceView).describe('how each offer line became a reel line'),
    boxes: z.array(z.string()).nullable().describe('the allowed box types; null: every defined type'),
    box_types: z.array(BoxTypeSpec).describe('box types over the defaults: configured, then the request\'s own'),
    options: PlanOptions,
  }),
  summary: z.object({
    boxes: z.number().int(),
    box_types: z.record(z.string(), z.number().int()),
    reels_placed: z.number().int(),
    reels_unplaced: z.number().int(),
    weight_kg: z.number(),
  }).nullable(),
  lower_bound: Plan.shape.lower_bound.nullable(),
  explanation: z.string().nullable().describe('why the plan needs more boxes than the larger bound, where it does'),
  plan: Plan.nullable(),
  pictures: z.array(z.string()).describe('the top view of each box, in order (image/svg+xml)'),
  error: ErrorView.nullable(),
});
export type PlanView = z.infer<typeof PlanView>;

export const PlanListItem = z.object({
  id: z.uuid(),
  status: PlanStatusView,
  buyerId: z.uuid().nullable(),
  reels: z.number().int(),
  boxes: z.number().int().nullable(),
  lower_bound: Plan.shape.lower_bound.nullable(),
  createdAt: z.string(),
  plannedAt: z.string().nullable(),
});

type StatusFacts = Pick<PlanRow, 'status' | 'message_state'> & { error?: ErrorShape | null; message_error?: ErrorShape | null };

/** A request whose message died (past its retries, or cancelled) failed, whatever the row says. */
export function effectiveStatus(row: StatusFacts): { status: PlanStatus; error: z.infer<typeof ErrorView> | null } {
  const pick = (e: ErrorShape | null | undefined) => (e ? { code: e.code, message: e.message } : null);
  if (row.status !== 'requested') return { status: row.status, error: pick(row.error) };
  if (row.message_state === 'dead') return { status: 'failed', error: pick(row.message_error) ?? { code: 'B2B_INTERNAL', message: 'planning failed' } };
  if (row.message_state === 'cancelled') return { status: 'failed', error: { code: 'B2B_CONFLICT', message: 'an operator cancelled the planning' } };
  return { status: 'requested', error: null };
}

function summaryOf(plan: Plan): NonNullable<PlanView['summary']> {
  const types: Record<string, number> = {};
  for (const b of plan.boxes) types[b.type] = (types[b.type] ?? 0) + 1;
  return {
    boxes: plan.boxes.length,
    box_types: types,
    reels_placed: plan.boxes.reduce((n, b) => n + b.reels.length, 0),
    reels_unplaced: plan.unplaced.reduce((n, u) => n + u.count, 0),
    weight_kg: plan.boxes.reduce((w, b) => w + b.weight_kg, 0),
  };
}

export function pictureUrls(basePath: string, id: string, plan: Plan | null): string[] {
  return (plan?.boxes ?? []).map((_, i) => `${basePath}/containers/plans/${id}/boxes/${i + 1}.svg`);
}

export function planView(row: PlanRow, basePath: string): PlanView {
  const input = PlanInput.parse(row.input);
  const plan = row.status === 'planned' ? row.plan : null;
  return {
    id: row.id, ...effectiveStatus(row), buyerId: row.buyer_id,
    createdAt: row.created_at.toISOString(), plannedAt: row.planned_at?.toISOString() ?? null, durationMs: row.duration_ms,
    input: {
      reel_lines: input.reels.length, reels: input.reels.reduce((n, r) => n + r.count, 0), lines: input.reels,
      offers: row.sources, boxes: input.boxes ?? null, box_types: input.box_types, options: input.options,
    },
    summary: plan ? summaryOf(plan) : null,
    lower_bound: plan?.lower_bound ?? null,
    explanation: plan?.explanation ?? null,
    plan,
    pictures: pictureUrls(basePath, row.id, plan),
  };
}

export function planListItem(row: PlanListRow): z.infer<typeof PlanListItem> {
  return {
    id: row.id, status: effectiveStatus(row).status, buyerId: row.buyer_id, reels: row.reel_count, boxes: row.box_count,
    lower_bound: row.lower_bound, createdAt: row.created_at.toISOString(), plannedAt: row.planned_at?.toISOString() ?? null,
  };
}

/** How the pictures label reels of offer lines ("offer 1"); explicit reels keep their ids. */
export function pictureLabels(sources: readonly OfferSource[]): Record<string, string> {
  return Object.fromEntries(sources.map((s) => [s.offer_id, s.label]));
}
