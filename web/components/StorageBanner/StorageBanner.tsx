/**
 * One line above the graph while the server cannot store this room (room:storage, issue 18): changes are refused
 * until it can, and what happens now may be lost in a restart. Gone as soon as the server says storing works again.
 */
import { useBoot } from '../../store/store.ts';

export function StorageBanner() {
  const problem = useBoot((s) => s.roomStorage);
  if (problem === null) return null;
  return (
    <div className="class-bar is-closed" role="alert" data-testid="room-storage">
      <span>The server cannot save this room ({problem}): changes are refused until it can, and a restart now would lose the latest ones.</span>
    </div>
  );
}
