// The headless run behind `npm run simulate`: arguments -> scenario -> engine + script player -> event lines
// -> summary. In-process and IO-injected so tests and benchmarks call it directly; server/cli.ts wires it to
// the real process.
// Invariants: exit 0 for a completed run (also when the reader closed early), 2 with exactly one stderr line
// for bad input; the same arguments always print the same bytes.
import { createEngine } from '../../shared/engine/index.ts';
import { createScriptPlayer, type ScriptStep } from '../../shared/engine/script.ts';
import type { ClusterConfig, SimEvent } from '../../shared/engine/types.ts';
import { createEventNdjsonLine, eventNdjsonLine } from '../../shared/protocol/eventExport.ts';
import { resolveScenario } from '../scenarios.ts';
import { DEFAULT_UNTIL_MS, parseCliArgs, USAGE, type OutputFormat } from './args.ts';
import { formatEventText, textStyle } from './format.ts';
import { LineWriter, type ChunkSink } from './output.ts';
import { MilestoneTracker } from './milestones.ts';
import { formatSummaryText, summarize, type RunSummary } from './summary.ts';
import { runJournal } from './journal.ts';
import { checkJournalRequest } from '../journal/journalQuery.ts';
import { FIRST_SLICE_MS, nextSliceMs } from './slices.ts';

export interface CliIo {
  out: ChunkSink;
  /** One line to stderr (no trailing newline needed). */
  err: (line: string) => void;
  /** ANSI colour in text output (the caller decides: a TTY and no NO_COLOR). */
  color: boolean;
  /** Where relative scenario paths start (the user's directory; default process.cwd()). */
  cwd?: string;
}

export interface HeadlessRun {
  cluster: ClusterConfig;
  seed: number;
  steps: readonly ScriptStep[];
  untilMs: number;
  scenario: string | null;
  format: OutputFormat;
  color: boolean;
}

/** One ndjson line (shared with the room's event download, so a download diffs byte for byte against the CLI). */
export const ndjsonLine: (e: SimEvent) => string = eventNdjsonLine;

/** Run the engine to `untilMs`, writing every event and then the summary; returns the summary. */
export async function runHeadless(run: HeadlessRun, writer: LineWriter, onScriptError?: (line: string) => void): Promise<RunSummary> {
  const engine = createEngine({ cluster: run.cluster, seed: run.seed });
  const player = createScriptPlayer(run.steps);
  const style = textStyle(run.cluster, run.color);
  const render = run.format === 'ndjson' ? createEventNdjsonLine() : (e: SimEvent) => formatEventText(e, style);
  const scriptErrors: string[] = [];
  const milestones = new MilestoneTracker(run.cluster);
  let events = 0;
  let spanMs = FIRST_SLICE_MS;
  for (let t = Math.min(spanMs, run.untilMs); ; t = Math.min(t + spanMs, run.untilMs)) {
    const slice = player.advanceTo(engine, t);
    events += slice.events.length;
    spanMs = nextSliceMs(spanMs, slice.events.length);
    for (let i = 0; i < slice.events.length; i += 1) milestones.observe(slice.events[i]);
    for (const e of slice.errors) {
      scriptErrors.push(e.error);
      onScriptError?.(e.error);
    }
    for (let i = 0; i < slice.events.length && !writer.closed; i += 1) {
      const pending = writer.line(render(slice.events[i]));
      if (pending) await pending;
    }
    if (t >= run.untilMs || writer.closed) break;
  }
  const summary = summarize({ engine, scenario: run.scenario, events, scriptErrors, milestones: milestones.at });
  const closing = run.format === 'ndjson' ? [JSON.stringify(summary)] : formatSummaryText(summary, style);
  for (const line of closing) {
    const pending = writer.line(line);
    if (pending) await pending;
  }
  await writer.flush();
  return summary;
}

/** The whole CLI: returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (parsed.kind === 'help') {
    const writer = new LineWriter(io.out);
    writer.line(USAGE);
    await writer.flush();
    return 0;
  }
  if (parsed.kind === 'error') {
    io.err(`simulate: ${parsed.error}`);
    return 2;
  }
  const o = parsed.options;
  let cluster = o.cluster;
  let seed = o.seed;
  let steps: readonly ScriptStep[] = [];
  let untilMs = o.untilMs ?? DEFAULT_UNTIL_MS;
  let scenarioName: string | null = null;
  if (o.scenario !== null) {
    const loaded = resolveScenario(o.scenario, io.cwd);
    if (!loaded.ok) {
      io.err(`simulate: ${loaded.error}`);
      return 2;
    }
    const s = loaded.scenario;
    if (o.explicitClusterFlags.length > 0) {
      io.err(`simulate: scenario ${s.name} sets the cluster and seed; ignoring ${o.explicitClusterFlags.join(', ')}`);
    }
    ({ cluster, seed, steps } = s);
    // A recording ends where the room was when it was downloaded; a scenario runs for its durationMs.
    untilMs = o.untilMs ?? ('untilMs' in s ? s.untilMs : s.durationMs) ?? DEFAULT_UNTIL_MS;
    scenarioName = s.name;
  }
  const writer = new LineWriter(io.out);
  if (o.journal !== undefined) {
    const checked = checkJournalRequest(cluster, { node: o.journal.node, unit: o.journal.unit ?? undefined, format: o.journal.format });
    if (!checked.ok) {
      io.err(`simulate: --journal: ${checked.error}`);
      return 2;
    }
    await runJournal({ cluster, seed, steps, untilMs, ...checked.request }, writer);
    return 0;
  }
  await runHeadless({ cluster, seed, steps, untilMs, scenario: scenarioName, format: o.format, color: o.format === 'text' && io.color }, writer, (line) =>
    io.err(`simulate: warning: ${line}`),
  );
  return 0;
}
