// Test helper: a server each test starts itself (each with its own deps), closed after the test together with every
// socket the test connected through it. Registers its own afterEach; call it once at the top of a test file or block.
import { afterEach } from 'vitest';
import type { ServerDeps } from '../deps.ts';
import { connectClient, startTestServer, type ClientSocket, type TestServer } from './harness.ts';

export interface ServerPerTest {
  /** The server this test started (throws before start). */
  readonly server: TestServer;
  start(overrides?: Partial<ServerDeps>): Promise<TestServer>;
  /** A new client of the test's server, connected, disconnected after the test. */
  connect(): Promise<ClientSocket>;
}

export function useServerPerTest(): ServerPerTest {
  let current: TestServer | null = null;
  const sockets: ClientSocket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await current?.close();
    current = null;
  });
  const env: ServerPerTest = {
    get server() {
      if (current === null) throw new Error('start the test server first');
      return current;
    },
    async start(overrides = {}) {
      current = await startTestServer(overrides);
      return current;
    },
    async connect() {
      const socket = await connectClient(env.server.url);
      sockets.push(socket);
      return socket;
    },
  };
  return env;
}
