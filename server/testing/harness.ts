// Test harness: a real http.Server on port 0 with createApp, real socket.io-client connections, and a Viewer
// that rebuilds a room's event log exactly as a browser should (snapshot, then batches; resync on a gap).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import type { SimEvent } from '../../shared/engine/types.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.ts';
import type { Ack, EventBatch, SimSnapshot } from '../../shared/protocol/messages.ts';
import { createApp, type App } from '../app.ts';
import type { ServerDeps } from '../deps.ts';
import { silentLogger } from '../log.ts';
import { createFakeEngine, restoreFakeEngine } from './fakeEngine.ts';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  url: string;
  app: App;
  close(): Promise<void>;
}

export async function startTestServer(overrides: Partial<ServerDeps> = {}): Promise<TestServer> {
  // An engine factory and its restorer come as a pair: a real engine restored as a fake one would be nonsense.
  if (overrides.createEngine !== undefined && overrides.restoreEngine === undefined) {
    throw new Error('startTestServer: pass restoreEngine together with createEngine');
  }
  const httpServer = createServer();
  const app = createApp(httpServer, {
    createEngine: createFakeEngine,
    restoreEngine: restoreFakeEngine,
    unitLabel: () => undefined,
    scenarios: { list: () => [], load: (name) => ({ ok: false, error: `unknown scenario '${name}'` }) },
    logger: silentLogger(),
    ...overrides,
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, app, close: () => app.close() };
}

export function connectClient(url: string): Promise<ClientSocket> {
  const socket: ClientSocket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Emit a command and wait for its ack (any event name and payload: tests send malformed ones on purpose). */
export function request<T extends object = object>(socket: ClientSocket, event: string, ...payload: unknown[]): Promise<Ack<T>> {
  const raw = socket as unknown as { timeout(ms: number): { emit(ev: string, ...args: unknown[]): void } };
  return new Promise((resolve, reject) => {
    raw.timeout(5_000).emit(event, ...payload, (err: Error | null, result: Ack<T>) => (err ? reject(err) : resolve(result)));
  });
}

export function until(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (predicate()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      setTimeout(check, 10);
    };
    check();
  });
}

/** A client that keeps the room's log the way the web app must: it never holds a gap or a duplicate. */
export class Viewer {
  log: SimEvent[] = [];
  snapshots: SimSnapshot[] = [];
  batches: EventBatch[] = [];
  epoch = -1;
  gaps = 0;
  duplicates = 0;

  constructor(public socket: ClientSocket) {
    this.listen(socket);
  }

  get lastSeq(): number {
    return this.log.length === 0 ? (this.snapshots.at(-1)?.lastSeq ?? 0) : this.log[this.log.length - 1].seq;
  }

  listen(socket: ClientSocket): void {
    this.socket = socket;
    socket.on('sim:snapshot', (snapshot) => {
      this.snapshots.push(snapshot);
      this.epoch = snapshot.epoch;
      this.log = snapshot.events.slice();
    });
    socket.on('sim:events', (batch) => {
      this.batches.push(batch);
      if (batch.epoch !== this.epoch) return;
      if (batch.toSeq <= this.lastSeq) {
        this.duplicates++;
        return;
      }
      if (batch.fromSeq !== this.lastSeq + 1) {
        this.gaps++;
        // Fire and forget: a resync still pending when the test disconnects is not the test's failure.
        request(socket, 'sim:resync', {}).catch(() => undefined);
        return;
      }
      this.log.push(...batch.events);
    });
  }
}
