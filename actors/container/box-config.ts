import { z } from 'zod';
import { BoxTypeSpec } from './plan/schema.js';

/**
 * The operator's box types (CONTAINER_BOX_TYPES): JSON, a list of inside dimensions that are
 * added to the defaults (20ft, 40ft, 40ft-hc) or replace one of them by name. Every plan
 * request carries them into its stored input, so a plan can be made again as it was asked.
 */
export const BoxTypesConfig = z.array(BoxTypeSpec).refine(
  (types) => new Set(types.map((t) => t.type)).size === types.length,
  'a box type is defined twice',
);

export function parseBoxTypesConfig(text: string): BoxTypeSpec[] {
  const trimmed = text.trim();
  return trimmed === '' ? [] : BoxTypesConfig.parse(JSON.parse(trimmed));
}
