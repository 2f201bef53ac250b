// The worker-thread half of a big room's event download (issue 18, item 2; the main-thread half is
// pastStream.ts). It gets what a replay needs (cluster, seed, the recording's steps, how far), builds its own
// engine (the real one: the engine is pure, so the worker's replay writes the same events as the room's thread
// would) and replays in slices of sliceMs of simulated time. It produces a chunk of the formatted download only
// when asked ('next'), so the main thread, which writes each chunk to the HTTP response and asks for the next only
// once the client has taken it, keeps at most one chunk of it in memory; a client that stops reading stops the
// replay. Invariant: the chunks joined are byte for byte eventsToNdjson / eventsToCsv of the whole replay.
import { parentPort, workerData } from 'node:worker_threads';
import { createEngine } from '../../../shared/engine/index.ts';
import { createScriptPlayer, type ScriptStep } from '../../../shared/engine/script.ts';
import type { ClusterConfig } from '../../../shared/engine/types.ts';
import { createEventNdjsonLine, CSV_COLUMNS, eventsToCsv } from '../../../shared/protocol/eventExport.ts';

export interface PastJob {
  cluster: ClusterConfig;
  seed: number;
  steps: readonly ScriptStep[];
  untilMs: number;
  format: 'ndjson' | 'csv';
  /** Simulated time per slice of the replay. */
  sliceMs: number;
  /** A chunk is sent once it holds this many characters (or the replay is done). */
  chunkChars: number;
}

export type PastReply = { chunk: string; done: boolean } | { error: string };

function run(job: PastJob): void {
  const port = parentPort!;
  const engine = createEngine({ cluster: job.cluster, seed: job.seed });
  const player = createScriptPlayer(job.steps);
  const line = createEventNdjsonLine();
  const csvHeader = `${CSV_COLUMNS.join(',')}\r\n`;
  let first = true;
  let finished = false;
  const next = (): void => {
    let chunk = first && job.format === 'csv' ? csvHeader : '';
    first = false;
    while (!finished && chunk.length < job.chunkChars) {
      const target = Math.min(job.untilMs, engine.simTimeMs + job.sliceMs);
      const { events } = player.advanceTo(engine, target);
      if (job.format === 'csv') chunk += eventsToCsv(events).slice(csvHeader.length);
      else for (let i = 0; i < events.length; i += 1) chunk += `${line(events[i]!)}\n`;
      if (target >= job.untilMs) finished = true;
    }
    port.postMessage({ chunk, done: finished } satisfies PastReply);
  };
  port.on('message', (message: unknown) => {
    if (message !== 'next') return;
    try {
      next();
    } catch (error) {
      port.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies PastReply);
    }
  });
}

if (parentPort !== null && workerData !== null && typeof workerData === 'object') run(workerData as PastJob);
