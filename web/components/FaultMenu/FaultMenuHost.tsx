/**
 * Where a fault click goes: a unit or lane (DAG, board, timeline) calls openMenuFromFocus, which opens the fault menu
 * at its anchor (or, while the class is asked "what will fail?", picks the unit); FaultMenuHost shows the menu (a lazy
 * chunk), sends the chosen fault, and hands focus back to whatever opened it when it closes.
 */
import { useEffect } from 'react';
import type { Fault } from '../../../shared/protocol/types.ts';
import type { FaultTarget } from '../../types.ts';
import { useClient } from '../../hooks/useClient.ts';
import { popupsChunk } from '../../lazy/chunks.ts';
import { useLazyModule } from '../../lazy/useLazyModule.ts';
import { selectActions, selectAsks, selectMenu, selectPicking, selectView } from '../../store/selectors.ts';
import { bootStore, useBoot } from '../../store/store.ts';

/**
 * What had focus when the fault menu opened, recorded before the menu moves focus to its first item,
 * so closing the menu hands focus back to the vertex or lane that opened it.
 */
let menuOpener: Element | null = null;
export function openMenuFromFocus(target: FaultTarget, anchor: { x: number; y: number }): void {
  const state = bootStore.getState();
  // While the class is asked "what will fail?", a tap on a unit picks it (the answer), it does not open the menu.
  if (selectPicking(state)) {
    if (target.unit !== null) state.actions.togglePick(`${target.node}/${target.unit}`);
    return;
  }
  menuOpener = document.activeElement;
  state.actions.openMenu(target, anchor);
}

const FAULT_MENU_UNAVAILABLE = 'The fault menu could not be loaded (is the server reachable?). Click the unit again to retry.';

/** Warms the fault menu's chunk on the first hover or focus of the main column, so a click rarely waits for it. */
export function prefetchFaultMenu(): void {
  if (popupsChunk.status() === 'idle') void popupsChunk.load();
}

/**
 * The fault menu, and focus handed back to whatever opened it when it closes. The menu is a lazy chunk: while it
 * loads a small placeholder stands at the anchor; a failed load is a toast and a closed menu, and the next click
 * loads it again under a fresh URL.
 */
export function FaultMenuHost() {
  const client = useClient();
  const menu = useBoot(selectMenu);
  const view = useBoot(selectView);
  const { closeMenu, select, setPreviewRefs, toast } = useBoot(selectActions);
  const asks = useBoot(selectAsks);
  const { module } = useLazyModule(popupsChunk, menu !== null, {
    onFailed: () => {
      closeMenu();
      toast(FAULT_MENU_UNAVAILABLE, 'error');
    },
  });
  useEffect(() => {
    if (menu) return;
    const back = menuOpener;
    menuOpener = null;
    if (back instanceof HTMLElement || back instanceof SVGElement) {
      if (back.isConnected) back.focus();
    }
  }, [menu]);
  if (!menu || !view) return null;
  if (!module) {
    return <div className="fault-menu fault-menu--loading" role="status" data-testid="fault-menu-loading" style={{ left: menu.anchor.x, top: menu.anchor.y }}>Loading faults…</div>;
  }
  // The menu closes itself after an item (FaultMenu's activate): an inject or an explain is one store write here.
  const onInject = (fault: Fault) => void client.inject(fault);
  return (
    <module.FaultMenu
      target={menu.target}
      anchor={menu.anchor}
      view={view}
      onInject={onInject}
      onExplain={select}
      onClose={closeMenu}
      preview={client.preview}
      onPreviewHighlight={setPreviewRefs}
      onAsk={asks ? (fault) => void client.quizAsk(fault) : undefined}
    />
  );
}

