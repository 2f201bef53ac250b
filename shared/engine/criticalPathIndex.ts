// The event log indexed for criticalPath.ts: per unit its own events, per fact the events that change it, and
// the Boot Sequence steps a fact's events do not name (ZooKeeper launched, Mesos-DNS loaded). Built once per
// call, in one pass; plain lookups afterwards. Pure; nothing here is kept in engine state.
import type { SimEvent } from './types.ts';
import type { Gate } from '../model/types.ts';
import { gatesFor } from '../model/catalog.ts';
import { roleOfNode } from '../model/cluster.ts';

type Of<T extends SimEvent['type']> = Extract<SimEvent, { type: T }>;

export interface LogIndex {
  units: Map<string, Of<'unit'>[]>;
  /** `master-N/<unit>` for every unit seen on a master, in first-seen order. */
  masterUnits: string[];
  masterExhibitors: string[];
  pulls: Of<'diagnostics'>[];
  quorum: Of<'quorum'>[];
  leaders: { mesos: Of<'leader'>[]; marathon: Of<'leader'>[] };
  dns: Record<string, Of<'dns'>[]>;
  /** Boot Sequence master.2.1: Exhibitor launched ZooKeeper on a master. */
  zkLaunches: Of<'step'>[];
  /** Boot Sequence master.4.2: a Mesos-DNS instance loaded the leader's state (its records exist from then). */
  dnsLoads: Of<'step'>[];
  /** Fault id ("fault:<seq>") -> its description, to name a fault that slowed a launch. */
  faults: Map<string, string>;
}

export function indexLog(log: readonly SimEvent[]): LogIndex {
  const ix: LogIndex = { units: new Map(), masterUnits: [], masterExhibitors: [], pulls: [], quorum: [], leaders: { mesos: [], marathon: [] }, dns: {}, zkLaunches: [], dnsLoads: [], faults: new Map() };
  for (const e of log) {
    switch (e.type) {
      case 'unit': {
        const ref = `${e.node}/${e.unit}`;
        let list = ix.units.get(ref);
        if (!list) {
          ix.units.set(ref, (list = []));
          if (e.node.startsWith('master-')) {
            ix.masterUnits.push(ref);
            if (e.unit === 'dcos-exhibitor') ix.masterExhibitors.push(ref);
          }
        }
        list.push(e);
        break;
      }
      case 'diagnostics': if (e.puller !== null) ix.pulls.push(e); break;
      case 'quorum': ix.quorum.push(e); break;
      case 'fault': if (e.active && e.id) ix.faults.set(e.id, e.cause.text); break;
      case 'leader': ix.leaders[e.role].push(e); break;
      case 'dns': if (e.node === undefined) (ix.dns[e.name] ??= []).push(e); break;
      case 'step':
        if (e.step === 'master.2.1') ix.zkLaunches.push(e);
        else if (e.step === 'master.4.2') ix.dnsLoads.push(e);
        break;
      default: break;
    }
  }
  return ix;
}

/** The value a fact event sets: null = the fact does not hold (no quorum, no leader, the name does not resolve). */
function factValue(e: SimEvent): string | null {
  switch (e.type) {
    case 'quorum': return e.have >= e.need ? 'quorum' : null;
    case 'leader': return e.node;
    case 'dns': return e.value;
    default: return null;
  }
}

/** The event at or before boundMs where the fact last took the value it holds at boundMs; null if it does not hold. */
export function lastRise(events: readonly SimEvent[], boundMs: number): SimEvent | null {
  let value: string | null = null;
  let rise: SimEvent | null = null;
  for (const e of events) {
    if (e.simTimeMs > boundMs) break;
    const v = factValue(e);
    if (v !== null && v !== value) rise = e;
    value = v;
  }
  return value === null ? null : rise;
}

export interface UnitRun {
  healthyAtMs: number;
  /** When this run's process was launched (its last `starting` before healthy: the gates had passed). */
  launchedAtMs: number;
  /**
   * What the run waited on: the refs of its `waiting` causes plus those its ExecStartPre gates (catalog) depend on,
   * since a waiting unit that retries and fails on a later gate emits no new event. Empty when it never waited.
   */
  waitedOn: string[];
  /** Faults the launch names (a `delay` makes the start slow): their descriptions. */
  slowedBy: string[];
}

/** The refs one gate on `node` depends on (the same refs rules/gates.ts names when the gate fails). */
function gateRefs(node: string, g: Gate): string[] {
  switch (g.kind) {
    case 'dns': return g.name === 'ready.spartan' ? [`${node}/dcos-net`] : [`${node}/dcos-net`, `fact:${g.name}`];
    case 'exhibitor-wait': return [`${node}/dcos-exhibitor`, 'fact:quorum'];
    case 'zk': return ['fact:quorum'];
    case 'unit': return [`${node}/${g.unit}`];
    default: return []; // cluster-id, check-time: no event marks them, they never bind a boot's chain
  }
}

/** The unit's current healthy run at boundMs (null when it is not healthy then). */
export function lastUnitHealthy(ix: LogIndex, ref: string, boundMs: number): UnitRun | null {
  const events = ix.units.get(ref);
  if (!events) return null;
  let i = -1;
  for (let k = 0; k < events.length && events[k].simTimeMs <= boundMs; k++) i = k;
  if (i < 0 || events[i].to !== 'healthy') return null;
  let launched = i;
  while (launched > 0 && events[launched].to !== 'starting') launched--;
  const waitedOn: string[] = [];
  for (let k = launched - 1; k >= 0 && events[k].to !== 'healthy'; k--) {
    if (events[k].to !== 'waiting') continue;
    for (const r of events[k].cause.refs ?? []) if (!waitedOn.includes(r)) waitedOn.push(r);
  }
  if (waitedOn.length > 0) {
    const [node, unit] = ref.split('/');
    const role = roleOfNode(node);
    for (const g of role ? gatesFor(unit, role) : []) for (const r of gateRefs(node, g)) if (!waitedOn.includes(r)) waitedOn.push(r);
  }
  const launch = events[launched].to === 'starting' ? events[launched] : events[i];
  const slowedBy = (launch.cause.refs ?? []).flatMap((r) => ix.faults.get(r) ?? []);
  return { healthyAtMs: events[i].simTimeMs, launchedAtMs: launch.simTimeMs, waitedOn, slowedBy };
}
