// A socket.io client at the level of bytes, for flood tests: a plain TCP socket that does the WebSocket handshake,
// then sends socket.io frames (masked, as a browser must) and either reads and discards what it is sent, or never
// reads at all (a stalled reader: the kernel's buffers fill and the server's queue for it grows). Cheap for the test
// process: no parsing of the multi-megabyte snapshots it receives.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface RawClient {
  /** Sends a socket.io event with an ack id (the answer is not read). */
  emit(event: string, payload: unknown): void;
  /** True once the server closed the TCP connection (only seen by a client that reads). */
  readonly closed: boolean;
  destroy(): void;
}

function frame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const length = payload.length;
  const header = length < 126 ? Buffer.from([0x81, 0x80 | length]) : Buffer.from([0x81, 0x80 | 126, length >> 8, length & 0xff]);
  if (length >= 65_536) throw new Error('frames in tests stay under 64 KiB');
  for (let i = 0; i < length; i++) payload[i]! ^= mask[i % 4]!;
  return Buffer.concat([header, mask, payload]);
}

export function rawClient(url: string, options: { read: boolean }): Promise<RawClient> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname);
    let ackId = 0;
    let closed = false;
    socket.once('error', reject);
    socket.on('close', () => (closed = true));
    socket.once('connect', () => {
      const key = randomBytes(16).toString('base64');
      socket.write(`GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`);
    });
    // Until socket.io has acknowledged the namespace connection ('40{"sid":...'), events would be dropped: wait for it.
    let head = '';
    let upgraded = false;
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!upgraded) {
        if (!head.includes('\r\n\r\n')) return;
        if (!head.startsWith('HTTP/1.1 101')) return reject(new Error(`no WebSocket upgrade: ${head.slice(0, 80)}`));
        upgraded = true;
        socket.write(frame('40')); // socket.io: connect to the default namespace
      }
      if (!head.includes('40{"sid"')) return;
      socket.off('data', onData);
      socket.on('error', () => undefined);
      if (options.read) socket.on('data', () => undefined);
      else socket.pause();
      resolve({
        emit: (event, payload) => {
          if (!socket.destroyed) socket.write(frame(`42${ackId++}${JSON.stringify([event, payload])}`));
        },
        get closed() {
          return closed;
        },
        destroy: () => socket.destroy(),
      });
    };
    socket.on('data', onData);
  });
}
