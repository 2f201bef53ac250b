// The engine's whole mutable state as plain JSON (no Map/Set/class), plus the static topology derived from the
// cluster shape (not stored: recomputed on restore). Node and unit positions are indexes into nodeIdsFor(cluster)
// and unitsForRole(role), so per-event work is O(1) lookups.
// Invariants: every field is JSON-serialisable; `seq` is the last emitted event's seq; queue actions carry an
// `epoch` and are ignored when the thing they target has moved on (restarted, stopped, crashed).
import type { ActiveFault, Availability, Cause, ClusterConfig, DiagnosticsNodeReport, DiagnosticsReport, Health, Role, TaskState, UnitState } from './types.ts';
import type { QueueState } from './queue.ts';
import type { RngStreams } from './rng.ts';
import { keyOf } from './rng.ts';
import type { FaultRecord } from './faultHistory.ts';
import { nodeIdsFor, nodeIp, roleOfNode } from '../model/cluster.ts';
import { unitsForRole } from '../model/catalog.ts';
import { UNIT_NOT_STARTED } from '../model/health.ts';

export type ActionKind =
  | 'boot' | 'exec' | 'gates' | 'ready' | 'zkStart' | 'converge' | 'elect' | 'recoveryTimeout' | 'leaderExpire'
  | 'dnsLoad' | 'dnsRefresh' | 'dnsExit' | 'mElect' | 'mReg' | 'zkConnectTimeout' | 'agentReg' | 'unreachable'
  | 'pull' | 'arPoll' | 'taskRun' | 'schedInit' | 'watchdog' | 'reregTimeout' | 'taskInactive' | 'taskExpunge'
  | 'znodeGone';

/** Every action kind, in a fixed order: the queue stores a kind as its index here (queue.ts keeps numbers only). */
export const ACTION_KINDS: readonly ActionKind[] = [
  'boot', 'exec', 'gates', 'ready', 'zkStart', 'converge', 'elect', 'recoveryTimeout', 'leaderExpire',
  'dnsLoad', 'dnsRefresh', 'dnsExit', 'mElect', 'mReg', 'zkConnectTimeout', 'agentReg', 'unreachable',
  'pull', 'arPoll', 'taskRun', 'schedInit', 'watchdog', 'reregTimeout', 'taskInactive', 'taskExpunge',
  'znodeGone',
];
export const ACTION_KIND_INDEX: Readonly<Record<ActionKind, number>> = Object.fromEntries(ACTION_KINDS.map((k, i) => [k, i])) as Record<ActionKind, number>;

/** One scheduled thing: `node` index, `unit` index (or another small id), `epoch` guard; -1 when unused. */
export interface Action {
  kind: ActionKind;
  node: number;
  unit: number;
  epoch: number;
}

export interface UnitRt {
  state: UnitState;
  cause: Cause;
  /** Units of this node waiting for this one to answer: flat triplets [node, unit, epoch] (absent: none yet). */
  wakeList?: number[];
  sinceMs: number;
  /** Bumped whenever the process goes away or restarts; stale actions compare it. */
  epoch: number;
  /** Entered `active` since the last stop (3DT distinguishes "never entered active" from "flapping"). */
  everActive: boolean;
  /** When the last failed ExecStartPre attempt ended (auto-restart cadence base). */
  lastAttemptMs: number;
  /** Extra ms added to the next ready time (delay fault), 0 otherwise. */
  delayMs: number;
  hung: boolean;
  /** Stopped by a `stop` fault: stays down until start/clear. */
  stopped: boolean;
  /** Set while a hung process resumes (hang cleared) rather than restarts. */
  resumed: boolean;
  /** When the launched main process becomes ready (-1 when no ready is pending), and the delay-fault ms in it. */
  readyAtMs: number;
  delayedMs: number;
}

export interface NodeRt {
  up: boolean;
  partitioned: boolean;
  /** /var/lib/dcos/cluster-id written on this node. */
  clusterIdFile: boolean;
  steps: Record<string, 1>;
  health: Health;
  /** Mesos agent registered with the current leader and connected (its resources are offered). */
  agentRegistered: boolean;
  /** Marked unreachable by the leader (kept in the registry until the agent re-registers). */
  agentUnreachable: boolean;
  /** Since when the leader's pings go unanswered (-1 when they are answered or no leader knows the agent). */
  silentSinceMs: number;
  /** `*.mesos` / `*.spartan` stopped resolving on this node (its dcos-net stopped answering) and not back yet. */
  dnsLost?: true;
  /** Bumped on every power-off: tasks launched in an older boot died with it. */
  bootEpoch: number;
  /** Epoch of the agent's link to the leader: bumped whenever pings stop or resume; guards ping and task timers. */
  linkEpoch: number;
  freeCpus: number;
  /** Something the diagnostics report of this node depends on changed since the last pull. */
  dirty: boolean;
  units: UnitRt[];
}

export interface TaskRt {
  id: string;
  service: string;
  node: string;
  state: TaskState;
  /** Index of the node in topology, for fast lookups. */
  nodeIndex: number;
  /** The node's bootEp when the task launched: a reboot since then killed it. */
  bootEpoch: number;
  /** When the task became unreachable (-1 otherwise); also the guard of its Marathon timers. */
  unreachableSinceMs: number;
  /** Marathon stopped counting the unreachable instance (inactiveAfterSeconds): a replacement may launch. */
  inactive: boolean;
  /** Marathon forgot the instance (expungeAfterSeconds): if it comes back it is killed. */
  expunged: boolean;
}

export interface EngineState {
  version: 1;
  seed: number;
  cluster: ClusterConfig;
  simTimeMs: number;
  seq: number;
  /** One mulberry32 state per concern (rng.ts); per-(node, unit) draws are keyed and need no state. */
  rng: RngStreams;
  queue: QueueState;
  nodes: NodeRt[];
  /** Waiting units by the fact key they wait on: flat triplets [node, unit, epoch]. */
  waiters: Record<string, number[]>;
  zk: {
    converged: boolean;
    convergeScheduled: boolean;
    up: boolean[];
    pid: number[];
    stashedPid: number[];
    serving: boolean[];
    have: number;
    pidSeq: number;
    epoch: number[];
  };
  mesos: {
    leader: number;
    /** An elected master still recovering the registry (not serving yet), or -1. */
    recovering: number;
    electing: boolean;
    /** ZK znode sequence per master when it joined the election (lowest wins), -1 when not a candidate. */
    joinSeqByMaster: number[];
    joinSeq: number;
    /** No new election before this time (the old leader's ZK session must expire first). */
    blockedUntilMs: number;
    leaderEpoch: number;
    /** Time the leader lost its ZK session, -1 when connected. */
    lostZkAtMs: number;
    /**
     * The replicated log has never been initialised (first boot): recovery then needs every replica (2 x quorum - 1,
     * i.e. every master), not a quorum. Absent (older snapshots): initialised.
     */
    freshLog?: boolean;
    /** Agent removal rate limiter: the next permit's time, valid for the leader epoch it was taken in. */
    removalPermit: { leaderEpoch: number; atMs: number };
  };
  dns: {
    loaded: boolean[];
    leaderRec: (string | null)[];
    marathonRec: (string | null)[];
    /** Time since when this instance has seen no leader (-1 when it has one). */
    noLeaderSinceMs: number[];
    values: Record<string, string | null>;
  };
  marathon: {
    leader: number; registered: boolean; electing: boolean; joinSeqByMaster: number[]; joinSeq: number; epoch: number;
    /** No standby wins before this time: a dead leader's latch znode lingers for its ZooKeeper session (absent: 0). */
    blockedUntilMs?: number;
  };
  registered: string[];
  /** Agents marked unreachable, in marking order (node.unreach mirrors it for O(1) reads). */
  unreachable: string[];
  tasks: TaskRt[];
  taskSeq: number;
  /** kafkaTask: index of the /kafka scheduler task registered as the framework (-1: none). */
  services: { deployed: boolean; kafkaRegistered: boolean; kafkaTask: number; brokersWanted: number; kafkaEpoch: number };
  clusterIdZnode: boolean;
  /** ZooKeeper server (master index) each ZK client unit is connected to, keyed "node:unit". */
  zkConn: Record<string, number>;
  factCauses: Record<string, { text: string; refs?: string[]; since: number }>;
  faults: ActiveFault[];
  /** Faults injected so far, ended ones included (faultHistory.ts; absent until the first fault). */
  faultHistory?: FaultRecord[];
  availability: Availability;
  /** Each master's Admin Router Lua cache (rules/adminrouter.ts); absent until first used. */
  arCache?: { atMs: number[]; marathon: number[]; leaderEpoch: number[] };
  clusterHealth: Health;
  /** dcos-diagnostics pulls, one puller per master (rules/diagnostics.ts), and whose view the dashboard shows. */
  diag: DiagState;
}

/** One master's own dcos-diagnostics puller (in 1.11 every master pulls on its own 60 s timer). */
export interface MasterPull {
  /** Epoch of this master's dcos-diagnostics unit a pull is queued for; -1 when its timer is stopped. */
  epoch: number;
  /** Its own partition state at its last pull (a change invalidates every cached node report). */
  key: string;
  /** Its last pull: what its /system/health/v1/{nodes,units,report} serve. */
  report: DiagnosticsReport;
  /** Node index of each entry of report.nodes (ascending), so a pull merges by number, not by id (absent: rebuild). */
  idx?: number[];
}

export interface DiagState {
  /** Master whose last pull drives clusterHealth / node health / view.diagnostics (rules/monitor.ts); -1: none. */
  monitor: number;
  /** Per node: bit m set = master m has not pulled this node since its last change (fed from NodeRt.dirty). */
  stale: number[];
  /**
   * Per node: its report as any master that reaches it would read it now, built once per change and shared by the
   * masters' pulls (null: changed since; rebuild on the next pull). Unreachable nodes (3) are not cached.
   */
  answer: (DiagnosticsNodeReport | null)[];
  masters: MasterPull[];
  /** Nodes marked dirty since the last pull, and discovered nodes some master has not pulled since (diagDirty.ts). */
  dirtyList?: number[];
  staleList?: number[];
}

export interface Topo {
  ids: string[];
  /** node id -> index into ids (a Map: safe for any string, e.g. "__proto__"; nodeIndex() parses with a regex). */
  nodeIdx: Map<string, number>;
  roles: Role[];
  unitIds: Record<Role, string[]>;
  unitIdx: Record<Role, Record<string, number>>;
  /** Per role, each unit's rng key (a hash of its id, rng.ts keyOf), parallel to unitIds. */
  unitKeys: Record<Role, number[]>;
  ips: string[];
  masters: number;
  need: number;
}

export function topoFor(cluster: ClusterConfig): Topo {
  const ids = nodeIdsFor(cluster);
  const roles = ids.map((id) => roleOfNode(id) as Role);
  const unitIds = { master: unitsForRole('master'), agent: unitsForRole('agent'), agent_public: unitsForRole('agent_public') };
  const idx = (r: Role) => Object.fromEntries(unitIds[r].map((u, i) => [u, i]));
  return {
    ids, nodeIdx: new Map(ids.map((id, i) => [id, i])), roles, unitIds, ips: ids.map(nodeIp),
    unitIdx: { master: idx('master'), agent: idx('agent'), agent_public: idx('agent_public') },
    unitKeys: { master: unitIds.master.map(keyOf), agent: unitIds.agent.map(keyOf), agent_public: unitIds.agent_public.map(keyOf) },
    masters: cluster.masters,
    need: Math.floor(cluster.masters / 2) + 1,
  };
}

export const NOT_STARTED: Cause = UNIT_NOT_STARTED;

export function newUnit(): UnitRt {
  return { state: 'pending', cause: NOT_STARTED, sinceMs: 0, epoch: 0, everActive: false, lastAttemptMs: 0, delayMs: 0, hung: false, stopped: false, resumed: false, readyAtMs: -1, delayedMs: 0 };
}

export function newDiagState(topo: Topo): DiagState {
  const masters: MasterPull[] = [];
  for (let m = 0; m < topo.masters; m++) masters.push({ epoch: -1, key: '', report: { updatedMs: null, puller: topo.ids[m], nodes: [] } });
  // Every node starts dirty (NodeRt.dirty: true), so every node starts in dirtyList.
  return { monitor: -1, stale: topo.ids.map(() => 0), answer: topo.ids.map(() => null), masters, dirtyList: topo.ids.map((_, n) => n), staleList: [] };
}
