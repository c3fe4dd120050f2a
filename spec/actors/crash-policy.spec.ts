import { describe, expect, it } from 'vitest';
import { decideCrash, FRESH, recordSuccess, type CrashHistory } from '../../actors/system/crash-policy.js';
import { retryDelayMs } from '../../actors/mailbox/backoff.js';

const policy = { limit: 3, windowMs: 10_000, backoffMs: 100, backoffMaxMs: 1_000 };
const crash = { code: 'B2B_INTERNAL', retryable: true };
const outage = { code: 'B2B_UNAVAILABLE', retryable: true };
const bad = { code: 'B2B_EMAIL_UNREADABLE', retryable: false };

function run(errors: { code: string; retryable: boolean }[], times: number[], start: CrashHistory = FRESH) {
  let history = start;
  return errors.map((e, i) => {
    const r = decideCrash(policy, history, times[i] as number, e);
    history = r.history;
    return r.decision;
  });
}

describe('crash policy', () => {
  it.each([
    ['a non-retryable code resumes at once', [bad, bad, bad, bad, bad], [0, 1, 2, 3, 4], [{ action: 'resume', delayMs: 0 }]],
    ['crashes restart with doubling pauses, then pause past the limit', [crash, crash, crash, crash], [0, 1, 2, 3],
      [{ action: 'restart', delayMs: 100 }, { action: 'restart', delayMs: 200 }, { action: 'restart', delayMs: 400 }, { action: 'pause', reason: 'crashed 4 times in a row within 10 s' }]],
    ['crashes spread wider than the window never pause', [crash, crash, crash, crash], [0, 10_000, 20_000, 30_000],
      [{ action: 'restart', delayMs: 100 }, { action: 'restart', delayMs: 100 }, { action: 'restart', delayMs: 100 }, { action: 'restart', delayMs: 100 }]],
    ['an outage waits longer each time, capped, and never pauses', [outage, outage, outage, outage, outage, outage], [0, 1, 2, 3, 4, 5],
      [{ action: 'resume', delayMs: 100 }, { action: 'resume', delayMs: 200 }, { action: 'resume', delayMs: 400 }, { action: 'resume', delayMs: 800 }, { action: 'resume', delayMs: 1000 }, { action: 'resume', delayMs: 1000 }]],
  ] as const)('%s', (_name, errors, times, expected) => {
    const decisions = run([...errors], [...times]);
    expect(decisions.slice(0, expected.length)).toEqual(expected);
    if (expected.length === 1) expect(new Set(decisions.map((d) => JSON.stringify(d))).size).toBe(1);
  });

  it('starts afresh after a success', () => {
    const { history } = decideCrash(policy, FRESH, 0, crash);
    expect(recordSuccess(history)).toEqual(FRESH);
    expect(decideCrash(policy, recordSuccess(history), 1, crash).decision).toEqual({ action: 'restart', delayMs: 100 });
  });
});

describe('retry backoff', () => {
  it.each([
    [1, 0, 500], [1, 1, 1000], [2, 0, 1000], [3, 1, 4000], [10, 1, 60_000], [10, 0, 30_000],
  ])('attempt %i with random %d waits %i ms', (attempt, random, expected) => {
    expect(retryDelayMs(attempt, 1000, 60_000, () => random)).toBe(expected);
  });
});
