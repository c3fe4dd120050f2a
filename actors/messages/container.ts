import { z } from 'zod';

/**
 * Containers API → container: plan the stored request `planId` (a container_plans row) and
 * store the plan. Keyed and deduplicated by plan; a plan already made is answered from the
 * row, never made again.
 */
export const PlanContainers = z.object({ planId: z.uuid() });

export const containerMessages = {
  planContainers: PlanContainers,
} as const;
