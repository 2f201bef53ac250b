/**
 * Says loudly that this viewer is looking at the past (the time cursor is out of live), so nobody mistakes a
 * replayed moment for the cluster now; one button (and the L key) goes back to live.
 */
import { formatSimTime } from '../../../shared/model/time.ts';
import { selectActions, selectCursor } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';

export function PastBanner() {
  const cursorMs = useBoot(selectCursor);
  const past = useBoot((s) => s.pastView);
  const { setCursor } = useBoot(selectActions);
  if (cursorMs === null) return null;
  const ready = past !== null;
  return (
    <div className="past-banner" role="status" data-testid="past-banner">
      <span>⏪ Viewing <strong>{formatSimTime(cursorMs)}</strong> — the past, for you only{ready ? '' : ' (loading…)'}. ←/→ step through time.</span>
      <button type="button" className="btn btn-primary" onClick={() => setCursor(null)}>Back to live (L)</button>
    </div>
  );
}
