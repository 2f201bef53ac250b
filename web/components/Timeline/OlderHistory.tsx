/**
 * A timeline that starts mid-way (a late joiner of a big room, web/store/timelineSeed.ts): the span before the loaded
 * history is a muted hatched band saying so, so nobody reads its empty rows as pending nodes; the toolbar control pages
 * older history in (sim:history) and, once the room keeps nothing older, says so and links the full event log.
 */
import { formatSimTime } from '../../viz/timeScale.ts';
import type { BarWindow } from './Bars.tsx';
import { selectRoom } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';
import { useClient } from '../../hooks/useClient.ts';

/** Over the bars, from the window's left edge to where the loaded history starts (nothing when it is off to the left). */
export function OlderHistoryBand({ startMs, win, heightPx }: { startMs: number; win: BarWindow; heightPx: number }) {
  const trimmed = useBoot((s) => s.olderHistory.trimmed);
  const x = ((startMs - win.startMs) / Math.max(1, win.endMs - win.startMs)) * win.widthPx;
  if (x <= 0) return null;
  const width = Math.min(x, win.widthPx);
  const text = trimmed ? 'history before this is no longer kept' : 'history not loaded';
  return (
    <div className="tl-unloaded" data-testid="history-not-loaded" style={{ width, height: heightPx }} title={`${text} (before ${formatSimTime(startMs)})`}>
      {width > 90 ? <span className="tl-unloaded__label">{text}</span> : null}
    </div>
  );
}

/** The toolbar's "Load earlier history" button, its progress, and what to do when the room trimmed the rest. */
export function OlderHistoryControl() {
  const startMs = useBoot((s) => s.timeline.seededAt?.simTimeMs ?? null);
  const older = useBoot((s) => s.olderHistory);
  const room = useBoot(selectRoom);
  const client = useClient();
  if (startMs === null) return null;
  if (older.trimmed) {
    // The toolbar has little room: the band says the rest; the link's title says it in full.
    return (
      <a className="tl-btn tl-older tl-older--trimmed" data-testid="history-trimmed" href={`/api/rooms/${encodeURIComponent(room ?? 'default')}/events?format=ndjson`} download
        title={`The room no longer keeps its history before ${formatSimTime(startMs)}; the full event log (ndjson) has all of it`}>⤓ Full event log</a>
    );
  }
  return (
    <span className="tl-older">
      <button type="button" className="tl-btn" data-testid="load-earlier" disabled={older.loading} onClick={() => void client.loadOlderHistory()} aria-label="Load earlier history"
        title={`Load earlier history: the timeline starts at ${formatSimTime(startMs)} (a big room sends its recent history first)`}>
        {older.loading ? 'Loading…' : '⟲ Earlier history'}
      </button>
      {older.error !== null ? <span className="tl-older__error" role="status">{older.error}</span> : null}
    </span>
  );
}
