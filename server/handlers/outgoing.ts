// What the server has queued for each socket, bounded (issue 11: four clients that asked for snapshots and never read
// pushed RSS to 4 GB). Two halves:
// - a snapshot for one socket (join, resync) is encoded once per snapshot object (Room.snapshot() returns the same
//   object until the room changes), so a reconnect storm costs one JSON.stringify, not one per viewer, and it is
//   written straight to the socket's engine.io connection as socket.emit would, after a check of the budget;
// - a socket whose unsent bytes (engine.io's write buffer, for polling, plus the WebSocket's own buffer) pass
//   maxSocketBufferBytes gets no more snapshots: it is told why (server:closing) and disconnected, its WebSocket
//   terminated so its buffers are freed now, not after a close handshake it will never read. A sweep every
//   SWEEP_MS does the same for sockets that fall behind on room broadcasts.
// engine.io keeps both buffers private; reading them is the one place this server looks inside socket.io, so it is
// guarded: a missing field counts as empty (and the budget is then only as good as what can be seen).
import type { Logger } from 'pino';
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events.ts';
import type { SimSnapshot } from '../../shared/protocol/messages.ts';

type AppServer = Server<ClientToServerEvents, ServerToClientEvents>;
type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export const OUTGOING_SWEEP_MS = 250;
/** socket.io-parser's EVENT packet type. */
const EVENT = 2;

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
  private readonly sweeper: ReturnType<typeof setInterval>;
  /** Sockets dropped for not reading (for /healthz and tests). */
  dropped = 0;

  constructor(private readonly io: AppServer, private readonly maxBytes: number, private readonly logger: Logger) {
    this.sweeper = setInterval(() => this.sweep(), OUTGOING_SWEEP_MS);
    this.sweeper.unref();
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
    let text = this.encoded.get(snapshot);
    if (text === undefined) {
      const packets = this.io.encoder.encode({ type: EVENT, nsp: '/', data: ['sim:snapshot', snapshot] }) as unknown[];
      // A snapshot is plain JSON: one text packet. Anything else goes the ordinary way.
      if (packets.length !== 1 || typeof packets[0] !== 'string') {
        socket.emit('sim:snapshot', snapshot);
        return null;
      }
      text = packets[0];
      this.encoded.set(snapshot, text);
    }
    socket.conn.write(text);
    return text.length;
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
