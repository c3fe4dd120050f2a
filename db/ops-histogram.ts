/**
 * Handling times as a histogram: lower bounds in ms, about ×1.5 apart, so a p95 read from
 * it is within a bucket's width of the true one. Pure: shared by the recorder (which fills
 * buckets) and the views (which read percentiles back).
 */
export const BUCKET_BOUNDS_MS = [
  0, 1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 700,
  1_000, 1_500, 2_000, 3_000, 5_000, 7_000, 10_000, 15_000, 20_000, 30_000, 60_000, 120_000, 300_000,
] as const;

export function bucketOf(ms: number): number {
  let i = 0;
  while (i + 1 < BUCKET_BOUNDS_MS.length && (BUCKET_BOUNDS_MS[i + 1] as number) <= ms) i++;
  return i;
}

/** The p-th fraction (0.95) of the times counted in `buckets`, interpolated within its bucket; null for none. */
export function percentileOf(buckets: number[], p: number): number | null {
  const total = buckets.reduce((s, n) => s + n, 0);
  if (total === 0) return null;
  const rank = p * total;
  let below = 0;
  for (const [i, count] of buckets.entries()) {
    if (count > 0 && below + count >= rank) {
      const lo = BUCKET_BOUNDS_MS[i] ?? 0;
      const hi = BUCKET_BOUNDS_MS[i + 1] ?? lo * 2;
      return lo + ((rank - below) / count) * (hi - lo);
    }
    below += count;
  }
  return null;
}
