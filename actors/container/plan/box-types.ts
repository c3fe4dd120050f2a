import { AppError } from '../../common/errors.js';
import type { BoxTypeSpec, PlanInput } from './schema.js';

/** Inside dimensions and payloads as commonly quoted (DOMAIN.md, "Containers"). */
export const DEFAULT_BOX_TYPES: readonly BoxTypeSpec[] = [
  { type: '20ft', length_mm: 5898, width_mm: 2352, height_mm: 2393, door_height_mm: 2280, payload_kg: 28200 },
  { type: '40ft', length_mm: 12032, width_mm: 2352, height_mm: 2393, door_height_mm: 2280, payload_kg: 26700 },
  { type: '40ft-hc', length_mm: 12032, width_mm: 2352, height_mm: 2698, door_height_mm: 2585, payload_kg: 26500 },
];

/** A box type as the planner uses it: mm and kg, payload already capped by the road limit. */
export interface Box {
  readonly type: string;
  readonly length: number;
  readonly width: number;
  readonly height: number;
  readonly door: number;
  readonly payload: number;
  /** Inside volume in m³: of two plans with as many boxes, the smaller volume is the cheaper. */
  readonly volume: number;
}

function toBox(spec: BoxTypeSpec, roadLimit: number | null): Box {
  return {
    type: spec.type,
    length: spec.length_mm,
    width: spec.width_mm,
    height: spec.height_mm,
    door: Math.min(spec.door_height_mm, spec.height_mm),
    payload: Math.min(spec.payload_kg, roadLimit ?? Infinity),
    volume: (spec.length_mm * spec.width_mm * spec.height_mm) / 1e9,
  };
}

/** Every defined box type by name: the defaults, then the input's own definitions over them. */
export function boxCatalogue(custom: readonly BoxTypeSpec[] = []): Map<string, BoxTypeSpec> {
  const byName = new Map(DEFAULT_BOX_TYPES.map((b) => [b.type, b] as const));
  for (const b of custom) byName.set(b.type, b);
  return byName;
}

/** The allowed box types of an input; an unknown or repeated name makes the input unplannable. */
export function allowedBoxes(input: PlanInput): Box[] {
  const catalogue = boxCatalogue(input.box_types);
  const names = input.boxes ?? [...catalogue.keys()];
  if (new Set(names).size !== names.length) {
    throw new AppError('B2B_PLAN_INPUT_INVALID', `box types are listed twice: ${names.join(', ')}`);
  }
  return names.map((name) => {
    const spec = catalogue.get(name);
    if (!spec) throw new AppError('B2B_PLAN_INPUT_INVALID', `unknown box type "${name}"; known: ${[...catalogue.keys()].join(', ')}`);
    return toBox(spec, input.options.road_limit_kg);
  });
}
