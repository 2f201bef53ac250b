// Snapshot bytes by cluster size: what a viewer joining a room receives after 10 simulated minutes (the
// boot done), as JSON, next to what the same room sent before snapshots were bounded (the full engine view and the
// whole kept history). In-process over a real Room with a manual clock: deterministic, no sockets.
// Issue 19: also the packed snapshot (handlers/packSnapshot.ts, compressed once and shared by every viewer that asks)
// and what socket.io's per-message deflate would spend instead: the same JSON deflated once per socket (ws compresses
// each message for each socket, at zlib's default level), for a class of PHONES joining at once.
import { performance } from 'node:perf_hooks';
import { deflateRawSync } from 'node:zlib';
import { packSnapshot } from '../server/handlers/packSnapshot.ts';
import { createEngine, restoreEngine } from '../shared/engine/index.ts';
import type { ClusterConfig } from '../shared/engine/types.ts';
import { silentLogger } from '../server/log.ts';
import { Room } from '../server/room/room.ts';
import { DEFAULT_LIMITS } from '../server/deps.ts';

export const SNAPSHOT_SIZES: { label: string; cluster: ClusterConfig }[] = [
  { label: '3+2+1', cluster: { masters: 3, agents: 2, publicAgents: 1 } },
  { label: '3+100', cluster: { masters: 3, agents: 100, publicAgents: 0 } },
  { label: '3+2,000', cluster: { masters: 3, agents: 2_000, publicAgents: 0 } },
  { label: '5+10,000+100', cluster: { masters: 5, agents: 10_000, publicAgents: 100 } },
];
export const SNAPSHOT_AT_MS = 600_000;
const PHONES = 30;

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

export async function benchSnapshot(): Promise<Record<string, unknown>> {
  const rows: Record<string, unknown>[] = [];
  for (const { label, cluster } of SNAPSHOT_SIZES) {
    let wallMs = 0;
    const room = new Room({
      name: 'bench', createEngine, restoreEngine, now: () => wallMs, logger: silentLogger(), maxHistoryEvents: DEFAULT_LIMITS.maxHistoryEvents, autoTick: false,
      broadcast: { events: () => undefined, snapshot: () => undefined, playback: () => undefined },
    }, { cluster, seed: 1 });
    room.control({ action: 'speed', speed: 100 });
    while (room.engine.simTimeMs < SNAPSHOT_AT_MS) {
      wallMs += 50;
      room.tick();
    }
    const t0 = performance.now();
    const bytes = JSON.stringify(room.snapshot()).length;
    const buildMs = performance.now() - t0;
    const snap = room.snapshot();
    const unbounded = JSON.stringify({ ...snap, view: room.engine.view(), events: room.eventLog().slice(-DEFAULT_LIMITS.maxHistoryEvents) }).length;
    const json = JSON.stringify(snap);
    const [packed, packMs] = timed(() => packSnapshot(snap, json));
    const [, perSocketMs] = timed(() => {
      for (let i = 0; i < PHONES; i++) deflateRawSync(json);
    });
    const row = {
      size: label, cluster, simTimeMs: room.engine.simTimeMs, lastSeq: snap.lastSeq, events: snap.events.length, bytes, buildAndStringifyMs: Math.round(buildMs), unboundedBytes: unbounded,
      packedBytes: packed.data.byteLength, packOnceMs: Math.round(packMs), perMessageDeflate30Ms: Math.round(perSocketMs),
    };
    rows.push(row);
    process.stdout.write(`  ${label.padEnd(13)} at ${SNAPSHOT_AT_MS / 60_000} min: ${mib(bytes)} (${snap.events.length} of ${snap.lastSeq} events; built + stringified in ${Math.round(buildMs)} ms); unbounded it would be ${mib(unbounded)}\n`);
    process.stdout.write(`  ${''.padEnd(13)} packed ${(packed.data.byteLength / 1024).toFixed(0)} KB, compressed once in ${Math.round(packMs)} ms; per-message deflate for ${PHONES} sockets ${Math.round(perSocketMs)} ms\n`);
  }
  return { atMs: SNAPSHOT_AT_MS, rows };
}
