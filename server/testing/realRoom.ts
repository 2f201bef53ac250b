// Test helper: one room over the real engine on a fake wall clock (no timers), and a fresh replay of a recording,
// the reference every rebuilt view and every CLI run is compared with.
import { createEngine, restoreEngine } from '../../shared/engine/index.ts';
import { createScriptPlayer } from '../../shared/engine/script.ts';
import type { Engine } from '../../shared/engine/types.ts';
import type { Recording } from '../../shared/protocol/recording.ts';
import { silentLogger } from '../log.ts';
import type { Room } from '../room/room.ts';
import { RoomRegistry } from '../room/rooms.ts';
import { loadBuiltinScenario } from '../scenarios.ts';

export interface RealRoom {
  room: Room;
  /** Advance the fake wall clock by `wallMs` in 50 ms driver ticks. */
  run(wallMs: number): void;
}

export function realRoom(): RealRoom {
  let wallMs = 0;
  const rooms = new RoomRegistry({
    createEngine,
    restoreEngine,
    now: () => wallMs,
    broadcast: { events: () => undefined, snapshot: () => undefined, playback: () => undefined },
    logger: silentLogger(),
    maxRooms: 2,
    roomIdleMs: 60_000,
    maxHistoryEvents: 200_000,
    autoTick: false,
  });
  const room = rooms.get('default')!;
  return {
    room,
    run(wallToRun) {
      for (let t = 0; t < wallToRun; t += 50) {
        wallMs += 50;
        room.tick();
      }
    },
  };
}

/**
 * A built-in scenario in `room`, its narration pauses (`wait`) dropped: these tests are about recordings and views,
 * not pacing, and a presenter who pressed → at once would still shift the clock by part of a tick.
 */
export function loadScenarioInto(room: Room, name: string): void {
  const loaded = loadBuiltinScenario(name);
  if (!loaded.ok) throw new Error(loaded.error);
  const steps = loaded.scenario.steps.map(({ wait: _wait, ...step }) => step);
  const error = room.loadScenario({ ...loaded.scenario, steps });
  if (error !== null) throw new Error(error);
}

/** The reference: a new engine with the recording's steps played up to `simTimeMs`, no checkpoints involved. */
export function freshReplay(recording: Recording, simTimeMs: number): Engine {
  const engine = createEngine({ cluster: recording.cluster, seed: recording.seed });
  const result = createScriptPlayer(recording.steps).advanceTo(engine, simTimeMs);
  if (result.errors.length > 0) throw new Error(result.errors[0].error);
  return engine;
}
