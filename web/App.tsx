/**
 * The dashboard shell: a CSS grid that fits 1366x768 without page scroll — header, toolbar, the main
 * column (DAG over timeline, resizable) and the sidebar (health, explanation, event log). Owns the
 * wiring between panes: activating a unit opens the FaultMenu at its anchor, Explain selects the unit,
 * the explanation's refs become the DAG highlight. Data flows store -> panes; commands go out through
 * the socket client from context.
 */
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useState, type CSSProperties } from 'react';
import type { ClusterView } from '../shared/protocol/types.ts';
import { DagView } from './components/DagView/DagView.tsx';
import { FaultMenuHost, openMenuFromFocus, prefetchFaultMenu } from './components/FaultMenu/FaultMenuHost.tsx';
import { ServiceBoard } from './components/ServiceBoard/ServiceBoard.tsx';
import { PRESENTER_VIEW_KEY, useFlag } from './components/Layout/presenterView.ts';
import { useNarrowScreen } from './components/Layout/useNarrowScreen.ts';
import { EventLog } from './components/EventLog/EventLog.tsx';
import { ExplainPanel } from './components/ExplainPanel/ExplainPanel.tsx';
import { HealthPanel } from './components/HealthPanel/HealthPanel.tsx';
import { LogTabs } from './components/Journal/LogTabs.tsx';
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
import { selectActions, selectConnection, selectCursor, selectDagShare, selectHelpOpen, selectHighlight, selectSelected, selectShownView, selectView, useBootShallow } from './store/selectors.ts';
import { useBoot } from './store/store.ts';
import './App.css';

/** Performance mark the web benchmark reads: the first commit of the DAG with real data. */
export const FIRST_DAG_MARK = 'bootscope:first-dag-render';

// The heavy panes render from deferred values: a batch first re-renders the cheap shell urgently, then
// the DAG and the timeline in React's interruptible background lane (time-sliced, so a burst of batches
// at 100x cannot produce a long task). memo() lets the urgent pass skip them entirely.
const DagViewMemo = memo(DagView);
const ServiceBoardMemo = memo(ServiceBoard);

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
  // The projector (Presenter view) and the phone read the cluster as a board of services by node; the laptop keeps the
  // dependency graph, and either can switch to the other.
  const [presenting] = useFlag(PRESENTER_VIEW_KEY);
  const narrow = useNarrowScreen();
  const [graphInstead, setGraphInstead] = useState(false);
  const board = (presenting || narrow) !== graphInstead;
  const drawn = view !== null;
  useEffect(() => {
    if (!drawn) return;
    if (performance.getEntriesByName(FIRST_DAG_MARK).length === 0) performance.mark(FIRST_DAG_MARK);
    onDrawn();
  }, [drawn, onDrawn]);
  return (
    <section className={`pane dag-pane${hasNarration ? ' has-dock' : ''}`} aria-label="Unit dependency graph" aria-busy={!drawn}>
      <div className="dag-main">
        {view === null ? <div className="pane-placeholder" />
          : board ? <ServiceBoardMemo view={view} selected={selected} highlight={highlight} onActivate={openMenuFromFocus} critical={critical} quiz={quiz} />
          : <DagViewMemo view={view} selected={selected} highlight={highlight} onActivate={openMenuFromFocus} critical={critical} quiz={quiz} />}
        <button type="button" className="btn btn-small dag-switch" data-testid="dag-switch" aria-pressed={board} onClick={() => setGraphInstead((g) => !g)}
          title={board ? 'Show the dependency graph (every unit and edge)' : 'Show the board: one row per service, one column per node'}>
          {board ? '⇄ Graph' : '⇄ Board'}
        </button>
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
        <LogTabs events={<EventLog />} />
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
