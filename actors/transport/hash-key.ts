/**
 * FNV-1a: stable across processes, hosts and restarts, so one key always lands on one
 * child of a worker's pool and on one shard queue of RabbitMQ.
 */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
