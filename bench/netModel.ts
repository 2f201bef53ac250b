// A classroom's Wi-Fi as a TCP proxy in front of the server (the phone and thirty-phone benchmarks, issue 19):
// every byte between browser and server crosses one shared downlink and one shared uplink of fixed rate
// (serialised first in, first out, in slices so connections interleave), then waits the one-way delay; a new
// connection pays one round trip before its first byte (the TCP handshake). Why a proxy and not CDP's
// Network.emulateNetworkConditions: one model shapes the browser and the bench's scripted phones alike, and thirty
// of them can share one access point (CDP shapes each page on its own). Chromium 156's emulation does hold the
// WebSocket back too (bench/phone.ts checks it, row "CDP network emulation on the WebSocket").
// The proxy stops reading from a side whose queue holds more than QUEUE_HIGH_BYTES (as a TCP window would), so the
// server sees the same back-pressure a slow phone gives it.
import net from 'node:net';

export interface LinkModel {
  downBitsPerSecond: number;
  upBitsPerSecond: number;
  rttMs: number;
}

/** One phone's share of a 50 Mbit/s access point among 30. */
export const PHONE_LINK: LinkModel = { downBitsPerSecond: 1.6e6, upBitsPerSecond: 1.6e6, rttMs: 150 };
const SLICE_BYTES = 4_096;
const QUEUE_HIGH_BYTES = 64 * 1024;

export interface ShapedProxy {
  url: string;
  /** Bytes sent down to clients so far, and per connection in accept order. */
  bytesDown(): number;
  close(): Promise<void>;
}

/** One direction of the shared medium: when its wire is next free (ms, performance.now clock). */
class Wire {
  private freeAtMs = 0;
  constructor(private readonly bitsPerSecond: number, private readonly oneWayMs: number) {}
  /** When a slice of `bytes` offered at `nowMs` arrives at the far end. */
  arrival(nowMs: number, bytes: number, notBeforeMs: number): number {
    const start = Math.max(nowMs, this.freeAtMs, notBeforeMs);
    this.freeAtMs = start + (bytes * 8 * 1000) / this.bitsPerSecond;
    return this.freeAtMs + this.oneWayMs;
  }
}

function pipeShaped(from: net.Socket, to: net.Socket, wire: Wire, notBeforeMs: number, count: (n: number) => void): void {
  // One FIFO and one timer per direction: timers of different delays may fire out of order within a millisecond.
  const queue: { dueMs: number; slice: Buffer | null }[] = [];
  let queued = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const deliver = () => {
    timer = null;
    const now = performance.now();
    while (queue.length > 0 && queue[0]!.dueMs <= now) {
      const { slice } = queue.shift()!;
      if (slice === null) {
        to.end();
        continue;
      }
      queued -= slice.length;
      count(slice.length);
      if (!to.destroyed) to.write(slice);
    }
    if (queued < QUEUE_HIGH_BYTES && from.isPaused()) from.resume();
    if (queue.length > 0) timer = setTimeout(deliver, Math.max(0, queue[0]!.dueMs - now));
  };
  const enqueue = (slice: Buffer | null) => {
    const now = performance.now();
    queue.push({ dueMs: wire.arrival(now, slice?.length ?? 0, notBeforeMs), slice });
    if (timer === null) timer = setTimeout(deliver, Math.max(0, queue[0]!.dueMs - now));
  };
  from.on('data', (chunk: Buffer) => {
    for (let at = 0; at < chunk.length; at += SLICE_BYTES) {
      const slice = chunk.subarray(at, at + SLICE_BYTES);
      queued += slice.length;
      enqueue(slice);
    }
    if (queued >= QUEUE_HIGH_BYTES) from.pause();
  });
  from.on('end', () => enqueue(null));
  from.on('error', () => to.destroy());
}

/** A proxy on a free loopback port to `target` (http://host:port) through `link`, shared by every connection. */
export async function startShapedProxy(target: string, link: LinkModel = PHONE_LINK): Promise<ShapedProxy> {
  const { hostname, port } = new URL(target);
  const down = new Wire(link.downBitsPerSecond, link.rttMs / 2);
  const up = new Wire(link.upBitsPerSecond, link.rttMs / 2);
  const sockets = new Set<net.Socket>();
  let bytesDown = 0;
  const server = net.createServer((client) => {
    const handshakeDoneMs = performance.now() + link.rttMs;
    const upstream = net.connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.on('close', () => sockets.delete(s));
    }
    pipeShaped(client, upstream, up, handshakeDoneMs, () => undefined);
    pipeShaped(upstream, client, down, handshakeDoneMs, (n) => (bytesDown += n));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    bytesDown: () => bytesDown,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
