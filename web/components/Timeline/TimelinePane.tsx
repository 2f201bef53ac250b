/**
 * The timeline pane (the Timeline with its compare toggles, ghost and critical overlays, and the Bookmark
 * form), a lazy chunk: App mounts it only after the DAG's first draw, so it is not in the page's initial
 * JS. App loads it through web/lazy/lazyModule.ts (a failed load is a placeholder, retried on reconnect).
 * The past view's banner rides in this chunk too: the past is entered from the timeline (or its keys).
 */
import { memo, useDeferredValue, useMemo } from 'react';
import type { ClusterView } from '../../../shared/protocol/types.ts';
import type { FaultTarget } from '../../types.ts';
import { BookmarkButton } from '../Bookmarks/BookmarkButton.tsx';
import { useBookmarkedModel } from '../../hooks/useBookmarkedModel.ts';
import { useSimClock } from '../../hooks/useSimClock.ts';
import { useTimelineOverlays } from '../../hooks/useTimelineOverlays.ts';
import { selectActions, selectCursor, selectSelected, selectTimeline, selectView } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';
import { CompareControls } from './CompareControls.tsx';
import { Timeline } from './Timeline.tsx';
import { OlderHistoryControl } from './OlderHistory.tsx';

// Renders from deferred values in React's interruptible background lane; memo() lets urgent passes skip it.
const TimelineMemo = memo(Timeline);

export { PastBanner } from '../Layout/PastBanner.tsx';

export function TimelinePane({ onActivate }: { onActivate(target: FaultTarget, anchor: { x: number; y: number }): void }) {
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
  const toolbarExtra = useMemo(() => <>{compareControls}<BookmarkButton /><OlderHistoryControl /></>, [compareControls]);
  return (
    <section className="pane timeline-pane" aria-label="Timeline" aria-busy={view === null}>
      {view ? (
        <TimelineMemo model={marked} view={view} nowMs={nowMs} selected={selected} onActivate={onActivate} cursorMs={cursorMs} onCursor={setCursor}
          overlays={overlays} toolbarExtra={toolbarExtra} />
      ) : <div className="pane-placeholder" />}
    </section>
  );
}
