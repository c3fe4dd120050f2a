/**
 * Delay before retry number `attempt` (1 = the first retry): doubling from `baseMs`, capped
 * at `maxMs`, with jitter over the upper half so that a burst of failures does not come
 * back as a burst. `random` is injected so the schedule can be tested.
 */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
