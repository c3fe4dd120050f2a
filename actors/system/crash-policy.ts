/**
 * What a supervisor does when its actor crashes, as a pure decision.
 * - A non-retryable code is the message's fault: the actor resumes at once.
 * - A dependency that cannot be reached (B2B_UNAVAILABLE) is nobody's fault: the actor
 *   waits, longer each time, and resumes; an outage never pauses it.
 * - Any other crash restarts the actor with fresh state after a growing pause; when such
 *   crashes keep coming with no success in between, past the limit within the window, the
 *   actor is paused instead of spinning, and its mailbox fills up (durably, visibly)
 *   until its cool-down ends or an operator resumes it.
 */
export interface CrashPolicy {
  limit: number;
  windowMs: number;
  backoffMs: number;
  backoffMaxMs: number;
}

export interface CrashHistory {
  /** Times of crashes since the last success, oldest first. */
  streak: number[];
  /** Outage failures since the last success. */
  outages: number;
}

export type CrashAction =
  | { action: 'resume'; delayMs: number }
  | { action: 'restart'; delayMs: number }
  | { action: 'pause'; reason: string };

export const FRESH: CrashHistory = { streak: [], outages: 0 };

export function decideCrash(
  policy: CrashPolicy, history: CrashHistory, now: number, error: { code: string; retryable: boolean },
): { decision: CrashAction; history: CrashHistory } {
  if (!error.retryable) return { decision: { action: 'resume', delayMs: 0 }, history };
  if (error.code === 'B2B_UNAVAILABLE') {
    const delayMs = backoff(policy, history.outages);
    return { decision: { action: 'resume', delayMs }, history: { ...history, outages: history.outages + 1 } };
  }
  const streak = [...history.streak.filter((t) => now - t < policy.windowMs), now];
  if (streak.length > policy.limit) {
    const reason = `crashed ${streak.length} times in a row within ${Math.round(policy.windowMs / 1000)} s`;
    return { decision: { action: 'pause', reason }, history: FRESH };
  }
  return { decision: { action: 'restart', delayMs: backoff(policy, streak.length - 1) }, history: { ...history, streak } };
}

export function recordSuccess(history: CrashHistory): CrashHistory {
  return history.streak.length === 0 && history.outages === 0 ? history : FRESH;
}

function backoff(policy: CrashPolicy, n: number): number {
  return Math.min(policy.backoffMaxMs, policy.backoffMs * 2 ** n);
}
