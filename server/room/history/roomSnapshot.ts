// What a viewer gets on join or resync: the room's state now and a bounded window of its recent events (older events
// stay on the server: sim:history pages them, GET /api/rooms/<room>/events has them all). Pure: it reads the parts it is
// given and builds a fresh object (the outbox caches it per room version).
import type { Bookmark, RoomPolicy, SimSnapshot } from '../../../shared/protocol/messages.ts';
import type { Driver } from '../../driver.ts';
import type { ForkOrigin, Simulation } from '../types.ts';
import type { EventHistory } from './eventHistory.ts';
import { SNAPSHOT_MAX_EVENTS, eventWeight } from './eventWeight.ts';
import { snapshotView, viewerEvents } from './snapshotView.ts';

export interface SnapshotParts {
  room: string;
  epoch: number;
  sim: Simulation;
  driver: Driver;
  history: EventHistory;
  bookmarks: Bookmark[];
  policy: RoomPolicy;
  forkOrigin: ForkOrigin | null;
}

export function roomSnapshot(p: SnapshotParts): SimSnapshot {
  const engine = p.driver.engine;
  const recent = p.history.recent(SNAPSHOT_MAX_EVENTS, eventWeight);
  return {
    room: p.room,
    lastSeq: engine.lastSeq,
    simTimeMs: engine.simTimeMs,
    seed: p.sim.seed,
    cluster: p.sim.cluster,
    speed: p.driver.speed,
    paused: p.driver.paused,
    ...(p.driver.waitingForPresenter ? { waiting: true } : {}),
    scenario: p.sim.scenario,
    view: snapshotView(engine.view()),
    events: viewerEvents(recent.events, p.sim.cluster),
    epoch: p.epoch,
    historyTrimmed: recent.omitted,
    bookmarks: p.bookmarks,
    policy: p.policy,
    ...(p.forkOrigin !== null ? { forkOf: { ...p.forkOrigin } } : {}),
  };
}
