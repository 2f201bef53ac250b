// Rebuilding an epoch at a past moment: restore the newest checkpoint at or before t (or start a fresh engine
// from cluster + seed), then replay the recorded steps after it up to t with the scenario player. The one way
// the server turns a recording back into an engine: the view endpoint, the healthy baseline and (later) rewind
// and fork all call engineAt. Pure except for the checkpoints' inflate.
import { createScriptPlayer, type ScriptStep } from '../../../shared/engine/script.ts';
import type { ClusterConfig, Engine, SimEvent } from '../../../shared/engine/types.ts';
import type { Checkpoints, EngineRestorer } from './checkpoints.ts';
import type { EngineFactory } from '../../deps.ts';

export interface ReplaySource {
  createEngine: EngineFactory;
  restoreEngine: EngineRestorer;
  cluster: ClusterConfig;
  seed: number;
  /** The recording's steps, concrete and in firing order. */
  steps: readonly ScriptStep[];
  checkpoints: Checkpoints;
}

/**
 * An engine at `simTimeMs` with every recorded step at or before it applied (steps at exactly t included, as a
 * fresh replay of the recording to t would). `onSlice` sees the engine at rest after each slice (the baseline
 * saves checkpoints there); `sliceMs` bounds how far one slice advances.
 */
export function engineAt(source: ReplaySource, simTimeMs: number, onSlice?: (engine: Engine, stepsApplied: number) => void, sliceMs = Infinity): Engine {
  const checkpoint = source.checkpoints.nearest(simTimeMs);
  const engine = checkpoint ? source.checkpoints.restore(checkpoint, source.restoreEngine) : source.createEngine({ cluster: source.cluster, seed: source.seed });
  const from = checkpoint?.stepsApplied ?? 0;
  const player = createScriptPlayer(from === 0 ? source.steps : source.steps.slice(from));
  for (;;) {
    const target = Math.min(simTimeMs, engine.simTimeMs + sliceMs);
    const { errors } = player.advanceTo(engine, target);
    // A recorded step was accepted live; refused now means the replay diverged from the room: a bug, say so.
    if (errors.length > 0) throw new Error(`replay diverged from the recording: ${errors[0].error}`);
    onSlice?.(engine, from + player.cursor.nextStep);
    if (target >= simTimeMs) return engine;
  }
}

/** Every event of the recording from t=0 to `untilMs`, replayed on a fresh engine (for a room whose history was trimmed). */
export function replayEvents(source: Omit<ReplaySource, 'checkpoints' | 'restoreEngine'>, untilMs: number): SimEvent[] {
  const engine = source.createEngine({ cluster: source.cluster, seed: source.seed });
  return createScriptPlayer(source.steps).advanceTo(engine, untilMs).events;
}
