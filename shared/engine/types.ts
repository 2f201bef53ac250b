// The boot engine's public vocabulary: cluster shape, faults, events and the derived cluster view.
// Everything here is plain JSON (no Map, Set, Date, Infinity or class instances) so it can cross the
// wire, be snapshotted and be diffed. The web imports these as types only.

// The DC/OS vocabulary (roles, unit and task states, health, cluster shape, causes) lives in shared/model.
export type { Cause, ClusterConfig, Health, MesosRole, Role, TaskState, UnitState } from '../model/vocabulary.ts';
export { TASK_STATES, UNIT_STATES } from '../model/vocabulary.ts';
import type { Cause, ClusterConfig, Health, MesosRole, Role, TaskState, UnitState } from '../model/vocabulary.ts';
/** Fault commands: one registry entry per kind defines the payload (shared/model/faults/registry.ts). */
export type { Fault, FaultKind } from '../model/faults/registry.ts';
import type { Fault } from '../model/faults/registry.ts';


interface EventBase {
  seq: number;
  simTimeMs: number;
}

export type SimEvent = EventBase &
  (
    | { type: 'unit'; node: string; unit: string; from: UnitState; to: UnitState; cause: Cause }
    | { type: 'node'; node: string; health: Health; cause: Cause }
    /** `monitor`: the master whose last pull the health comes from (null: nobody monitoring); see rules/monitor.ts. */
    | { type: 'cluster'; health: Health; monitor?: string | null; cause: Cause }
    | { type: 'quorum'; have: number; need: number; cause: Cause }
    | { type: 'leader'; role: MesosRole; node: string | null; cause: Cause }
    /**
     * A cluster-wide record (`leader.mesos`, `marathon.mesos`), or with `node`: whether DC/OS names (`*.mesos`,
     * `*.spartan`) resolve on that one node, i.e. whether its dcos-net answers (issue 17 item 8; rules/dns.ts).
     */
    | { type: 'dns'; name: string; value: string | null; node?: string; cause: Cause }
    /** `registered`: connected to the leader and offered; `unreachable: true` when the leader marks the agent unreachable. */
    | { type: 'agent'; node: string; registered: boolean; unreachable?: boolean; cause: Cause }
    | { type: 'task'; service: string; task: string; node: string; state: TaskState; cause: Cause }
    /** `id` ("fault:<seq>") names the fault; an `active: false` event carries the id of the fault that ended. */
    /** `by`: who applied it (architecture.md §7); an `active: false` event names who ended it (a natural end: the fault's own `by`). */
    | { type: 'fault'; fault: Fault; active: boolean; cause: Cause; id?: string; by: FaultBy }
    /** `wait`: a scenario step that pauses a live room here until the presenter continues (→); headless runs go on. */
    | { type: 'narration'; text: string; wait?: true }
    /** A numbered step of the DC/OS Boot Sequence page observed happening (ids in shared/model/bootSteps.ts). */
    | { type: 'step'; step: string; node: string | null; unit: string | null; text: string; cause: Cause }
    | { type: 'availability'; availability: Availability; cause: Cause }
    /** One dcos-diagnostics pull finished; the node/cluster health it implies follow as their own events. */
    /** `reset`: the puller (re)started and holds no pull any more (its report is empty until it pulls again). */
    | { type: 'diagnostics'; puller: string | null; nodes: number; cause: Cause; changed?: DiagnosticsNodeReport[]; reset?: true }
    /** A node's power / network state changed (crash, boot, partition, heal). */
    | { type: 'power'; node: string; up: boolean; partitioned: boolean; cause: Cause }
  );
export type SimEventType = SimEvent['type'];
/** An event before the engine stamps seq and time. */
export type SimEventBody = SimEvent extends infer E ? (E extends SimEvent ? Omit<E, 'seq' | 'simTimeMs'> : never) : never;

/** What a user of the cluster can actually do, kept apart from 3DT health on purpose. */
export interface Availability {
  /** The DC/OS UI and API answer through Admin Router on at least one master. */
  uiReachable: boolean;
  /** /mesos and /marathon behind Admin Router resolve a leader (502/503 otherwise). */
  apiReachable: boolean;
  /** A Mesos leader, a registered Marathon and at least one registered agent exist. */
  tasksLaunchable: boolean;
  /** HTTP status a user would get from `GET /marathon/v2/apps` through Admin Router. */
  adminRouterStatus: 200 | 502 | 503 | 0;
}

export interface UnitView {
  /** systemd unit name without `.service`, e.g. "dcos-exhibitor". */
  id: string;
  state: UnitState;
  /** Live systemd-level health (0 healthy, 1 unhealthy), as the node's own diagnostics would compute it now. */
  health: 0 | 1;
  cause: Cause;
  sinceMs: number;
}

export interface NodeView {
  id: string;
  role: Role;
  ip: string;
  up: boolean;
  partitioned: boolean;
  /** Health as last reported by the diagnostics pull ("unknown" before the first pull or when unreachable). */
  health: Health;
  units: UnitView[];
}

export interface TaskView {
  id: string;
  service: string;
  node: string;
  state: TaskState;
}

/**
 * Who applied a fault (architecture.md §7): the room's presenter, a viewer (optionally named) or a scenario step.
 * The engine only carries it onto the fault event; it never changes what the fault does.
 */
export interface FaultBy {
  role: 'presenter' | 'viewer' | 'scenario';
  name?: string;
}

/** A command with nobody behind it (a scenario step, the CLI, a test). */
export const SCENARIO_BY: FaultBy = { role: 'scenario' };

export interface ActiveFault {
  id: string;
  fault: Fault;
  sinceMs: number;
  /** Absent in snapshots taken before issue 9: read as SCENARIO_BY. */
  by?: FaultBy;
}

export interface DiagnosticsNodeReport {
  ip: string;
  node: string;
  role: Role;
  health: 0 | 1 | 3;
  /** unit id (no `.service`) -> health, empty when the node could not be pulled. */
  units: Record<string, { health: 0 | 1; output: string }>;
}

/** The last dcos-diagnostics pull: what the HTTP API serves. */
export interface DiagnosticsReport {
  updatedMs: number | null;
  puller: string | null;
  nodes: DiagnosticsNodeReport[];
}

/** Everything a viewer needs to draw the cluster at one moment. Derivable from the event log. */
export interface ClusterView {
  simTimeMs: number;
  cluster: ClusterConfig;
  nodes: NodeView[];
  clusterHealth: Health;
  quorum: { have: number; need: number };
  leaders: { mesos: string | null; marathon: string | null };
  dns: Record<string, string | null>;
  registeredAgents: string[];
  /** Agents the leading master has marked unreachable (no pings answered for 300 s) and that have not re-registered. */
  unreachableAgents: string[];
  tasks: TaskView[];
  availability: Availability;
  faults: ActiveFault[];
  /** The monitoring master's last pull (rules/monitor.ts): what the dashboard and the default HTTP route show. */
  diagnostics: DiagnosticsReport;
  /**
   * Every master's own last pull, by master id (masters that have pulled at least once). Always present in
   * engine.view() and applyEvent; optional only so hand-built fixtures need not spell it.
   */
  diagnosticsByMaster?: Record<string, DiagnosticsReport>;
  /** Mesos ids known to each node's dcos-diagnostics (master: its Mesos master started; agent: registered once). */
  mesosIds?: Record<string, string>;
}

/** A unit a fault preview says would change: its FIRST change within the horizon (shared/engine/preview.ts). */
export interface AffectedUnit {
  node: string;
  unit: string;
  to: UnitState;
  /** Absolute simulated time of that change (like simTimeMs). */
  atMs: number;
}

/** One link in an explanation chain, from the unit asked about back to the root cause. */
export interface ExplainStep {
  /** "master-2/dcos-marathon", "fact:leader.mesos", "fault:12", ... */
  ref: string;
  text: string;
  sinceMs: number | null;
  /**
   * Index of the step this one explains (that step waits on / is caused by this one), or null for the unit asked
   * about. Parents come before their children (depth-first pre-order), so the list reads as an indented tree.
   */
  parent: number | null;
  /** A root cause: an injected fault, or a fact with no further cause (a leaf that is not just cut short). */
  root: boolean;
}

export type InjectResult = { ok: true; events: SimEvent[] } | { ok: false; error: string };

export interface EngineOptions {
  cluster: ClusterConfig;
  seed: number;
}

/** The engine's interface; `createEngine` / `restoreEngine` in shared/engine/index.ts return it. */
export interface Engine {
  readonly simTimeMs: number;
  readonly lastSeq: number;
  readonly cluster: ClusterConfig;
  readonly seed: number;
  /** Process every scheduled event with time <= simTimeMs (monotonic; earlier values are ignored). */
  advanceTo(simTimeMs: number): SimEvent[];
  /** Jump to the next scheduled event time and process everything at it. */
  step(): SimEvent[];
  nextEventTimeMs(): number | null;
  /** Validate and apply a fault now; the simulation is untouched when it is rejected. `by` goes on its events (default SCENARIO_BY). */
  inject(fault: Fault, by?: FaultBy): InjectResult;
  /** A narration line now; `wait` marks it as one a live room pauses at (the event carries `wait: true`). */
  narrate(text: string, wait?: boolean): SimEvent[];
  view(): ClusterView;
  explain(node: string, unit: string): ExplainStep[];
  /** The whole state as plain JSON; `restoreEngine(snapshot)` resumes byte-identically. */
  snapshot(): EngineSnapshot;
}

/** Opaque to callers, but guaranteed JSON-serialisable. */
export interface EngineSnapshot {
  version: 1;
  [key: string]: unknown;
}
