// Test helper for socket commands against the real engine: a test server on a fake wall clock (token buckets refill
// only when a test advances it), joined clients that are disconnected after each test, and the default room run
// forward in 1 s wall ticks. Registers its own beforeEach/afterEach; call it once at the top of a test file.
import { afterEach, beforeEach, expect } from 'vitest';
import { realDeps } from '../engineDeps.ts';
import { silentLogger } from '../log.ts';
import type { ServerDeps } from '../deps.ts';
import type { Room } from '../room/room.ts';
import { connectClient, request, startTestServer, type ClientSocket, type TestServer } from './harness.ts';

export interface RealSocketRoom {
  readonly server: TestServer;
  /** The fake wall clock, in ms; tests may move it (e.g. to refill a bucket). */
  clock: number;
  /** A new client, connected but in no room (disconnected after the test). */
  connected(): Promise<ClientSocket>;
  /** A new client that has joined the default room. */
  joined(): Promise<ClientSocket>;
  defaultRoom(): Room;
  /** Run `room` forward in 1 s wall ticks until its simulated time reaches `untilSimMs`. */
  runRoom(room: Room, untilSimMs: number): void;
}

/** `overrides`: extra server deps (e.g. a presenter key, a logger that captures). */
export function useRealSocketRoom(overrides: Partial<ServerDeps> = {}): RealSocketRoom {
  let server: TestServer | null = null;
  const sockets: ClientSocket[] = [];
  const env: RealSocketRoom = {
    get server() {
      if (server === null) throw new Error('the test server starts in beforeEach');
      return server;
    },
    clock: 1_000_000,
    async connected() {
      const socket = await connectClient(env.server.url);
      sockets.push(socket);
      return socket;
    },
    async joined() {
      const socket = await env.connected();
      expect((await request(socket, 'sim:join', {})).ok).toBe(true);
      return socket;
    },
    defaultRoom() {
      const room = env.server.app.rooms.get('default');
      if (!room) throw new Error('no default room');
      return room;
    },
    runRoom(room, untilSimMs) {
      while (room.engine.simTimeMs < untilSimMs) {
        env.clock += 1_000;
        room.tick();
      }
    },
  };
  beforeEach(async () => {
    server = await startTestServer({ ...realDeps(overrides.logger ?? silentLogger()), now: () => env.clock, autoTick: false, ...overrides });
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await server?.close();
    server = null;
  });
  return env;
}
