// What the server needs from the rest of the system, injected so the server can be tested with a fake engine
// and wired to the real engine, catalog and scenario files in exactly one place (engineDeps.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Engine, EngineOptions, EngineSnapshot, Role } from '../shared/engine/types.ts';
import type { ScenarioInfo } from '../shared/protocol/messages.ts';
import type { Scenario } from '../shared/protocol/schemas.ts';

export type WebMiddleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export type EngineFactory = (options: EngineOptions) => Engine;
/** Rebuilds an engine from its snapshot() (checkpoints.ts); must pair with the EngineFactory it came from. */
export type EngineRestorer = (snapshot: EngineSnapshot) => Engine;

/** dcos-diagnostics' naming of one unit: `name` is the PrettyName, `description` the unit's Description. */
export interface UnitLabel {
  name: string;
  description: string;
}

export type ScenarioLoad = { ok: true; scenario: Scenario } | { ok: false; error: string };

export interface ScenarioSource {
  list(): ScenarioInfo[];
  load(name: string): ScenarioLoad;
}

export interface ServerDeps {
  createEngine: EngineFactory;
  restoreEngine: EngineRestorer;
  /** Catalog lookup by unit id (no `.service`) and node role; undefined for a unit the catalog does not know. */
  unitLabel(unitId: string, role: Role): UnitLabel | undefined;
  scenarios: ScenarioSource;
  logger: Logger;
  /** Wall clock in ms (Date.now by default); tests inject a fake one. */
  now?: () => number;
  /** Directory of the built web app; null serves no static files. */
  staticDir?: string | null;
  /** Development: Vite's connect middleware serves the web app instead of dist/ (HMR, on-the-fly TSX). */
  webMiddleware?: WebMiddleware;
  /** Extra allowed browser origins (BOOTSCOPE_ORIGINS); '*' allows any. */
  origins?: string[];
  /** false: rooms do not run their own timers (tests call tick() themselves). Default true. */
  autoTick?: boolean;
  limits?: Partial<ServerLimits>;
}

export interface ServerLimits {
  maxRooms: number;
  roomIdleMs: number;
  maxHistoryEvents: number;
  maxPayloadBytes: number;
  commandsPerSecond: number;
  commandBurst: number;
  /** Full snapshots (join / resync) per socket: they can be megabytes, so they get their own, slower bucket. */
  snapshotsPerSecond: number;
  snapshotBurst: number;
  /** Room time-travel HTTP routes (/api/rooms/...) per client address: rebuilding a past view costs CPU. */
  apiRequestsPerSecond: number;
  apiBurst: number;
  /** sim:rewind and sim:fork per socket: each rebuilds an engine from the recording (a fork also makes a room). */
  branchesPerSecond: number;
  branchBurst: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxRooms: 20,
  roomIdleMs: 10 * 60_000,
  maxHistoryEvents: 50_000,
  maxPayloadBytes: 16 * 1024,
  commandsPerSecond: 20,
  commandBurst: 40,
  snapshotsPerSecond: 1,
  snapshotBurst: 10,
  // A drag on the time cursor asks for a few views a second; a class behind one NAT address shares the bucket.
  apiRequestsPerSecond: 30,
  apiBurst: 60,
  branchesPerSecond: 0.5,
  branchBurst: 3,
};
