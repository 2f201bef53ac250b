/**
 * Follow the presenter, both ends:
 * - the presenter of a class room relays their focus (focus.ts) with `ui:follow` whenever it changes, at most every
 *   LEAD_INTERVAL_MS (dragging the time cursor is many changes; the class needs only where it lands);
 * - a viewer who follows copies each relayed focus; looking at something else on their own steps them out
 *   (FollowBar offers the way back in).
 */
import { useEffect } from 'react';
import type { SocketClient } from '../socket.ts';
import { bootStore } from '../store/store.ts';
import { applyFocus, focusOf, sameFocus, steppedOut } from './focus.ts';
import type { FollowState } from '../../shared/protocol/classroom.ts';

export const LEAD_INTERVAL_MS = 200;

/** True while this page writes a relayed focus into the store: those writes are not the viewer stepping out. */
let applying = false;

export function followPresenterNow(): void {
  const state = bootStore.getState();
  if (state.follow === null) return;
  applying = true;
  try {
    applyFocus(state.actions, state.follow);
  } finally {
    applying = false;
  }
}

/**
 * "Follow the presenter": copy the presenter's view first, then turn following on. The other order lets the store
 * listener see a following viewer whose view differs from the presenter's and step them straight out again.
 */
export function startFollowing(): void {
  applying = true;
  try {
    const state = bootStore.getState();
    if (state.follow !== null) applyFocus(state.actions, state.follow);
    state.actions.setFollowing(true);
  } finally {
    applying = false;
  }
}

export function useFollow(client: SocketClient): void {
  useEffect(() => {
    let sent: FollowState | null = null;
    let timer: number | null = null;
    let lastSentAt = Number.NEGATIVE_INFINITY;
    const lead = () => {
      timer = null;
      const focus = focusOf(bootStore.getState());
      if (sent !== null && sameFocus(sent, focus)) return;
      sent = focus;
      lastSentAt = performance.now();
      void client.lead(focus);
    };
    const unsubscribe = bootStore.subscribe((state, previous) => {
      if (state.policy.mode !== 'class') return;
      if (state.role === 'presenter') {
        if (timer === null) timer = window.setTimeout(lead, Math.max(0, lastSentAt + LEAD_INTERVAL_MS - performance.now()));
        return;
      }
      if (state.follow !== previous.follow && state.following) {
        followPresenterNow();
        return;
      }
      if (!applying && state.following && state.follow !== null && steppedOut(focusOf(state), state.follow)) {
        state.actions.setFollowing(false);
      }
    });
    return () => {
      unsubscribe();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [client]);
}
