// sim:explain with `at` for one socket: the cause tree as it was at a past moment, for a viewer whose time cursor
// is out of live. Answering rebuilds an engine at that moment (room.tape.engineAt: nearest checkpoint, then the
// recording), which costs real CPU on the event loop every room shares, so each socket has its own budget
// (EXPLAIN_AT_RATE_PER_SECOND, bursts of EXPLAIN_AT_BURST) on top of the command bucket. The web asks at most once
// at a time and only when the cursor or the selection moves, which stays well inside it.
// The last rebuilt engine is kept per socket: choosing another unit at the same moment costs no rebuild. That is
// exact because a moment strictly before now never changes within an epoch (commands take effect at now or later),
// and a new epoch comes with a new tape object.
import type { Engine } from '../../shared/engine/types.ts';
import { TokenBucket } from '../rateLimit.ts';
import { checkMoment } from '../room/history/branch.ts';
import { explainUnit, type ExplainResult } from '../explain.ts';
import type { Room } from '../room/room.ts';
import type { EpochTape } from '../room/history/tape.ts';

export const EXPLAIN_AT_RATE_PER_SECOND = 4;
export const EXPLAIN_AT_BURST = 8;

export interface ExplainQuery {
  node: string;
  unit: string;
  at?: number;
}

export function createPastExplainer(now: () => number): (room: Room, query: ExplainQuery) => ExplainResult {
  const bucket = new TokenBucket(EXPLAIN_AT_RATE_PER_SECOND, EXPLAIN_AT_BURST, now);
  let last: { tape: EpochTape; atMs: number; engine: Engine } | null = null;
  return (room, { node, unit, at }) => {
    if (at === undefined) return explainUnit(room.engine, node, unit);
    const nowMs = room.engine.simTimeMs;
    const error = checkMoment(at, nowMs, room.name, 'at');
    if (error !== null) return { ok: false, error };
    const tape = room.tape;
    if (last === null || last.tape !== tape || last.atMs !== at) {
      if (!bucket.take()) {
        return { ok: false, error: `rate limit: at most ${EXPLAIN_AT_RATE_PER_SECOND} explanations of the past per second (bursts of ${EXPLAIN_AT_BURST}); try again in a moment` };
      }
      const engine = tape.engineAt(at);
      last = at < nowMs ? { tape, atMs: at, engine } : null;
      return explainUnit(engine, node, unit);
    }
    return explainUnit(last.engine, node, unit);
  };
}
