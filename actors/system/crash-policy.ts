/**
 * What a supervisor does when its actor crashes, as a pure decision. A crash with a
 * non-retryable code is the message's fault: the actor resumes. Any other crash restarts
 * the actor with fresh state after a growing pause; when crashes keep coming with no
 * success in between, past the limit within the window, the actor is paused instead of
 * spinning, and its mailbox fills up (durably, visibly) until an operator resumes it.
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
}

export type CrashAction =
  | { action: 'resume' }
  | { action: 'restart'; delayMs: number }
  | { action: 'pause'; reason: string };

export function decideCrash(policy: CrashPolicy, history: CrashHistory, now: number, retryable: boolean): { decision: CrashAction; history: CrashHistory } {
  if (!retryable) return { decision: { action: 'resume' }, history };
  const streak = [...history.streak.filter((t) => now - t < policy.windowMs), now];
  if (streak.length > policy.limit) {
    const reason = `crashed ${streak.length} times in a row within ${Math.round(policy.windowMs / 1000)} s`;
    return { decision: { action: 'pause', reason }, history: { streak: [] } };
  }
  const delayMs = Math.min(policy.backoffMaxMs, policy.backoffMs * 2 ** (streak.length - 1));
  return { decision: { action: 'restart', delayMs }, history: { streak } };
}

export function recordSuccess(history: CrashHistory): CrashHistory {
  return history.streak.length === 0 ? history : { streak: [] };
}
