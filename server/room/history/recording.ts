// The recorder: turns a room's event log into its recording (shared/protocol/recording.ts) as events happen.
// Why from events and not from commands: every command leaves exactly one trace in the engine log, a `narration`
// for a scenario's `say` and a `fault` with `active: true` for every fault that was applied (a click or a scenario
// step; rejected ones leave nothing). Those events are the FIRINGS, already concrete: a step that waited for a
// fact fired at one instant, and @quiet-master was resolved to one machine. Recording the firings, not the script,
// makes replay exact: the script player fires a step after advancing the engine to its atMs, as the live driver
// did, and steps at one atMs keep their order. Invariant: steps are in the order their events were emitted.
import type { ClusterConfig, SimEvent } from '../../../shared/engine/types.ts';
import { formatSimTime } from '../../../shared/model/time.ts';
import type { ScenarioInfo } from '../../../shared/protocol/messages.ts';
import { MAX_USER_COMMANDS, RECORDING_VERSION, type RecordedStep, type Recording } from '../../../shared/protocol/recording.ts';

export interface RecordingHeader {
  name: string;
  title: string;
  description: string;
  cluster: ClusterConfig;
  seed: number;
}

const MAX_TITLE = 120;

/** The header of a room's recording: the scenario's when one was loaded (its firings are what gets recorded). */
export function recordingHeader(room: string, scenario: ScenarioInfo | null, cluster: ClusterConfig, seed: number): RecordingHeader {
  const shape = `${cluster.masters} masters, ${cluster.agents} agents, ${cluster.publicAgents} public agents, seed ${seed}`;
  if (scenario === null) {
    return { name: room, title: `Room ${room}`, description: `Recorded in room ${room}: ${shape}.`, cluster: { ...cluster }, seed };
  }
  return {
    name: scenario.name,
    title: `Recording: ${scenario.title}`.slice(0, MAX_TITLE),
    description: `Recorded in room ${room} (${shape}). ${scenario.description}`.slice(0, 2000),
    cluster: { ...cluster },
    seed,
  };
}

export class Recorder {
  private readonly recorded: RecordedStep[];

  /** `from`: the steps a rewind or fork starts with (the recording up to the moment it branched). */
  constructor(private readonly header: RecordingHeader, from: readonly RecordedStep[] = []) {
    this.recorded = from.map(copyStep);
  }

  get steps(): readonly RecordedStep[] {
    return this.recorded;
  }
  get length(): number {
    return this.recorded.length;
  }
  /** No more clicks fit (the rest of the schema's room is kept for a scenario's own steps). */
  get full(): boolean {
    return this.recorded.length >= MAX_USER_COMMANDS;
  }

  observe(events: readonly SimEvent[]): void {
    for (let i = 0; i < events.length; i += 1) {
      const e = events[i];
      if (e.type === 'narration') this.recorded.push({ atMs: e.simTimeMs, say: e.text, ...(e.wait === true ? { wait: true } : {}) });
      // A scenario's own firing needs no `by` (replay's default); a person's is kept so replay names them again.
      else if (e.type === 'fault' && e.active) this.recorded.push({ atMs: e.simTimeMs, fault: { ...e.fault }, ...(e.by.role !== 'scenario' ? { by: { ...e.by } } : {}) });
    }
  }

  /** The recording up to `untilMs` (the room's current simulated time), in the key order of architecture.md §6. */
  recording(untilMs: number): Recording {
    const h = this.header;
    const steps = this.recorded.map(copyStep);
    return { version: RECORDING_VERSION, name: h.name, title: h.title, description: h.description, cluster: { ...h.cluster }, seed: h.seed, steps, untilMs };
  }
}

function copyStep(s: RecordedStep): RecordedStep {
  return { ...s, ...(s.fault ? { fault: { ...s.fault } } : {}), ...(s.by ? { by: { ...s.by } } : {}) };
}

/** `<room>-<simTime>.json` with the clock as the dashboard shows it, ':' made file-name safe: default-07-30.json. */
export function recordingFileName(room: string, simTimeMs: number): string {
  return `${room}-${formatSimTime(simTimeMs).replaceAll(':', '-')}.json`;
}
