/**
 * Playback controls: pause/resume, step, skip a quiet stretch (to the next mark), speed (0.25x..100x) and the simulated clock. Every change is
 * a sim:control command; the store only changes when the server confirms (sim:playback), so all viewers
 * in the room agree on what is shown.
 */
import { selectPaused, selectSpeed } from '../../store/selectors.ts';
import { useBoot } from '../../store/store.ts';
import { useClient } from '../../hooks/useClient.ts';

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 10, 20, 50, 100] as const;

export function Playback() {
  const client = useClient();
  const paused = useBoot(selectPaused);
  const speed = useBoot(selectSpeed);
  return (
    <div className="playback" role="group" aria-label="Playback">
      <button type="button" className="btn" onClick={() => void client.control({ action: paused ? 'resume' : 'pause' })} aria-keyshortcuts="Space" data-testid="pause">
        <span aria-hidden="true">{paused ? '▶' : '❚❚'}</span> {paused ? 'Resume' : 'Pause'}
      </button>
      <button type="button" className="btn" onClick={() => void client.control({ action: 'step' })} aria-keyshortcuts="ArrowRight" title="Jump to the next event (→)" aria-label="Step">
        <span aria-hidden="true">▶|</span> <span className="btn-label">Step</span>
      </button>
      <button type="button" className="btn" onClick={() => void client.control({ action: 'skip' })} aria-keyshortcuts="N" data-testid="skip-quiet"
        title="Skip a quiet stretch: run on to the next mark (fault, leader, quorum, health, narration), at most 30 simulated minutes (N)" aria-label="Skip quiet">
        <span aria-hidden="true">»</span> <span className="btn-label">Skip quiet</span>
      </button>
      <label className="speed">
        <span>Speed</span>
        <select data-testid="speed" value={SPEEDS.includes(speed as (typeof SPEEDS)[number]) ? String(speed) : ''} onChange={(e) => void client.control({ action: 'speed', speed: Number(e.target.value) })}>
          {!SPEEDS.includes(speed as (typeof SPEEDS)[number]) && <option value="">{speed}×</option>}
          {SPEEDS.map((s) => <option key={s} value={String(s)}>{s}×</option>)}
        </select>
      </label>
    </div>
  );
}
