import { z } from 'zod';
import { GRADES } from '../domain/grades.js';
import { CountryCode, Currency } from '../domain/offer-line.js';

/**
 * A buyer request as the API takes it (DOMAIN.md, "Buyer requests"). Every message names
 * its field, so the gateway can return them to the buyer as they are.
 */

const CORES = [76, 100, 150] as const;

function integerAbove0(field: string) {
  return z.number({ error: `${field} must be a number` })
    .int({ error: `${field} must be a whole number` })
    .positive({ error: `${field} must be positive` });
}

function tonnes(field: string) {
  return z.number({ error: `${field} must be a number` })
    .nonnegative({ error: `${field} must not be negative` });
}

type Bound = z.ZodNumber;

function ordered<T extends z.ZodType<{ min?: number; max: number }>>(field: string, schema: T) {
  return schema.refine((r) => r.min === undefined || r.min <= r.max, {
    message: `${field}.min must not exceed ${field}.max`,
    path: ['min'],
  });
}

function range(field: string, bound: (name: string) => Bound) {
  return ordered(field, z.strictObject({ min: bound(`${field}.min`), max: bound(`${field}.max`) }));
}

const grade = z.enum(GRADES, { error: (iss) => `grades: unknown grade ${JSON.stringify(iss.input)}` });

const core = z.literal(CORES, { error: `core_mm must be one of ${CORES.join(', ')}` });

const diameter = ordered('diameter_mm', z.strictObject({
  min: integerAbove0('diameter_mm.min').optional(),
  max: integerAbove0('diameter_mm.max'),
}));

const maxPrice = z.strictObject({
  amount: z.number({ error: 'max_price.amount must be a number' }).positive({ error: 'max_price.amount must be positive' }),
  currency: Currency,
});

const destination = z.strictObject({
  country: CountryCode,
  place: z.string().trim().min(1, { error: 'destination.place must not be empty' }).max(120),
});

/** The fields as one shape, so the patch can be derived from the same parts. */
const parts = {
  grades: z.array(grade).min(1, { error: 'grades must name at least one grade' }),
  gsm: range('gsm', integerAbove0),
  width_mm: range('width_mm', integerAbove0),
  diameter_mm: diameter.nullable().default(null),
  core_mm: core.nullable().default(null),
  quantity_t: range('quantity_t', tonnes),
  max_price: maxPrice.nullable().default(null),
  destination,
  stale_after: z.iso.date({ error: 'stale_after must be a date, YYYY-MM-DD' }),
};

export const BuyerRequestInput = z.strictObject(parts);
/** A request after parsing: optional fields absent in the input are null. */
export type BuyerRequest = z.output<typeof BuyerRequestInput>;

function partialRange(field: string, bound: (name: string) => Bound) {
  return z.strictObject({ min: bound(`${field}.min`).optional(), max: bound(`${field}.max`).optional() });
}

/**
 * A change to a request. gsm, width and quantity may change one bound, the destination one
 * part; diameter and max price are replaced whole; null clears an optional field.
 * Ordering across bounds is checked on the merged request, not here.
 */
export const BuyerRequestPatch = z.strictObject({
  grades: parts.grades.optional(),
  gsm: partialRange('gsm', integerAbove0).optional(),
  width_mm: partialRange('width_mm', integerAbove0).optional(),
  diameter_mm: diameter.nullable().optional(),
  core_mm: core.nullable().optional(),
  quantity_t: partialRange('quantity_t', tonnes).optional(),
  max_price: maxPrice.nullable().optional(),
  destination: destination.partial().optional(),
  stale_after: parts.stale_after.optional(),
});
export type BuyerRequestPatch = z.input<typeof BuyerRequestPatch>;

export interface Issue { path: string; message: string }
export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

export function parseBuyerRequest(input: unknown): Parsed<BuyerRequest> {
  const r = BuyerRequestInput.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, issues: issuesOf(r.error) };
}

/** One line for an error body: "width_mm.min must not exceed width_mm.max; …". */
export function describeIssues(issues: Issue[]): string {
  return issues.map((i) => (i.message.startsWith(i.path) ? i.message : `${i.path || 'request'}: ${i.message}`)).join('; ');
}

const NESTED = ['gsm', 'width_mm', 'quantity_t', 'destination'] as const;

/** Applies a patch to a stored request and validates the result as a whole request. */
export function mergeRequest(existing: BuyerRequest, patch: unknown): Parsed<BuyerRequest> {
  const p = BuyerRequestPatch.safeParse(patch);
  if (!p.success) return { ok: false, issues: issuesOf(p.error) };
  const merged: Record<string, unknown> = { ...existing };
  for (const [key, value] of Object.entries(p.data)) {
    if (value === undefined) continue;
    const nested = (NESTED as readonly string[]).includes(key);
    merged[key] = nested ? { ...(existing[key as keyof BuyerRequest] as object), ...(value as object) } : value;
  }
  return parseBuyerRequest(merged);
}
