/**
 * Global keys for the class: Space pause/resume, ArrowRight step, ? help, Escape closes menu/help.
 * Ignored while typing in a field or while a menu/dialog owns the keyboard (their own handlers run).
 */
import { useEffect } from 'react';
import { bootStore } from '../store/store.ts';
import type { SocketClient } from '../socket.ts';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName) || target.closest('[role="menu"]') !== null;
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
      } else if (e.key === ' ' && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        void client.control({ action: state.paused ? 'resume' : 'pause' });
      } else if (e.key === 'ArrowRight' && !(e.target instanceof Element && e.target.closest('svg'))) {
        e.preventDefault();
        void client.control({ action: 'step' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client]);
}
