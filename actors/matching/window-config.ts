import { z } from 'zod';

/**
 * How long a buyer holds an exclusive window, by buyer tier. DOMAIN.md: 48 hours unless
 * configured; a tier without its own entry gets the default.
 */
export const WindowConfig = z.strictObject({
  default_hours: z.number().positive(),
  by_tier: z.record(z.string().min(1), z.number().positive()),
});
export type WindowConfig = z.infer<typeof WindowConfig>;

export const DEFAULT_WINDOW_CONFIG: WindowConfig = { default_hours: 48, by_tier: {} };

export function windowHours(tier: string, config: WindowConfig = DEFAULT_WINDOW_CONFIG): number {
  return config.by_tier[tier] ?? config.default_hours;
}
