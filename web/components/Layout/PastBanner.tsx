/**
 * Says loudly that this viewer is looking at the past (the time cursor is out of live), so nobody mistakes a
 * replayed moment for the cluster now; one button (and the L key) goes back to live. From there the presenter can
 * rewind the room to this moment for everyone ("let's try again differently") or fork a what-if into a new tab.
 */
import { formatSimTime } from '../../../shared/model/time.ts';
import { selectActions, selectCursor, selectLockReason, selectRoom } from '../../store/selectors.ts';
import { openSandbox } from '../../classroom/openSandbox.ts';
import { useBoot } from '../../store/store.ts';
import { useClient } from '../../hooks/useClient.ts';

export function PastBanner() {
  const cursorMs = useBoot(selectCursor);
  const past = useBoot((s) => s.pastView);
  const { setCursor, toast } = useBoot(selectActions);
  const room = useBoot(selectRoom);
  const client = useClient();
  const lock = useBoot(selectLockReason);
  if (cursorMs === null) return null;
  const rewind = async () => {
    const ack = await client.rewind(cursorMs);
    if (ack.ok) setCursor(null); // the room is now at that moment: live again, paused
  };
  const fork = () => void openSandbox(client, toast, cursorMs);
  const ready = past !== null;
  return (
    <div className="past-banner" role="status" data-testid="past-banner">
      <span title="Only you see this moment; ←/→ step through time, [ ] jump between marks">◀ <strong>{formatSimTime(cursorMs)}</strong> — the past, for you only{ready ? '' : ' (loading…)'}</span>
      <button type="button" className="btn" data-testid="rewind-here" onClick={() => void rewind()} disabled={lock !== null} title={lock !== null ? `Rewind: ${lock}` : `Take room ${room ?? ''} back to this moment for everyone (paused; later history is dropped)`}>↺ Rewind room here</button>
      <button type="button" className="btn" data-testid="fork-here" onClick={fork} title="Open a what-if room that starts from this moment (this room is untouched)">↳ Fork what-if</button>
      <button type="button" className="btn btn-primary" onClick={() => setCursor(null)}>Back to live (L)</button>
    </div>
  );
}
