// The boot engine's public API: createEngine / restoreEngine over one JSON state, the event loop (advanceTo,
// step), fault injection and the derived view / explanations. Pure: no clock, no IO, no Math.random.
// Invariants: same seed + same calls => byte-identical events; inject never throws and a rejected fault leaves
// the state byte-identical; snapshot() round-trips through JSON.
import { SCENARIO_BY, type ClusterConfig, type ClusterView, type Engine, type EngineOptions, type EngineSnapshot, type ExplainStep, type Fault, type FaultBy, type InjectResult, type SimEvent } from './types.ts';
import type { Ctx } from './ctx.ts';
import type { Action, EngineState, Topo } from './state.ts';
import { ACTION_KIND_INDEX, ACTION_KINDS } from './state.ts';
import { emit } from './ctx.ts';
import { newDiagState, newUnit, topoFor } from './state.ts';
import { emptyQueue, peekTime, pop, push, type Popped } from './queue.ts';
import { keyedBetween, PURPOSE, seedStreams } from './rng.ts';
import { NODE_BOOT_JITTER_MS } from '../model/timings.ts';
import { dispatch } from './dispatch.ts';
import './rules/wiring.ts'; // installs the fact listeners (rules/wiring.ts) before any engine runs
import { buildView } from './view.ts';
import { injectFault } from './faults.ts';
import { explainUnit } from './explain.ts';
import { AGENT_CPUS } from './rules/services.ts';
import { updateAvailability } from './rules/adminrouter.ts';
import { updateMonitor } from './rules/monitor.ts';

export * from './types.ts';
export { validateFault } from './faults.ts';

function initialState(opts: EngineOptions, topo: Topo): EngineState {
  const m = opts.cluster.masters;
  const s: EngineState = {
    version: 1, seed: opts.seed, cluster: { ...opts.cluster }, simTimeMs: 0, seq: 0, rng: seedStreams(opts.seed),
    queue: emptyQueue(),
    nodes: topo.ids.map((_, n) => ({
      up: true, partitioned: false, clusterIdFile: false, steps: {}, health: 'unknown', agentRegistered: false, agentUnreachable: false, silentSinceMs: -1, bootEpoch: 0, linkEpoch: 0, freeCpus: AGENT_CPUS, dirty: true,
      units: topo.unitIds[topo.roles[n]].map(() => newUnit()),
    })),
    waiters: {},
    zk: { converged: false, convergeScheduled: false, up: Array(m).fill(false), pid: Array(m).fill(0), stashedPid: Array(m).fill(0), serving: Array(m).fill(false), have: 0, pidSeq: 1000, epoch: Array(m).fill(0) },
    mesos: { leader: -1, recovering: -1, electing: false, joinSeqByMaster: Array(m).fill(-1), joinSeq: 0, blockedUntilMs: 0, leaderEpoch: 0, lostZkAtMs: -1, removalPermit: { leaderEpoch: -1, atMs: 0 }, freshLog: true },
    dns: { loaded: Array(m).fill(false), leaderRec: Array(m).fill(null), marathonRec: Array(m).fill(null), noLeaderSinceMs: Array(m).fill(-1), values: { 'leader.mesos': null, 'marathon.mesos': null } },
    marathon: { leader: -1, registered: false, electing: false, joinSeqByMaster: Array(m).fill(-1), joinSeq: 0, epoch: 0, blockedUntilMs: 0 },
    registered: [], unreachable: [], tasks: [], taskSeq: 0,
    services: { deployed: false, kafkaRegistered: false, kafkaTask: -1, brokersWanted: 0, kafkaEpoch: 0 },
    clusterIdZnode: false, zkConn: {}, factCauses: {}, faults: [],
    availability: { uiReachable: false, apiReachable: false, tasksLaunchable: false, adminRouterStatus: 0 },
    clusterHealth: 'unknown',
    diag: newDiagState(topo),
  };
  for (let n = 0; n < topo.ids.length; n++) push(s.queue, keyedBetween(s.seed, PURPOSE.nodeBoot, n, 0, 0, NODE_BOOT_JITTER_MS), ACTION_KIND_INDEX.boot, n, -1, -1);
  return s;
}

/** `topo` is derived from s.cluster; a new engine passes the one its state was built with (10k nodes: ~10 ms each). */
function makeEngine(s: EngineState, topo: Topo = topoFor(s.cluster)): Engine {
  const run = (fn: (ctx: Ctx) => void): SimEvent[] => {
    const ctx: Ctx = { s, topo, out: [] };
    fn(ctx);
    return ctx.out;
  };
  // One action object per engine, refilled for each dispatch (dispatch never keeps it): no allocation per action.
  const popped: Popped = { timeMs: 0, kind: 0, node: -1, unit: -1, epoch: -1 };
  const action: Action = { kind: 'boot', node: -1, unit: -1, epoch: -1 };
  const drainUntil = (ctx: Ctx, t: number) => {
    for (;;) {
      const next = peekTime(s.queue);
      if (next === null || next > t) break;
      if (!pop(s.queue, popped)) break;
      s.simTimeMs = popped.timeMs;
      action.kind = ACTION_KINDS[popped.kind];
      action.node = popped.node;
      action.unit = popped.unit;
      action.epoch = popped.epoch;
      dispatch(ctx, action);
    }
  };
  return {
    get simTimeMs() { return s.simTimeMs; },
    get lastSeq() { return s.seq; },
    get cluster(): ClusterConfig { return { ...s.cluster }; },
    get seed() { return s.seed; },
    advanceTo(t: number): SimEvent[] {
      if (!Number.isFinite(t) || t <= s.simTimeMs) return [];
      const target = Math.floor(t);
      return run((ctx) => {
        drainUntil(ctx, target);
        s.simTimeMs = target;
      });
    },
    step(): SimEvent[] {
      const next = peekTime(s.queue);
      if (next === null) return [];
      return run((ctx) => drainUntil(ctx, next));
    },
    nextEventTimeMs: () => peekTime(s.queue),
    inject(fault: Fault, by: FaultBy = SCENARIO_BY): InjectResult {
      const ctx: Ctx = { s, topo, out: [] };
      let err: string | null;
      try {
        err = injectFault(ctx, fault, by);
        if (!err) {
          updateAvailability(ctx);
          updateMonitor(ctx);
        }
      } catch (e) {
        // validation runs before any mutation, so a throw here means malformed input reached a check
        err = `invalid fault: ${e instanceof Error ? e.message : String(e)}`;
      }
      return err ? { ok: false, error: err } : { ok: true, events: ctx.out };
    },
    narrate(text: string, wait?: boolean): SimEvent[] {
      return run((ctx) => emit(ctx, wait === true ? { type: 'narration', text: String(text), wait: true } : { type: 'narration', text: String(text) }));
    },
    view(): ClusterView {
      return buildView({ s, topo, out: [] });
    },
    explain(node: string, unit: string): ExplainStep[] {
      return explainUnit({ s, topo, out: [] }, node, unit);
    },
    snapshot(): EngineSnapshot {
      return JSON.parse(JSON.stringify(s)) as EngineSnapshot;
    },
  };
}

export function createEngine(opts: EngineOptions): Engine {
  const topo = topoFor(opts.cluster);
  return makeEngine(initialState(opts, topo), topo);
}

export function restoreEngine(snapshot: EngineSnapshot): Engine {
  if (!snapshot || snapshot.version !== 1) throw new Error('restoreEngine: unsupported snapshot (expected version 1 from engine.snapshot())');
  return makeEngine(JSON.parse(JSON.stringify(snapshot)) as EngineState);
}
