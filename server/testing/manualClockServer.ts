// Test helper: a server over the real engine whose wall clock moves only when a test moves it (no tick timer, no
// static files). HTTP route tests drive rooms tick by tick and jump the clock to refill an address's rate-limit bucket.
import { createEngine, restoreEngine } from '../../shared/engine/index.ts';
import type { ServerDeps } from '../deps.ts';
import type { Room } from '../room/room.ts';
import { startTestServer, type TestServer } from './harness.ts';

export interface ManualClockServer extends TestServer {
  /** `ticks` driver ticks of 50 ms wall time on `room`; `onTick(i)` runs after tick i. */
  drive(room: Room, ticks: number, onTick?: (i: number) => void): void;
  /** Move the wall clock without ticking, e.g. 60 s so every address starts again with its whole burst. */
  advanceWall(ms: number): void;
  defaultRoom(): Room;
}

export async function startManualClockServer(limits?: ServerDeps['limits']): Promise<ManualClockServer> {
  let wallMs = 0;
  const server = await startTestServer({ createEngine, restoreEngine, now: () => wallMs, autoTick: false, staticDir: null, ...(limits === undefined ? {} : { limits }) });
  return {
    ...server,
    drive(room, ticks, onTick) {
      for (let i = 0; i < ticks; i += 1) {
        wallMs += 50;
        room.tick();
        onTick?.(i);
      }
    },
    advanceWall(ms) {
      wallMs += ms;
    },
    defaultRoom: () => server.app.rooms.get('default')!,
  };
}

/**
 * The room the time-travel routes are tested against: the default room run 100 ticks at 50x with agent-1 crashed at
 * tick 60, then the clock moved a minute so every test starts with the address's whole burst.
 */
export async function startServerWithCrashedAgent(limits?: ServerDeps['limits']): Promise<ManualClockServer> {
  const server = await startManualClockServer(limits);
  const room = server.defaultRoom();
  room.control({ action: 'speed', speed: 50 });
  server.drive(room, 100, (i) => {
    if (i === 60) room.inject({ kind: 'crash', node: 'agent-1' });
  });
  server.advanceWall(60_000);
  return server;
}
