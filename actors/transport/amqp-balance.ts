/**
 * How many of the key shards it is the active consumer of a worker should hand over, so
 * that keyed work spreads evenly over the pool: down to its fair share, the shards divided
 * by the workers consuming the actor, rounded up (so the shares always cover every shard).
 */
export function shardsToHandOver(active: number, shards: number, workers: number): number {
  if (workers <= 1) return 0;
  return Math.max(0, active - Math.ceil(shards / workers));
}
