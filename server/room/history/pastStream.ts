// A big room's past off the event loop (issue 18, item 2: three anonymous GET /api/rooms/<r>/events of a
// 5+10,000+1,000 room, 157 MB each replayed from t=0 on the room's thread, blocked /healthz for 13.8 s and took RSS
// to 2 GB; eight clients that never read held 3.7 GiB). For a room of PAST_WORKER_NODES nodes or more, the download
// is replayed in a worker thread (pastWorker.ts) and streamed: the response is chunked, one chunk (CHUNK_CHARS) at a
// time; the next is asked for only once res.write() took the last one (or 'drain' came), so a client that does not
// read stops the replay and holds at most one chunk plus its socket's buffers; one that takes no byte for
// DRAIN_TIMEOUT_MS is cut (worker ended, memory freed). PastBudget bounds the replays that run at once: in the
// process (each holds its own engine of the room's size), per client address and per room; past them the request
// is refused with 429 and Retry-After (not queued: a queue would only hold the same memory for longer).
import { createRequire } from 'node:module';
import type { ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Recording } from '../../../shared/protocol/recording.ts';
import type { PastJob, PastReply } from './pastWorker.ts';

/** Rooms with at least this many nodes (masters + agents + public agents) have their past replayed in a worker. */
export const PAST_WORKER_NODES = 1_000;
/** Replays of big rooms running at once, in the whole process / for one client address / for one room. */
export const PAST_MAX_RUNNING = 2;
export const PAST_MAX_PER_ADDRESS = 1;
export const PAST_MAX_PER_ROOM = 2;
/** One chunk of a streamed download, in characters (~1 MB). */
export const CHUNK_CHARS = 1 << 20;
/** Simulated time one slice of the worker's replay advances. */
export const SLICE_MS = 1_000;
/** A client that takes no byte of a streamed download for this long is cut. */
export const DRAIN_TIMEOUT_MS = 30_000;
/** The most heap a replay worker may use; past it the worker ends and the download is cut. */
export const WORKER_HEAP_MB = 768;

// require.resolve finds the package's CommonJS entry; its ES module build sits beside it (tsx's "exports" map).
const TSX_API = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
const WORKER_URL = new URL('./pastWorker.ts', import.meta.url).href;
// The server runs its TypeScript through tsx (npm start); a worker gets a fresh loader, so it registers tsx first.
const BOOT = `import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL)}); });`;

export function clusterNodes(cluster: { masters: number; agents: number; publicAgents: number }): number {
  return cluster.masters + cluster.agents + cluster.publicAgents;
}

export class PastBudget {
  private running = 0;
  private readonly byAddress = new Map<string, number>();
  private readonly byRoom = new Map<string, number>();

  constructor(private readonly limits = { running: PAST_MAX_RUNNING, perAddress: PAST_MAX_PER_ADDRESS, perRoom: PAST_MAX_PER_ROOM }) {}

  /** A release function, or why not. */
  take(room: string, address: string): (() => void) | string {
    if (this.running >= this.limits.running) return `the server is replaying ${this.running} big rooms' pasts already (at most ${this.limits.running} at once); try again in a moment`;
    if ((this.byAddress.get(address) ?? 0) >= this.limits.perAddress) return `your address is already downloading a big room's past (at most ${this.limits.perAddress} at once); wait for it to finish`;
    if ((this.byRoom.get(room) ?? 0) >= this.limits.perRoom) return `room '${room}' is already being replayed ${this.limits.perRoom} times; try again in a moment`;
    this.running += 1;
    this.byAddress.set(address, (this.byAddress.get(address) ?? 0) + 1);
    this.byRoom.set(room, (this.byRoom.get(room) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= 1;
      const a = (this.byAddress.get(address) ?? 1) - 1;
      if (a === 0) this.byAddress.delete(address);
      else this.byAddress.set(address, a);
      const r = (this.byRoom.get(room) ?? 1) - 1;
      if (r === 0) this.byRoom.delete(room);
      else this.byRoom.set(room, r);
    };
  }

  get active(): number {
    return this.running;
  }
}

/**
 * Streams `recording`'s events (from t=0 to its untilMs) to `res` in `format`, replayed in a worker. `head`: the
 * response's headers (no Content-Length: the length is known only at the end). Resolves when the response ended or
 * was cut; never rejects.
 */
export function streamPast(recording: Recording, format: 'ndjson' | 'csv', res: ServerResponse, head: Record<string, string>, options: { drainTimeoutMs?: number; onEnd?: () => void } = {}): Promise<void> {
  const job: PastJob = { cluster: recording.cluster, seed: recording.seed, steps: recording.steps, untilMs: recording.untilMs, format, sliceMs: SLICE_MS, chunkChars: CHUNK_CHARS };
  const worker = new Worker(BOOT, { eval: true, workerData: job, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  worker.unref();
  return new Promise((resolve) => {
    let finished = false;
    let drainTimer: ReturnType<typeof setTimeout> | undefined;
    const finish = (cut: boolean) => {
      if (finished) return;
      finished = true;
      clearTimeout(drainTimer);
      res.off('drain', onDrain);
      void worker.terminate();
      if (cut) {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: 'the replay failed (logged on the server)' }));
        else res.destroy();
      }
      options.onEnd?.();
      resolve();
    };
    const onDrain = () => {
      clearTimeout(drainTimer);
      worker.postMessage('next');
    };
    worker.on('message', (reply: PastReply) => {
      if (finished) return;
      if ('error' in reply) return finish(true);
      if (!res.headersSent) res.writeHead(200, head);
      const took = reply.chunk.length === 0 || res.write(reply.chunk);
      if (reply.done) {
        res.end();
        return finish(false);
      }
      if (took) worker.postMessage('next');
      else {
        // The client has not taken the last chunk: ask for no more until it does, and not forever.
        res.once('drain', onDrain);
        drainTimer = setTimeout(() => finish(true), options.drainTimeoutMs ?? DRAIN_TIMEOUT_MS);
      }
    });
    worker.on('error', () => finish(true));
    worker.on('exit', () => finish(true));
    res.on('close', () => finish(!res.writableFinished));
    worker.postMessage('next');
  });
}
