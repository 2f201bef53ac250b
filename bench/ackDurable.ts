// Write before ack: what it costs. Two measurements:
// - ack-to-durable latency, against the real server process (its own temp DATA_DIR): one socket sends ACK_COMMANDS
//   faults one after another, under the per-socket rate limit; each ack is sent only once the record holding the fault
//   is written and fsynced, so the time from emit to ack is the time to durable (p50, p99).
// - commands per second, in this process, on a real room (real engine) and a real file store in a temp directory,
//   without the socket rate limits: faults applied with no wait for the disk (the old ack: before) against faults each
//   awaited until durable (after: one write + fsync per command), and BATCH commands of one turn sharing one fsync.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine, restoreEngine } from '../shared/engine/index.ts';
import { connectClient, request } from '../server/testing/harness.ts';
import { startServerProcess } from '../server/testing/serverProcess.ts';
import { silentLogger } from '../server/log.ts';
import { RoomRegistry } from '../server/room/rooms.ts';
import { RoomSaver } from '../server/room/store/roomSaver.ts';
import { RoomFileStore } from '../server/room/store/roomStore.ts';

const ACK_COMMANDS = 120;
const LOCAL_COMMANDS = 400;
const BATCH = 10;
const fault = (i: number) => ({ kind: 'delay' as const, node: 'master-1', unit: 'dcos-exhibitor', ms: 100 + i });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

async function ackLatencies(): Promise<number[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bootscope-bench-ack-'));
  const server = startServerProcess({ DATA_DIR: dir });
  try {
    const client = await connectClient(await server.url);
    await request(client, 'sim:join', { room: 'acks' });
    const latencies: number[] = [];
    for (let i = 0; i < ACK_COMMANDS; i++) {
      const sent = performance.now();
      const ack = await request(client, 'fault:inject', fault(i));
      if (!ack.ok) throw new Error(`fault refused: ${ack.error}`);
      latencies.push(performance.now() - sent);
      await sleep(60); // under 20 commands a second per socket
    }
    client.disconnect();
    return latencies;
  } finally {
    server.child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function localRate(mode: 'before' | 'after' | 'batched'): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bootscope-bench-rate-'));
  const logger = silentLogger();
  const store = new RoomFileStore(dir, logger);
  store.open();
  const saver = new RoomSaver(store, logger, Date.now);
  const rooms = new RoomRegistry({ createEngine, restoreEngine, now: Date.now, broadcast: { events: () => undefined, snapshot: () => undefined, playback: () => undefined }, logger, maxRooms: 2, roomIdleMs: 60_000, maxHistoryEvents: 200_000, autoTick: false, durability: saver });
  const room = rooms.get('default')!;
  try {
    const started = performance.now();
    for (let i = 0; i < LOCAL_COMMANDS; i += mode === 'batched' ? BATCH : 1) {
      if (mode === 'before') {
        room.inject(fault(i)); // acked at once; written at the next tick, as before issue 18
        if (i % 5 === 4) room.tick(); // one tick (and its one write) per 5 commands: 20/s per socket at 50 ms ticks
        continue;
      }
      const waits: Array<Promise<void>> = [];
      for (let j = 0; j < (mode === 'batched' ? BATCH : 1); j++) {
        room.inject(fault(i + j));
        waits.push(room.persisted());
      }
      await Promise.all(waits);
    }
    return Math.round(LOCAL_COMMANDS / ((performance.now() - started) / 1000));
  } finally {
    rooms.close();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchAckDurable(): Promise<Record<string, unknown>> {
  const latencies = await ackLatencies();
  const before = await localRate('before');
  const after = await localRate('after');
  const batched = await localRate('batched');
  const result = {
    ackToDurableP50Ms: Math.round(quantile(latencies, 0.5) * 10) / 10,
    ackToDurableP99Ms: Math.round(quantile(latencies, 0.99) * 10) / 10,
    commandsPerSecondBefore: before,
    commandsPerSecondAfter: after,
    commandsPerSecondAfterBatched: batched,
  };
  console.table([
    { row: `ack-to-durable (fault acked once written + fsynced, ${ACK_COMMANDS} faults, real server)`, value: `p50 ${result.ackToDurableP50Ms} ms / p99 ${result.ackToDurableP99Ms} ms` },
    { row: 'commands/s on one room, no disk wait (before: ack before the write)', value: `${before}` },
    { row: 'commands/s on one room, each awaited until durable (after)', value: `${after}` },
    { row: `commands/s on one room, ${BATCH} per turn sharing one fsync (after)`, value: `${batched}` },
  ]);
  return result;
}
