// What the server has queued for each socket, bounded (issue 11: four clients that asked for snapshots and never read
// pushed RSS to 4 GB). Two halves:
// - a snapshot for one socket (join, resync) is encoded once per snapshot object (Room.snapshot() returns the same
//   object until the room changes), so a reconnect storm costs one JSON.stringify, not one per viewer, and it is
//   written straight to the socket's engine.io connection as socket.emit would, after a check of the budget;
// - a socket whose unsent bytes (engine.io's write buffer, for polling, plus the WebSocket's own buffer) pass
//   maxSocketBufferBytes gets no more snapshots: it is told why (server:closing) and disconnected, its WebSocket
//   terminated so its buffers are freed now, not after a close handshake it will never read. A sweep every
//   SWEEP_MS does the same for sockets that fall behind on room broadcasts.
// A socket that joined with `snapshotEncoding: 'deflate-raw'` gets its snapshots as one shared `sim:packedSnapshot`
// (compressed once per snapshot object, handlers/packSnapshot.ts) instead of JSON; the live batches stay plain.
// engine.io keeps both buffers private; reading them is the one place this server looks inside socket.io, so it is
// guarded: a missing field counts as empty (and the budget is then only as good as what can be seen).
import type { Logger } from 'pino';
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.ts';
import type { SimSnapshot } from '../../shared/protocol/messages.ts';
import type { SnapshotEncoding } from '../../shared/protocol/packedSnapshot.ts';
import { packSnapshot } from './packSnapshot.ts';

type AppServer = Server<ClientToServerEvents, ServerToClientEvents>;
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export const OUTGOING_SWEEP_MS = 250;
/** socket.io-parser's EVENT packet type. */
const EVENT = 2;
const SNAPSHOT_PACKET_PREFIX = `${EVENT}["sim:snapshot",`;

interface PeekedConnection {
  writeBuffer?: Array<{ data?: unknown }>;
  transport?: { socket?: { bufferedAmount?: number; terminate?: () => void } };
}

/** Bytes queued for `socket` and not yet handed to the kernel. */
export function bufferedBytes(socket: AppSocket): number {
  const conn = socket.conn as unknown as PeekedConnection | undefined;
  if (conn === undefined) return 0; // a stand-in for a socket of another process (scaleout/sessions.ts)
  let bytes = 0;
  for (const packet of conn.writeBuffer ?? []) {
    const data = packet.data;
    bytes += typeof data === 'string' ? data.length : data instanceof Uint8Array ? data.byteLength : 0;
  }
  const wsBuffered = conn.transport?.socket?.bufferedAmount;
  return bytes + (typeof wsBuffered === 'number' ? wsBuffered : 0);
}

export class OutgoingBudget {
  private readonly encoded = new WeakMap<SimSnapshot, string>();
  /** The socket.io packets of a snapshot's `sim:packedSnapshot` (a header text and one binary attachment). */
  private readonly packed = new WeakMap<SimSnapshot, unknown[]>();
  /** Sockets that asked for packed snapshots (sim:join {snapshotEncoding: 'deflate-raw'}). */
  private readonly packing = new WeakSet<AppSocket>();
  private readonly sweeper: ReturnType<typeof setInterval>;
  /** Sockets dropped for not reading (for /healthz and tests). */
  dropped = 0;

  constructor(private readonly io: AppServer, private readonly maxBytes: number, private readonly logger: Logger) {
    this.sweeper = setInterval(() => this.sweep(), OUTGOING_SWEEP_MS);
    this.sweeper.unref();
  }

  /** How `socket` wants its snapshots from now on (each sim:join says it again). */
  setEncoding(socket: AppSocket, encoding: SnapshotEncoding | undefined): void {
    if (encoding === 'deflate-raw') this.packing.add(socket);
    else this.packing.delete(socket);
  }

  /** Sends `snapshot` to one socket unless it is over budget (then it is dropped). Returns the bytes sent, or null. */
  sendSnapshot(socket: AppSocket, snapshot: SimSnapshot): number | null {
    if ((socket.conn as unknown) === undefined) {
      // A socket of another process (scaleout/sessions.ts): its own process keeps its budget.
      socket.emit('sim:snapshot', snapshot);
      return null;
    }
    if (this.dropIfOver(socket)) return null;
    if (socket.conn.readyState !== 'open') return null;
    const text = this.encodedText(snapshot);
    if (text === null) {
      // A snapshot is plain JSON: one text packet. Anything else goes the ordinary way.
      socket.emit('sim:snapshot', snapshot);
      return null;
    }
    if (!this.packing.has(socket)) {
      socket.conn.write(text);
      return text.length;
    }
    let packets = this.packed.get(snapshot);
    if (packets === undefined) {
      // The JSON inside the text packet `2["sim:snapshot",<json>]` is exactly JSON.stringify(snapshot).
      const json = text.slice(SNAPSHOT_PACKET_PREFIX.length, -1);
      packets = this.io.encoder.encode({ type: EVENT, nsp: '/', data: ['sim:packedSnapshot', packSnapshot(snapshot, json)] }) as unknown[];
      this.packed.set(snapshot, packets);
    }
    let bytes = 0;
    for (const packet of packets) {
      socket.conn.write(packet as string);
      bytes += typeof packet === 'string' ? packet.length : (packet as Uint8Array).byteLength;
    }
    return bytes;
  }

  /**
   * A snapshot to everyone in socket.io room `room` (reset, rewind, scenario load): the sockets over budget are
   * dropped first; the ones that asked for packed snapshots get theirs, the others one broadcast of the JSON.
   */
  broadcastSnapshot(room: string, snapshot: SimSnapshot): void {
    this.dropOverBudgetIn(room);
    const packing: AppSocket[] = [];
    for (const id of this.io.sockets.adapter.rooms.get(room) ?? []) {
      const socket = this.io.sockets.sockets.get(id);
      if (socket !== undefined && this.packing.has(socket)) packing.push(socket);
    }
    if (packing.length === 0) {
      this.io.to(room).emit('sim:snapshot', snapshot);
      return;
    }
    this.io.to(room).except(packing.map((s) => s.id)).emit('sim:snapshot', snapshot);
    for (const socket of packing) this.sendSnapshot(socket, snapshot);
  }

  private encodedText(snapshot: SimSnapshot): string | null {
    const cached = this.encoded.get(snapshot);
    if (cached !== undefined) return cached;
    const packets = this.io.encoder.encode({ type: EVENT, nsp: '/', data: ['sim:snapshot', snapshot] }) as unknown[];
    if (packets.length !== 1 || typeof packets[0] !== 'string') return null;
    this.encoded.set(snapshot, packets[0]);
    return packets[0];
  }

  /** Drops the sockets of socket.io room `room` that are over budget (before a snapshot is broadcast to it). */
  dropOverBudgetIn(room: string): void {
    for (const id of this.io.sockets.adapter.rooms.get(room) ?? []) {
      const socket = this.io.sockets.sockets.get(id);
      if (socket !== undefined) this.dropIfOver(socket);
    }
  }

  /** Drops every socket over budget. */
  sweep(): void {
    for (const socket of this.io.sockets.sockets.values()) this.dropIfOver(socket);
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private dropIfOver(socket: AppSocket): boolean {
    const bytes = bufferedBytes(socket);
    if (bytes <= this.maxBytes) return false;
    this.dropped += 1;
    const reason = `disconnected: ${Math.round(bytes / 1_048_576)} MB sent to you are still unread (at most ${Math.round(this.maxBytes / 1_048_576)} MB); reconnect when your connection keeps up`;
    this.logger.warn({ socket: socket.id, bufferedBytes: bytes }, 'socket dropped: it does not read what it is sent');
    socket.emit('server:closing', { reason });
    const transport = (socket.conn as unknown as PeekedConnection).transport;
    socket.disconnect(true);
    // A graceful WebSocket close would wait for the unread bytes to drain first: cut it, so the buffers go now.
    transport?.socket?.terminate?.();
    return true;
  }
}
