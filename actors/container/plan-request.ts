import { z } from 'zod';
import { AppError } from '../common/errors.js';
import { allowedBoxes } from './plan/box-types.js';
import { parsePlanInput } from './plan/index.js';
import { type BoxTypeSpec, PlanInput, type PlanInputJson, ReelSpec } from './plan/schema.js';

/**
 * A container plan as a client asks for it (POST /containers/plans): explicit reels, offer
 * lines to resolve from the offers table, or both, with the planner's box types and options.
 * Snake case, as the planner's own JSON.
 */

/** Indexes of the values that appeared before. */
function repeated(values: readonly string[]): number[] {
  const seen = new Set<string>();
  return values.flatMap((v, i) => (seen.has(v) ? [i] : (seen.add(v), [])));
}

const size = z.number().positive().finite().max(10_000);

/** One offer line to plan: all of it, or part of it; sizes the offer does not state. */
export const OfferLineRef = z.strictObject({
  offer_id: z.uuid(),
  reels: z.number().int().positive().max(10_000).optional()
    .describe("how many of its reels; default: the offer's reels, or its tonnes over the reel weight"),
  quantity_t: z.number().positive().finite().max(100_000).optional().describe('plan this many tonnes of it instead'),
  diameter_mm: size.optional().describe('the reel diameter, where the offer states none'),
  core_mm: size.optional().describe('the core, where the offer states none (76 mm by default)'),
  weight_kg: z.number().positive().finite().max(100_000).optional()
    .describe("one reel's weight, where known; default: from its size and the grade's density"),
}).refine((l) => l.reels === undefined || l.quantity_t === undefined, {
  message: 'give reels or quantity_t, not both', path: ['quantity_t'],
});
export type OfferLineRef = z.infer<typeof OfferLineRef>;

export const PlanRequest = z.strictObject({
  reels: z.array(ReelSpec).max(1_000).default([]).describe('reel lines given in full'),
  offers: z.array(OfferLineRef).max(200).default([]).describe('offer lines to plan, resolved from the market'),
  boxes: PlanInput.shape.boxes.describe('the box types the plan may use; default: every defined type'),
  box_types: PlanInput.shape.box_types.describe('box types of this request, over the configured ones by name'),
  options: PlanInput.shape.options,
}).refine((r) => r.reels.length + r.offers.length > 0, { message: 'give reels or offers to plan', path: ['reels'] })
  .superRefine((r, ctx) => {
    repeated(r.reels.map((l) => l.id)).forEach((i) => ctx.addIssue({ code: 'custom', path: ['reels', i, 'id'], message: 'this reel id is used twice' }));
    repeated(r.offers.map((l) => l.offer_id)).forEach((i) => ctx.addIssue({ code: 'custom', path: ['offers', i, 'offer_id'], message: 'this offer line is listed twice' }));
  });
export type PlanRequest = z.infer<typeof PlanRequest>;

/** The configured box types, then the request's own over them by name. */
export function mergeBoxTypes(configured: readonly BoxTypeSpec[], own: readonly BoxTypeSpec[]): BoxTypeSpec[] {
  const byName = new Map(configured.map((b) => [b.type, b] as const));
  for (const b of own) byName.set(b.type, b);
  return [...byName.values()];
}

/** The planner's input for a request whose offer lines became `resolved` reel lines. */
export function composeInput(request: PlanRequest, resolved: readonly PlanInputJson['reels'][number][], configured: readonly BoxTypeSpec[]): PlanInputJson {
  return {
    reels: [...resolved, ...request.reels],
    ...(request.boxes === undefined ? {} : { boxes: request.boxes }),
    box_types: mergeBoxTypes(configured, request.box_types),
    options: request.options,
  };
}

const invalid = (field: string, message: string): AppError =>
  new AppError('B2B_PLAN_INPUT_INVALID', `${field}: ${message}`, { details: [{ field, message }] });

/**
 * What the gateway checks before anything is stored, so that the actor only ever meets
 * plannable input: the planner's schema, known box types, unique reel ids, the reel limit.
 */
export function preflight(input: PlanInputJson, maxReels: number): PlanInput {
  const parsed = parsePlanInput(input);
  try {
    allowedBoxes(parsed);
  } catch (err) {
    throw invalid('body.boxes', (err as Error).message);
  }
  const twice = repeated(parsed.reels.map((r) => r.id));
  if (twice.length > 0) throw invalid('body.reels', `the reel id "${parsed.reels[twice[0]!]!.id}" is an offer line's id too`);
  const total = parsed.reels.reduce((n, r) => n + r.count, 0);
  if (total > maxReels) throw invalid('body.reels', `${total} reels, more than the ${maxReels} one plan may hold`);
  return parsed;
}
