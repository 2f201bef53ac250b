/**
 * The simulated time, re-computed TICKS_PER_SECOND times a second between server facts (interpolated
 * from the last fact with the playback speed; frozen while paused). Used by the header clock and the
 * timeline's "now" line, so both move smoothly even when batches are sparse.
 */
import { useEffect, useState } from 'react';
import { selectClock, selectPaused, selectSpeed, simNow } from '../store/selectors.ts';
import { useBoot } from '../store/store.ts';

export const TICKS_PER_SECOND = 5;

export function useSimClock(): number {
  const clock = useBoot(selectClock);
  const speed = useBoot(selectSpeed);
  const paused = useBoot(selectPaused);
  const [now, setNow] = useState(() => simNow(clock, speed, paused, performance.now()));
  useEffect(() => {
    const tick = () => setNow(simNow(clock, speed, paused, performance.now()));
    tick();
    if (paused) return;
    const id = window.setInterval(tick, 1000 / TICKS_PER_SECOND);
    return () => window.clearInterval(id);
  }, [clock, speed, paused]);
  return now;
}
