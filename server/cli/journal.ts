// `npm run simulate -- --journal <node>[/<unit>] [--journal-format short-iso|json]`: the run's journal for one node
// (architecture.md §10) instead of the event log, the same bytes GET /api/rooms/<room>/journal serves for the same
// recording (both go through shared/journal with the same query). No summary follows: the output is a journal.
import { createEngine } from '../../shared/engine/index.ts';
import { createScriptPlayer, type ScriptStep } from '../../shared/engine/script.ts';
import type { ClusterConfig } from '../../shared/engine/types.ts';
import { createJournalGenerator } from '../../shared/journal/generator.ts';
import { formatEntry, type JournalFormat } from '../../shared/journal/format.ts';
import type { LineWriter } from './output.ts';
import { FIRST_SLICE_MS, nextSliceMs } from './slices.ts';

export interface JournalRun {
  cluster: ClusterConfig;
  seed: number;
  steps: readonly ScriptStep[];
  untilMs: number;
  node: string;
  unit: string | null;
  format: JournalFormat;
}

export async function runJournal(run: JournalRun, writer: LineWriter): Promise<void> {
  const engine = createEngine({ cluster: run.cluster, seed: run.seed });
  const player = createScriptPlayer(run.steps);
  const generator = createJournalGenerator(run.cluster, run.node);
  let spanMs = FIRST_SLICE_MS;
  for (let t = Math.min(spanMs, run.untilMs); ; t = Math.min(t + spanMs, run.untilMs)) {
    const slice = player.advanceTo(engine, t);
    spanMs = nextSliceMs(spanMs, slice.events.length);
    for (let i = 0; i < slice.events.length && !writer.closed; i += 1) {
      for (const entry of generator.push(slice.events[i])) {
        if (run.unit !== null && entry.unit !== run.unit) continue;
        const pending = writer.line(formatEntry(entry, run.format));
        if (pending) await pending;
      }
    }
    if (t >= run.untilMs || writer.closed) break;
  }
  await writer.flush();
}
