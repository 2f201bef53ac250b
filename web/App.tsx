/**
 * The dashboard shell: a CSS grid that fits 1366x768 without page scroll — header, toolbar, the main
 * column (DAG over timeline, resizable) and the sidebar (health, explanation, event log). Owns the
 * wiring between panes: activating a unit opens the FaultMenu at its anchor, Explain selects the unit,
 * the explanation's refs become the DAG highlight. Data flows store -> panes; commands go out through
 * the socket client from context.
 */
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useState, type CSSProperties } from 'react';
import type { ClusterView, Fault } from '../shared/protocol/types.ts';
import type { FaultTarget } from './types.ts';
import { DagView } from './components/DagView/DagView.tsx';
import { EventLog } from './components/EventLog/EventLog.tsx';
import { ExplainPanel } from './components/ExplainPanel/ExplainPanel.tsx';
import { HealthPanel } from './components/HealthPanel/HealthPanel.tsx';
import { Header } from './components/Layout/Header.tsx';
import { Splitter } from './components/Layout/Splitter.tsx';
import { Toasts } from './components/Layout/Toasts.tsx';
import { Legend } from './components/Legend/Legend.tsx';
import { ClassBar } from './components/Classroom/ClassBar.tsx';
import { StorageBanner } from './components/StorageBanner/StorageBanner.tsx';
import { NarrationDock } from './components/Classroom/NarrationDock.tsx';
import { QuizPanel } from './components/Classroom/QuizPanel.tsx';
import { useFollow } from './classroom/useFollow.ts';
import { quizMarks } from './viz/quizMarks.ts';
import { PhoneTimeline } from './components/PhoneTimeline/PhoneTimeline.tsx';
import { Toolbar } from './components/Toolbar/Toolbar.tsx';
import { ClientContext, useClient } from './hooks/useClient.ts';
import { useExplainRefresh } from './hooks/useExplainRefresh.ts';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts.ts';
import { usePastView } from './hooks/usePastView.ts';
import { useCompare } from './hooks/useCompare.ts';
import { useCriticalMarks } from './hooks/useCriticalMarks.ts';
import { popupsChunk, timelinePaneChunk } from './lazy/chunks.ts';
import { useLazyModule } from './lazy/useLazyModule.ts';
import type { SocketClient } from './socket.ts';
import { selectActions, selectAsks, selectConnection, selectCursor, selectDagShare, selectHelpOpen, selectHighlight, selectMenu, selectPicking, selectSelected, selectShownView, selectView, useBootShallow } from './store/selectors.ts';
import { bootStore, useBoot } from './store/store.ts';
import './App.css';

/** Performance mark the web benchmark reads: the first commit of the DAG with real data. */
export const FIRST_DAG_MARK = 'bootscope:first-dag-render';

// The heavy panes render from deferred values: a batch first re-renders the cheap shell urgently, then
// the DAG and the timeline in React's interruptible background lane (time-sliced, so a burst of batches
// at 100x cannot produce a long task). memo() lets the urgent pass skip them entirely.
const DagViewMemo = memo(DagView);

/**
 * What had focus when the fault menu opened, recorded before the menu moves focus to its first item,
 * so closing the menu hands focus back to the vertex or lane that opened it.
 */
let menuOpener: Element | null = null;
function openMenuFromFocus(target: FaultTarget, anchor: { x: number; y: number }): void {
  const state = bootStore.getState();
  // While the class is asked "what will fail?", a tap on a unit picks it (the answer), it does not open the menu.
  if (selectPicking(state)) {
    if (target.unit !== null) state.actions.togglePick(`${target.node}/${target.unit}`);
    return;
  }
  menuOpener = document.activeElement;
  state.actions.openMenu(target, anchor);
}

/** The quiz round's marks for the DAG, recomputed only when the round or this viewer's picks change. */
function useQuizMarks() {
  const quiz = useBoot((s) => s.quiz);
  const picks = useBoot((s) => s.myPicks);
  const picksFor = useBoot((s) => s.picksFor);
  return useMemo(() => quizMarks(quiz, picks, picksFor), [quiz, picks, picksFor]);
}

/** The banner over the DAG while looking at the past; it comes with the timeline's chunk (nothing shows until then). */
function PastBannerSlot() {
  const { module } = useLazyModule(timelinePaneChunk, useBoot(selectCursor) !== null);
  return module ? <module.PastBanner /> : null;
}

function DagPane({ onDrawn }: { onDrawn(): void }) {
  // While the time cursor is out of live this is the past view (for this viewer only).
  const liveView = useBoot(selectShownView)!;
  // The first mount renders the snapshot urgently (this pane mounts only once a view exists, so there
  // is nothing older to show, and a background-lane mount only adds yields before the first paint);
  // later batches render from the deferred value in the interruptible background lane.
  const view: ClusterView | null = useDeferredValue(liveView);
  const selected = useBoot(selectSelected);
  const highlight = useBootShallow(selectHighlight);
  const critical = useCriticalMarks();
  const quiz = useQuizMarks();
  const hasNarration = useBoot((s) => s.scenario !== null);
  const drawn = view !== null;
  useEffect(() => {
    if (!drawn) return;
    if (performance.getEntriesByName(FIRST_DAG_MARK).length === 0) performance.mark(FIRST_DAG_MARK);
    onDrawn();
  }, [drawn, onDrawn]);
  return (
    <section className={`pane dag-pane${hasNarration ? ' has-dock' : ''}`} aria-label="Unit dependency graph" aria-busy={!drawn}>
      <div className="dag-main">
        {view ? <DagViewMemo view={view} selected={selected} highlight={highlight} onActivate={openMenuFromFocus} critical={critical} quiz={quiz} /> : <div className="pane-placeholder" />}
        <div className="dag-legend"><Legend /></div>
        <PastBannerSlot />
      </div>
      {hasNarration ? <NarrationDock /> : null}
    </section>
  );
}

/**
 * Mounted only after the DAG has drawn once, so the class sees the graph first and the two big mounts do not share a
 * task. The pane is a lazy chunk (not needed for the first paint): a placeholder until it arrives; a failed load
 * (say the server restarted) says so with a Retry button, and is retried by itself when the socket reconnects.
 */
function TimelineSlot() {
  const connection = useBoot(selectConnection);
  const { module, status, retry } = useLazyModule(timelinePaneChunk, true, { retryKey: connection });
  if (module) return <module.TimelinePane onActivate={openMenuFromFocus} />;
  return (
    <section className="pane timeline-pane" aria-label="Timeline" aria-busy={status !== 'failed'} data-lazy={status}>
      <div className="pane-placeholder">
        {status === 'failed' ? (
          <p className="lazy-failed" role="status" data-testid="timeline-unavailable">
            The timeline could not be loaded (is the server reachable?). <button type="button" className="link-button" onClick={retry}>Retry</button>
          </p>
        ) : null}
      </div>
    </section>
  );
}

const FAULT_MENU_UNAVAILABLE = 'The fault menu could not be loaded (is the server reachable?). Click the unit again to retry.';

/** Warms the fault menu's chunk on the first hover or focus of the main column, so a click rarely waits for it. */
function prefetchFaultMenu(): void {
  if (popupsChunk.status() === 'idle') void popupsChunk.load();
}

/**
 * The fault menu, and focus handed back to whatever opened it when it closes. The menu is a lazy chunk: while it
 * loads a small placeholder stands at the anchor; a failed load is a toast and a closed menu, and the next click
 * loads it again under a fresh URL.
 */
function FaultMenuHost() {
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
  const onInject = (fault: Fault) => {
    closeMenu();
    void client.inject(fault);
  };
  return (
    <module.FaultMenu
      target={menu.target}
      anchor={menu.anchor}
      view={view}
      onInject={onInject}
      onExplain={(target) => {
        closeMenu();
        select(target);
      }}
      onClose={closeMenu}
      preview={client.preview}
      onPreviewHighlight={setPreviewRefs}
      onAsk={asks ? (fault) => void client.quizAsk(fault) : undefined}
    />
  );
}

/** The ? overlay, a lazy chunk fetched when it is first opened; a failed load is a toast, and the next ? tries again. */
function HelpSlot() {
  const open = useBoot(selectHelpOpen);
  const { setHelpOpen, toast } = useBoot(selectActions);
  const { module } = useLazyModule(popupsChunk, open, {
    onFailed: () => {
      setHelpOpen(false);
      toast('The help could not be loaded (is the server reachable?). Press ? again to retry.', 'error');
    },
  });
  return module ? <module.HelpOverlay /> : null;
}

function Loading() {
  const connection = useBoot(selectConnection);
  return (
    <div className="loading" role="status" data-testid="loading">
      <div className="loading-spinner" aria-hidden="true" />
      <p>{connection === 'offline' ? 'Cannot reach the Bootscope server — retrying…' : 'Connecting to the simulation…'}</p>
    </div>
  );
}

function Shell() {
  const [dagDrawn, setDagDrawn] = useState(false);
  const onDagDrawn = useCallback(() => setDagDrawn(true), []);
  const client = useClient();
  useKeyboardShortcuts(client);
  useExplainRefresh(client);
  usePastView();
  useCompare();
  useFollow(client);
  const hasView = useBoot(selectView) !== null;
  const dagShare = useBoot(selectDagShare);
  return (
    <div className="app" style={{ '--dag-share': dagShare } as CSSProperties}>
      <Header />
      <Toolbar />
      <main className="main-col" onPointerEnter={prefetchFaultMenu} onFocus={prefetchFaultMenu}>
        {hasView ? (
          <>
            <ClassBar />
            <StorageBanner />
            <DagPane onDrawn={onDagDrawn} />
            <Splitter />
            {dagDrawn ? <TimelineSlot /> : <section className="pane timeline-pane" aria-label="Timeline" aria-busy="true"><div className="pane-placeholder" /></section>}
            <PhoneTimeline />
          </>
        ) : (
          <Loading />
        )}
      </main>
      <aside className="sidebar" aria-label="Cluster status">
        <QuizPanel />
        <HealthPanel />
        <ExplainPanel />
        <EventLog />
      </aside>
      <FaultMenuHost />
      <HelpSlot />
      <Toasts />
    </div>
  );
}

export function App({ client }: { client: SocketClient }) {
  return (
    <ClientContext.Provider value={client}>
      <Shell />
    </ClientContext.Provider>
  );
}
