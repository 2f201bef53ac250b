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
import { FaultMenu } from './components/FaultMenu/FaultMenu.tsx';
import { HealthPanel } from './components/HealthPanel/HealthPanel.tsx';
import { HelpOverlay } from './components/HelpOverlay/HelpOverlay.tsx';
import { Header } from './components/Layout/Header.tsx';
import { NarrationBanner } from './components/Layout/NarrationBanner.tsx';
import { Splitter } from './components/Layout/Splitter.tsx';
import { Toasts } from './components/Layout/Toasts.tsx';
import { Legend } from './components/Legend/Legend.tsx';
import { Timeline } from './components/Timeline/Timeline.tsx';
import { Toolbar } from './components/Toolbar/Toolbar.tsx';
import { ClientContext, useClient } from './hooks/useClient.ts';
import { useExplainRefresh } from './hooks/useExplainRefresh.ts';
import { useKeyboardShortcuts } from './hooks/useKeyboardShortcuts.ts';
import { usePastView } from './hooks/usePastView.ts';
import { useBookmarkedModel } from './hooks/useBookmarkedModel.ts';
import { BookmarkButton } from './components/Bookmarks/BookmarkButton.tsx';
import { useCompare } from './hooks/useCompare.ts';
import { useCriticalMarks, useTimelineOverlays } from './hooks/useTimelineOverlays.ts';
import { CompareControls } from './components/Timeline/CompareControls.tsx';
import { PastBanner } from './components/Layout/PastBanner.tsx';
import { useSimClock } from './hooks/useSimClock.ts';
import type { SocketClient } from './socket.ts';
import { selectActions, selectConnection, selectCursor, selectDagShare, selectHighlight, selectMenu, selectSelected, selectShownView, selectTimeline, selectView, useBootShallow } from './store/selectors.ts';
import { bootStore, useBoot } from './store/store.ts';
import './App.css';

/** Performance mark the web benchmark reads: the first commit of the DAG with real data. */
export const FIRST_DAG_MARK = 'bootscope:first-dag-render';

// The heavy panes render from deferred values: a batch first re-renders the cheap shell urgently, then
// the DAG and the timeline in React's interruptible background lane (time-sliced, so a burst of batches
// at 100x cannot produce a long task). memo() lets the urgent pass skip them entirely.
const DagViewMemo = memo(DagView);

// Timeline and FaultMenu are in the main chunk on purpose: as lazy chunks (11 KB gzip less up front, no
// measurable first-render gain) a server restart before they loaded made the import fail, and a failed
// module import stays failed for the document, taking the whole page down.
const TimelineMemo = memo(Timeline);

/**
 * What had focus when the fault menu opened, recorded before the menu moves focus to its first item,
 * so closing the menu hands focus back to the vertex or lane that opened it.
 */
let menuOpener: Element | null = null;
function openMenuFromFocus(target: FaultTarget, anchor: { x: number; y: number }): void {
  menuOpener = document.activeElement;
  bootStore.getState().actions.openMenu(target, anchor);
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
  const drawn = view !== null;
  useEffect(() => {
    if (!drawn) return;
    if (performance.getEntriesByName(FIRST_DAG_MARK).length === 0) performance.mark(FIRST_DAG_MARK);
    onDrawn();
  }, [drawn, onDrawn]);
  return (
    <section className="pane dag-pane" aria-label="Unit dependency graph" aria-busy={!drawn}>
      {view ? <DagViewMemo view={view} selected={selected} highlight={highlight} onActivate={openMenuFromFocus} critical={critical} /> : <div className="pane-placeholder" />}
      <div className="dag-legend"><Legend /></div>
      <PastBanner />
      <NarrationBanner />
    </section>
  );
}

/** Mounted only after the DAG has drawn once, so the class sees the graph first and the two big mounts do not share a task. */
function TimelinePane() {
  const view = useDeferredValue<ClusterView | null>(useBoot(selectView), null);
  const model = useDeferredValue(useBoot(selectTimeline));
  // The Timeline draws the room's named bookmarks among its marks.
  const marked = useBookmarkedModel(model);
  const selected = useBoot(selectSelected);
  const nowMs = useDeferredValue(useSimClock());
  const cursorMs = useBoot(selectCursor);
  const { setCursor } = useBoot(selectActions);
  const { overlays, controls } = useTimelineOverlays(model, view);
  const compareControls = useMemo(() => <CompareControls {...controls} />, [controls]);
  const toolbarExtra = useMemo(() => <>{compareControls}<BookmarkButton /></>, [compareControls]);
  return (
    <section className="pane timeline-pane" aria-label="Timeline" aria-busy={view === null}>
      {view ? (
        <TimelineMemo model={marked} view={view} nowMs={nowMs} selected={selected} onActivate={openMenuFromFocus} cursorMs={cursorMs} onCursor={setCursor}
          overlays={overlays} toolbarExtra={toolbarExtra} />
      ) : <div className="pane-placeholder" />}
    </section>
  );
}

/** The fault menu, and focus handed back to whatever opened it when it closes. */
function FaultMenuHost() {
  const client = useClient();
  const menu = useBoot(selectMenu);
  const view = useBoot(selectView);
  const { closeMenu, select, setPreviewRefs } = useBoot(selectActions);
  useEffect(() => {
    if (menu) return;
    const back = menuOpener;
    menuOpener = null;
    if (back instanceof HTMLElement || back instanceof SVGElement) {
      if (back.isConnected) back.focus();
    }
  }, [menu]);
  if (!menu || !view) return null;
  const onInject = (fault: Fault) => {
    closeMenu();
    void client.inject(fault);
  };
  return (
    <FaultMenu
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
    />
  );
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
  const hasView = useBoot(selectView) !== null;
  const dagShare = useBoot(selectDagShare);
  return (
    <div className="app" style={{ '--dag-share': dagShare } as CSSProperties}>
      <Header />
      <Toolbar />
      <main className="main-col">
        {hasView ? (
          <>
            <DagPane onDrawn={onDagDrawn} />
            <Splitter />
            {dagDrawn ? <TimelinePane /> : <section className="pane timeline-pane" aria-label="Timeline" aria-busy="true"><div className="pane-placeholder" /></section>}
          </>
        ) : (
          <Loading />
        )}
      </main>
      <aside className="sidebar" aria-label="Cluster status">
        <HealthPanel />
        <ExplainPanel />
        <EventLog />
      </aside>
      <FaultMenuHost />
      <HelpOverlay />
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
