/** Seconds a client asked to wait (RFC 7240 `Prefer: wait=N`), capped; 0 when it did not ask. */
export function preferredWait(header: string | string[] | undefined, maxSeconds: number): number {
  const value = Array.isArray(header) ? header.join(',') : header ?? '';
  const match = value.match(/(?:^|[,;\s])wait\s*=\s*"?(\d+(?:\.\d+)?)"?/i);
  if (!match) return 0;
  return Math.min(maxSeconds, Number(match[1]));
}
