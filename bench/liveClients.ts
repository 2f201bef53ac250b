// One process of live-benchmark viewers (forked by bench/live.ts): `count` socket.io clients join `room` and
// record, per received batch, [receipt wall ms, delay from engine emit ms, events, wire bytes]. Viewers are
// spread over several processes because in a classroom each browser parses its own copy of every batch;
// one process parsing 100 copies in turn would measure its own queue, not the server.
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/events.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
export type BatchRecord = [receivedMs: number, delayMs: number, events: number, bytes: number];

const [url, room, countText] = process.argv.slice(2);
const count = Number(countText);
const records: BatchRecord[][] = [];
const clients: Client[] = [];
let eluStart: ReturnType<typeof performance.eventLoopUtilization> | null = null;

function send(message: unknown): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  for (let i = 0; i < count; i++) {
    const socket: Client = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const mine: BatchRecord[] = [];
    records.push(mine);
    let lastPacketBytes = 0;
    socket.io.engine.on('packet', (packet: { type: string; data?: unknown }) => {
      if (packet.type === 'message' && typeof packet.data === 'string') lastPacketBytes = Buffer.byteLength(packet.data);
    });
    socket.on('sim:events', (batch) => {
      const receivedMs = Date.now();
      mine.push([receivedMs, batch.emittedAtWallMs === undefined ? NaN : receivedMs - batch.emittedAtWallMs, batch.events.length, lastPacketBytes]);
    });
    await new Promise<void>((resolve, reject) => {
      socket.timeout(10_000).emit('sim:join', { room }, (err, ack) => (err || !ack.ok ? reject(err ?? new Error(ack.ok ? '' : ack.error)) : resolve()));
    });
    clients.push(socket);
  }
  eluStart = performance.eventLoopUtilization();
  send({ type: 'ready' });
}

process.on('message', (message: { type: string }) => {
  if (message.type !== 'stop') return;
  for (const c of clients) c.disconnect();
  const cpu = process.cpuUsage();
  const elu = eluStart === null ? NaN : performance.eventLoopUtilization(eluStart).utilization;
  send({ type: 'result', records, cpuMs: (cpu.user + cpu.system) / 1000, eventLoopUtilization: elu });
  process.disconnect?.();
});

main().catch((error: unknown) => {
  send({ type: 'error', error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
