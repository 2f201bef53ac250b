/**
 * Global keys for the class: Space pause/resume, ArrowRight step (or continue a narration that waits), ? help, Escape closes menu/help; while the time
 * cursor is out of live, ←/→ move it (Shift: 30 s) and L goes back to live; [ and ] jump between the timeline's marks
 * (bookmarks included); N skips a quiet stretch (the room runs on to its next mark).
 * Ignored while typing in a field or while a menu/dialog owns the keyboard (their own handlers run);
 * Space and → go to a focused control (a button, a DAG vertex, a timeline lane) rather than the playback.
 */
import { useEffect } from 'react';
import { bootStore } from '../store/store.ts';
import type { SocketClient } from '../socket.ts';
import { nextMark, previousMark } from '../viz/markJump.ts';
import { withBookmarks } from '../viz/bookmarkMarkers.ts';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName) || target.closest('[role="menu"]') !== null;
}

/** Space and arrows belong to a focused control (button, DAG vertex, timeline lane, splitter) when there is one. */
function ownsActivationKeys(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target === document.body || target === document.documentElement) return false;
  return target.closest('button, a, svg, [role="button"], [role="separator"], [tabindex]') !== null;
}

export function useKeyboardShortcuts(client: SocketClient): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const state = bootStore.getState();
      if (e.key === 'Escape') {
        if (state.menu) state.actions.closeMenu();
        else if (state.helpOpen) state.actions.setHelpOpen(false);
        return;
      }
      if (isTyping(e.target)) return;
      if (e.key === '?') {
        e.preventDefault();
        state.actions.setHelpOpen(!state.helpOpen);
      } else if (e.key === '[' || e.key === ']') {
        // Jump between the timeline's marks (faults, leaders, quorum, health flips, narration); ] past the last: live.
        e.preventDefault();
        const now = state.clock.simTimeMs;
        const from = state.cursorMs ?? now;
        const marks = withBookmarks(state.timeline.markers, state.bookmarks);
        const to = e.key === '[' ? previousMark(marks, from) : nextMark(marks, from, now);
        if (to !== null || e.key === ']') state.actions.setCursor(to);
      } else if (e.key === 'n' || e.key === 'N') {
        // Skip a quiet stretch: the room (for everyone) runs on to its next mark, at most 30 simulated minutes.
        e.preventDefault();
        void client.control({ action: 'skip' });
      } else if ((e.key === 'l' || e.key === 'L') && state.cursorMs !== null) {
        e.preventDefault();
        state.actions.setCursor(null); // back to live
      } else if ((e.key === 'ArrowLeft' || e.key === 'ArrowRight') && state.cursorMs !== null && !ownsActivationKeys(e.target)) {
        // Out of live, the arrows move the time cursor (Shift: 30 s) instead of stepping the simulation.
        e.preventDefault();
        const stepMs = (e.shiftKey ? 30_000 : 5_000) * (e.key === 'ArrowLeft' ? -1 : 1);
        const next = state.cursorMs + stepMs;
        state.actions.setCursor(next >= state.clock.simTimeMs ? null : next);
      } else if (ownsActivationKeys(e.target)) {
        return;
      } else if (e.key === ' ') {
        e.preventDefault();
        void client.control({ action: state.paused ? 'resume' : 'pause' });
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        // At a narration that waits for the presenter, → continues the scenario; otherwise it steps one event.
        void client.control({ action: state.waiting ? 'resume' : 'step' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client]);
}
