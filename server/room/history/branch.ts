// A room's past as a new starting point: `sim:rewind` restarts the room itself from a moment, `sim:fork` starts a new
// room there. Both use the one history mechanism (a room is a recording): the engine at t rebuilt from the nearest
// checkpoint plus the recorded steps up to t, the recording cut at t, and the events the room already emitted up to
// that engine's last seq (replay is deterministic, so they are exactly what a replay to t would emit again).
// Invariant: a branch never touches the room it was cut from.
import type { Engine, SimEvent } from '../../../shared/engine/types.ts';
import type { RecordedStep } from '../../../shared/protocol/recording.ts';
import { formatSimTime } from '../../../shared/model/time.ts';
import type { EpochTape } from './tape.ts';

export interface BranchStart {
  /** Where the branch starts, in simulated time of the source room's epoch. */
  atMs: number;
  engine: Engine;
  /** The source recording's steps at or before atMs (those the rebuilt engine has applied). */
  steps: RecordedStep[];
  /** The source's events up to the rebuilt engine's last seq (what its history shows up to atMs). */
  events: SimEvent[];
}

/**
 * Null when `atMs` is a moment of this epoch (a whole number from 0 to now), else a readable error that names the
 * request's own field (`simTimeMs` for rewind and fork, `atMs` for a bookmark, `at` for a past explanation).
 */
export function checkMoment(atMs: number, nowMs: number, room: string, field = 'simTimeMs'): string | null {
  if (!Number.isInteger(atMs) || atMs < 0 || atMs > nowMs) {
    return `${field} ${atMs} is not a moment of room '${room}': allowed a whole number from 0 to ${nowMs} (now, ${formatSimTime(nowMs)})`;
  }
  return null;
}

export function branchAt(tape: EpochTape, history: readonly SimEvent[], atMs: number): BranchStart {
  const engine = tape.engineAt(atMs);
  const steps = tape.recorder.steps.filter((s) => s.atMs <= atMs);
  const lastSeq = engine.lastSeq;
  const events: SimEvent[] = [];
  for (const e of history) {
    if (e.seq > lastSeq) break;
    events.push(e);
  }
  return { atMs, engine, steps, events };
}
