/**
 * One line above the graph in a class room. A viewer reads whether they follow the presenter (their selection,
 * Explain, time cursor and panels copy the presenter's) and steps out or back in with one click, and can open a
 * sandbox: a private copy of the room at this moment, in a new tab, where they are the presenter. The presenter reads
 * that the class follows them.
 */
import { startFollowing } from '../../classroom/useFollow.ts';
import { openSandbox } from '../../classroom/openSandbox.ts';
import { useClient } from '../../hooks/useClient.ts';
import { useBoot } from '../../store/store.ts';
import './Classroom.css';

/** The server closed the room (nobody changed it for hours): say so where the class looks, with the way out. */
function RoomClosed({ reason }: { reason: string }) {
  return (
    <div className="class-bar is-closed" role="alert" data-testid="room-closed">
      <span>{reason}</span>
      <a className="btn btn-small btn-primary" href="/">Open the default room</a>
    </div>
  );
}

/** The presenter's switch for the room's rules: may the students inject faults themselves (room:policy)? */
function StudentsMayInject() {
  const client = useClient();
  const allowed = useBoot((s) => s.policy.studentsMayInject);
  return (
    <label className="class-bar__switch" title="Let every student of this room break units themselves (the log says who did what)">
      <input type="checkbox" data-testid="students-may-inject" checked={allowed} onChange={(e) => void client.setPolicy({ studentsMayInject: e.target.checked })} />
      Students may inject faults
    </label>
  );
}

export function ClassBar() {
  const client = useClient();
  const closed = useBoot((s) => s.roomClosed);
  const mode = useBoot((s) => s.policy.mode);
  const role = useBoot((s) => s.role);
  const following = useBoot((s) => s.following);
  const { setFollowing, toast } = useBoot((s) => s.actions);
  // A class room waits at 0:00 until the presenter presses Resume: say so, rather than a red screen with "Live".
  const notStarted = useBoot((s) => s.paused && s.clock.simTimeMs === 0);
  if (closed !== null) return <RoomClosed reason={closed} />;
  if (mode !== 'class') return null;
  if (role === 'presenter') {
    return (
      <div className="class-bar is-presenter" data-testid="class-bar" role="status">
        <span>◉ You present: the class follows your selection, Explain, time cursor and panels.</span>
        <StudentsMayInject />
      </div>
    );
  }
  return (
    <div className={`class-bar${following ? ' is-following' : ''}`} data-testid="class-bar" data-following={following}>
      <span role="status">{following ? '◉ Following the presenter' : '◇ Exploring on your own'}</span>
      {notStarted ? <span className="class-bar__waiting" data-testid="waiting-to-start">⏸ Waiting for the presenter to start</span> : null}
      {following ? (
        <button type="button" className="btn btn-small" data-testid="follow-toggle" onClick={() => setFollowing(false)}>Explore on my own</button>
      ) : (
        <button type="button" className="btn btn-small btn-primary" data-testid="follow-toggle" onClick={startFollowing}>Follow the presenter</button>
      )}
      <button type="button" className="btn btn-small" data-testid="sandbox" onClick={() => void openSandbox(client, toast)}
        title="A private copy of this cluster as it is now, in a new tab: break it as you like, the class room is untouched">
        ⚑ Try it yourself
      </button>
    </div>
  );
}
