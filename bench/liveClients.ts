// One process of live-benchmark viewers (forked by bench/live.ts): `count` clients join `room` and record, per
// received batch, [receipt wall ms, delay from engine emit ms, events, wire bytes].
// Two kinds of viewer:
// - `full`: a real socket.io-client, which parses every batch as the web app does;
// - `light`: the same client with a decoder that leaves `sim:events` unparsed and reads only the batch header
//   and trailer by string search, so 100 viewers on one busy machine measure the server's fan-out, not the
//   bench's own JSON parsing (in a classroom each browser parses only its own copy).
import { io as connect, type Socket } from 'socket.io-client';
// socket.io-client's own parser (a dependency of it): the light decoder defers to it for everything else.
import { Decoder, Encoder, PacketType } from 'socket.io-parser';
import type { ClientToServerEvents, ServerToClientEvents } from '../shared/protocol/events.ts';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
export type BatchRecord = [receivedMs: number, delayMs: number, events: number, bytes: number];
export type ViewerKind = 'full' | 'light';

const [url, room, countText, kindText] = process.argv.slice(2);
const count = Number(countText);
const kind: ViewerKind = kindText === 'light' ? 'light' : 'full';
const records: BatchRecord[][] = [];
const closers: (() => void)[] = [];
let eluStart: ReturnType<typeof performance.eventLoopUtilization> | null = null;

function send(message: unknown): void {
  process.send?.(message);
}

async function fullViewer(mine: BatchRecord[]): Promise<void> {
  const socket: Client = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
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
  closers.push(() => socket.disconnect());
}

const HEADER = /^\["sim:events",\{"epoch":\d+,"fromSeq":(\d+),"toSeq":(\d+)/;
const TRAILER = /"emittedAtWallMs":(\d+)\}\]$/;
const EVENTS_PREFIX = `${PacketType.EVENT}["sim:events",`;

/** Hands `sim:events` on as the raw JSON text; every other packet is decoded normally. */
class LightDecoder extends Decoder {
  override add(chunk: unknown): void {
    if (typeof chunk === 'string' && chunk.startsWith(EVENTS_PREFIX)) {
      this.emitReserved('decoded', { type: PacketType.EVENT, nsp: '/', data: ['sim:events', chunk.slice(1)] });
      return;
    }
    super.add(chunk);
  }
}

async function lightViewer(mine: BatchRecord[]): Promise<void> {
  const socket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, parser: { Encoder, Decoder: LightDecoder } });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  socket.on('sim:events', (text: string) => {
    const receivedMs = Date.now();
    const head = HEADER.exec(text.slice(0, 120));
    if (!head) return;
    const tail = TRAILER.exec(text.slice(-48));
    mine.push([receivedMs, tail ? receivedMs - Number(tail[1]) : NaN, Number(head[2]) - Number(head[1]) + 1, Buffer.byteLength(text) + 2]);
  });
  await new Promise<void>((resolve, reject) => {
    socket.timeout(10_000).emit('sim:join', { room }, (err: Error | null, ack: { ok: boolean; error?: string }) => (err || !ack.ok ? reject(err ?? new Error(ack.error)) : resolve()));
  });
  closers.push(() => socket.disconnect());
}

async function main(): Promise<void> {
  for (let i = 0; i < count; i++) {
    const mine: BatchRecord[] = [];
    records.push(mine);
    await (kind === 'full' ? fullViewer(mine) : lightViewer(mine));
  }
  eluStart = performance.eventLoopUtilization();
  send({ type: 'ready' });
}

process.on('message', (message: { type: string }) => {
  if (message.type !== 'stop') return;
  for (const close of closers) close();
  const cpu = process.cpuUsage();
  const elu = eluStart === null ? NaN : performance.eventLoopUtilization(eluStart).utilization;
  send({ type: 'result', kind, records, cpuMs: (cpu.user + cpu.system) / 1000, eventLoopUtilization: elu });
  process.disconnect?.();
});

main().catch((error: unknown) => {
  send({ type: 'error', error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
