import { overdueWindows } from '../../db/windows.js';
import { applyEvent, type ExclusivityDeps } from './exclusivity-shell.js';

export interface ExpiryResult {
  windowId: string;
  /** false: the window had been accepted, declined or expired already, or is not due yet. */
  expired: boolean;
  /** The next buyer's window, or null (none, or the offer went back to the open market). */
  next: string | null;
}

/** Ends a window at its time, under the offer's lock; anything else leaves it as it is. */
export async function expireWindow(deps: ExclusivityDeps, offerId: string, windowId: string): Promise<ExpiryResult> {
  const d = await applyEvent(deps, offerId, { type: 'expired', window_id: windowId }, 'expiry');
  const expired = d.effects.closed.some((c) => c.window_key === windowId && c.outcome === 'expired');
  return { windowId, expired, next: d.effects.opened[0]?.window_key ?? null };
}

/** The periodic check: every open window past its time, whatever became of its timer. */
export async function expireOverdue(deps: ExclusivityDeps): Promise<{ expired: number }> {
  let expired = 0;
  for (const w of await overdueWindows(deps.sql)) {
    if ((await expireWindow(deps, w.offerId, w.windowId)).expired) expired++;
  }
  return { expired };
}
