import { z } from 'zod';
import { Grade } from '../../domain/grades.js';

/**
 * The container planner's input and output, shared by the CLI, the HTTP API and the
 * container actor's message. JSON fields are snake_case; lengths in mm, weights in kg.
 */

const Mm = z.number().positive().finite();

/** One line of reels: `count` identical reels. */
export const ReelSpec = z.strictObject({
  id: z.string().min(1),
  diameter_mm: Mm,
  width_mm: Mm,
  /** Core inner diameter; 76 mm (3") where null. */
  core_mm: Mm.nullable().default(null),
  /** Per reel; where null, computed from the size and the grade's density. */
  weight_kg: z.number().positive().finite().nullable().default(null),
  grade: Grade.nullable().default(null),
  count: z.number().int().positive().max(10_000).default(1),
  offer_line_id: z.string().min(1).nullable().default(null),
  loading_point: z.string().min(1).nullable().default(null),
}).refine((r) => r.core_mm === null || r.core_mm < r.diameter_mm, {
  message: 'core_mm must be smaller than diameter_mm', path: ['core_mm'],
});
export type ReelSpec = z.infer<typeof ReelSpec>;

/** Inside dimensions of a box type; `type` is the name that `boxes` refers to. */
export const BoxTypeSpec = z.strictObject({
  type: z.string().min(1),
  length_mm: Mm,
  width_mm: Mm,
  height_mm: Mm,
  door_height_mm: Mm,
  payload_kg: z.number().positive().finite(),
});
export type BoxTypeSpec = z.infer<typeof BoxTypeSpec>;

export const PlanOptions = z.strictObject({
  /** Whether reels from different loading points may share a box. */
  mix_loading_points: z.boolean().default(false),
  /** A road weight limit per box; it caps every box's payload. */
  road_limit_kg: z.number().positive().finite().nullable().default(null),
  /** Reel densities in t/m³ by grade, over the defaults of reel-weight.ts. */
  densities: z.partialRecord(Grade, z.number().positive().max(3)).default({}),
});
export type PlanOptions = z.infer<typeof PlanOptions>;

/** The most reels one plan takes: a few seconds of planning on one core. */
export const MAX_PLAN_REELS = 20_000;

export const PlanInput = z.strictObject({
  reels: z.array(ReelSpec).max(10_000),
  /** The box types the plan may use, by name; all defined types where absent. */
  boxes: z.array(z.string().min(1)).min(1).optional(),
  /** Box type definitions added to (or replacing by name) the defaults. */
  box_types: z.array(BoxTypeSpec).default([]),
  options: PlanOptions.prefault({}),
}).refine((input) => input.reels.reduce((n, r) => n + r.count, 0) <= MAX_PLAN_REELS, {
  message: `more than ${MAX_PLAN_REELS} reels in one plan`, path: ['reels'],
});
export type PlanInput = z.infer<typeof PlanInput>;
export type PlanInputJson = z.input<typeof PlanInput>;

export const PlacedReel = z.strictObject({
  id: z.string(),
  /** Centre on the floor from the front-left inside corner; the door is at x = length. */
  x_mm: z.number(),
  y_mm: z.number(),
  /** 0 stands on the floor; tier n stands on tier n-1 at the same centre. */
  tier: z.number().int().nonnegative(),
  diameter_mm: z.number(),
  width_mm: z.number(),
  weight_kg: z.number(),
  offer_line_id: z.string().nullable(),
});
export type PlacedReel = z.infer<typeof PlacedReel>;

export const BINDINGS = ['weight', 'floor', 'height', 'count'] as const;
export const Binding = z.enum(BINDINGS);
export type Binding = z.infer<typeof Binding>;

export const PlannedBox = z.strictObject({
  type: z.string(),
  reels: z.array(PlacedReel),
  weight_kg: z.number(),
  payload_fill: z.number().min(0).max(1),
  floor_fill: z.number().min(0).max(1),
  binding: Binding,
});
export type PlannedBox = z.infer<typeof PlannedBox>;

export const Unplaced = z.strictObject({
  id: z.string(),
  count: z.number().int().positive(),
  reason: z.string(),
});
export type Unplaced = z.infer<typeof Unplaced>;

export const Plan = z.strictObject({
  boxes: z.array(PlannedBox),
  lower_bound: z.strictObject({
    /** ceil(total weight / the largest allowed payload) */
    weight: z.number().int().nonnegative(),
    /** what the reels' footprints need, at the best allowed type */
    floor: z.number().int().nonnegative(),
    /** the weight bound with each payload capped at what the box's floor carries of these reels */
    joint: z.number().int().nonnegative(),
  }),
  unplaced: z.array(Unplaced),
  explanation: z.string().nullable(),
});
export type Plan = z.infer<typeof Plan>;
