// A tiny deterministic Engine for driver/room tests: one `tick` unit per node flips state every TICK_EVERY_MS
// of sim time. It honours the Engine contract the driver relies on (monotonic advanceTo, step to the next
// scheduled time, inject validated with the simulation untouched on rejection, consecutive seqs, and a snapshot
// that restoreFakeEngine turns back into the same engine).
import type { ClusterConfig, ClusterView, Engine, EngineOptions, EngineSnapshot, ExplainStep, Fault, FaultBy, InjectResult, SimEvent, SimEventBody } from '../../shared/engine/types.ts';

export const FAKE_TICK_EVERY_MS = 1_000;

interface FakeState {
  version: 1;
  cluster: ClusterConfig;
  seed: number;
  simTimeMs: number;
  lastSeq: number;
  ticks: number;
  stopped: string[];
}

export function createFakeEngine(options: EngineOptions): Engine {
  return fakeEngine({ version: 1, cluster: options.cluster, seed: options.seed, simTimeMs: 0, lastSeq: 0, ticks: 0, stopped: [] });
}

export function restoreFakeEngine(snapshot: EngineSnapshot): Engine {
  return fakeEngine(JSON.parse(JSON.stringify(snapshot)) as FakeState);
}

function fakeEngine(state: FakeState): Engine {
  const options = { cluster: state.cluster, seed: state.seed };
  const nodes = [
    ...Array.from({ length: options.cluster.masters }, (_, i) => `master-${i + 1}`),
    ...Array.from({ length: options.cluster.agents }, (_, i) => `agent-${i + 1}`),
  ];
  let { simTimeMs, lastSeq, ticks } = state;
  const stopped = new Set<string>(state.stopped);

  const stamp = (body: SimEventBody): SimEvent => ({ seq: ++lastSeq, simTimeMs, ...body }) as SimEvent;
  const nextTime = () => (ticks + 1) * FAKE_TICK_EVERY_MS;
  const fire = (): SimEvent[] => {
    ticks++;
    simTimeMs = ticks * FAKE_TICK_EVERY_MS;
    const up = ticks % 2 === 1;
    return nodes.filter((n) => !stopped.has(n)).map((node) =>
      stamp({ type: 'unit', node, unit: 'tick', from: up ? 'starting' : 'healthy', to: up ? 'healthy' : 'starting', cause: { text: `tick ${ticks}` } }),
    );
  };

  const engine: Engine = {
    get simTimeMs() { return simTimeMs; },
    get lastSeq() { return lastSeq; },
    cluster: options.cluster as ClusterConfig,
    seed: options.seed,
    advanceTo(target) {
      const out: SimEvent[] = [];
      while (nextTime() <= target) out.push(...fire());
      simTimeMs = Math.max(simTimeMs, target);
      return out;
    },
    step: () => fire(),
    nextEventTimeMs: nextTime,
    inject(fault: Fault, by: FaultBy = { role: 'scenario' }): InjectResult {
      if (fault.kind === 'clear') {
        stopped.clear();
        return { ok: true, events: [stamp({ type: 'fault', fault, active: false, cause: { text: 'cleared' }, by })] };
      }
      if (!nodes.includes(fault.node)) return { ok: false, error: `unknown node '${fault.node}'; nodes: ${nodes.join(', ')}` };
      if ('unit' in fault && fault.unit !== 'tick') return { ok: false, error: `unknown unit '${fault.unit}' on ${fault.node}; units there: tick` };
      if (fault.kind === 'stop' || fault.kind === 'crash') stopped.add(fault.node);
      return { ok: true, events: [stamp({ type: 'fault', fault, active: true, cause: { text: 'injected' }, by })] };
    },
    narrate: (text) => [stamp({ type: 'narration', text })],
    view(): ClusterView {
      return {
        simTimeMs, cluster: options.cluster, nodes: [], clusterHealth: 'unknown', quorum: { have: 0, need: 0 },
        leaders: { mesos: null, marathon: null }, dns: {}, registeredAgents: [], unreachableAgents: [], tasks: [],
        availability: { uiReachable: false, apiReachable: false, tasksLaunchable: false, adminRouterStatus: 0 },
        faults: [], diagnostics: { updatedMs: null, puller: null, nodes: [] },
      };
    },
    explain: (): ExplainStep[] => [],
    snapshot: (): EngineSnapshot => ({ version: 1, cluster: { ...options.cluster }, seed: options.seed, simTimeMs, lastSeq, ticks, stopped: [...stopped] }),
  };
  return engine;
}
