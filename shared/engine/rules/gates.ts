// ExecStartPre gates (dcos-model.md §1.3) evaluated against the simulated cluster, each failure naming the
// thing that blocks it and the fact key a waiting unit is woken on. Pure reads except gatesPassed(), which
// does what a successful bootstrap leaves behind (stashed ZooKeeper pid, cluster-id file and znode).
import type { Cause, Role } from '../types.ts';
import type { Gate } from '../../model/types.ts';
import type { Ctx } from '../ctx.ts';
import { isMaster, isUp, quorumOk, unitIndex } from '../ctx.ts';
import { gatesFor } from '../../model/catalog.ts';
import { clockUnsyncOn } from '../../model/faults/conditions.ts';
import { assertNever } from '../../model/assertNever.ts';
import { resolveOn } from './dns.ts';
import { allServing, zkDescribe } from './zookeeper.ts';
import { wake } from './units.ts';

export interface GateFailure {
  /** What to wait on: a fact key for units.ts wake(), or the index of a unit on the same node (woken when it answers). */
  key: string | number;
  cause: Cause;
}

/** Waiting on a unit of the same node: its index, so waking needs no string key (launch.ts keeps the list on it). */
function unitKey(ctx: Ctx, n: number, unit: string): number {
  return unitIndex(ctx, n, unit);
}

export function evalGate(ctx: Ctx, n: number, g: Gate): GateFailure | null {
  const s = ctx.s;
  const node = s.nodes[n];
  const id = ctx.topo.ids[n];
  switch (g.kind) {
    case 'dns': {
      if (!isUp(ctx, n, 'dcos-net')) {
        return { key: unitKey(ctx, n, 'dcos-net'), cause: { text: `waiting: ping ${g.name} fails: dcos-net on ${id} is not serving DNS (ready.spartan)`, refs: [`${id}/dcos-net`] } };
      }
      if (g.name === 'ready.spartan') return null;
      const r = resolveOn(ctx, n, g.name);
      return r.ok ? null : { key: r.key, cause: { text: `waiting: ping ${g.name} fails: ${r.why}`, refs: [`fact:${g.name}`] } };
    }
    case 'exhibitor-wait': {
      if (!isMaster(ctx, n)) return null;
      const z = s.zk;
      if (z.up[n] && z.pid[n] === z.stashedPid[n]) return null;
      if (!isUp(ctx, n, 'dcos-exhibitor')) {
        return { key: unitKey(ctx, n, 'dcos-exhibitor'), cause: { text: `waiting: bootstrap: exhibitor.wait fails: Exhibitor on ${id} does not answer (127.0.0.1:8181)`, refs: [`${id}/dcos-exhibitor`] } };
      }
      if (!allServing(ctx)) {
        const pidNote = z.stashedPid[n] > 0 ? ` (ZooKeeper on ${id} restarted with a new pid, so bootstrap cannot take the pid shortcut)` : '';
        return { key: 'zkall', cause: { text: `waiting: bootstrap: exhibitor.wait fails: ${zkDescribe(ctx)}; it needs all ${ctx.topo.masters} serving${pidNote}`, refs: ['fact:quorum'] } };
      }
      return null;
    }
    case 'zk': {
      if (node.partitioned && !(isMaster(ctx, n) && ctx.topo.masters === 1)) {
        return { key: `heal:${n}`, cause: { text: `waiting: bootstrap cannot reach ZooKeeper: ${id} is partitioned`, refs: [id] } };
      }
      if (isMaster(ctx, n) ? !s.zk.serving[n] : !quorumOk(ctx)) {
        return { key: 'zk', cause: { text: `waiting: bootstrap cannot reach ZooKeeper for cluster-id consensus: ${zkDescribe(ctx)}`, refs: ['fact:quorum'] } };
      }
      if (!isMaster(ctx, n) && !s.clusterIdZnode) {
        return { key: 'zk', cause: { text: 'waiting: bootstrap: the /cluster-id znode does not exist yet (written by the masters\' bootstrap)', refs: ['fact:cluster-id'] } };
      }
      return null;
    }
    case 'cluster-id':
      return node.clusterIdFile ? null : { key: `cid:${n}`, cause: { text: `waiting: test -f /var/lib/dcos/cluster-id fails on ${id}`, refs: ['fact:cluster-id'] } };
    case 'unit':
      return isUp(ctx, n, g.unit) ? null : {
        key: unitKey(ctx, n, g.unit),
        cause: { text: `waiting: ${g.unit} on ${id} does not answer (${g.unit === 'dcos-oauth' ? 'curl 127.0.0.1:8101/acs/api/v1/groups' : 'local check'})`, refs: [`${id}/${g.unit}`] },
      };
    case 'check-time': {
      const f = clockUnsyncOn(s.faults, id);
      return f === undefined ? null : {
        key: `clock:${n}`,
        cause: { text: `waiting: check-time fails: "Time is not synchronized / marked as bad by the kernel." (NTP is not synchronised on ${id})`, refs: [f.id] },
      };
    }
    default:
      return assertNever(g, 'gate');
  }
}

/** A unit's gates on a role and the two kinds gatesPassed acts on; the catalog is static, so read once per unit. */
interface UnitGates { gates: readonly Gate[]; exhibitorWait: boolean; zk: boolean }
const UNIT_GATES: Record<Role, Record<string, UnitGates>> = { master: Object.create(null), agent: Object.create(null), agent_public: Object.create(null) };

/** Memoised gatesFor: it filters a fresh array for agents, and gates run ~168k times in a 10,000-agent boot. */
function unitGates(ctx: Ctx, n: number, u: number): UnitGates {
  const role = ctx.topo.roles[n];
  const id = ctx.topo.unitIds[role][u];
  let g = UNIT_GATES[role][id];
  if (g === undefined) {
    const gates = gatesFor(id, role);
    g = UNIT_GATES[role][id] = { gates, exhibitorWait: gates.some((x) => x.kind === 'exhibitor-wait'), zk: gates.some((x) => x.kind === 'zk') };
  }
  return g;
}

export function evalGates(ctx: Ctx, n: number, u: number): GateFailure | null {
  const gates = unitGates(ctx, n, u).gates;
  for (let i = 0; i < gates.length; i++) {
    const f = evalGate(ctx, n, gates[i]);
    if (f) return f;
  }
  return null;
}

/** What a successful bootstrap leaves behind. */
export function gatesPassed(ctx: Ctx, n: number, u: number): void {
  const s = ctx.s;
  const g = unitGates(ctx, n, u);
  if (isMaster(ctx, n) && g.exhibitorWait && s.zk.up[n]) s.zk.stashedPid[n] = s.zk.pid[n];
  if (g.zk) {
    if (isMaster(ctx, n) && !s.clusterIdZnode) {
      s.clusterIdZnode = true;
      s.factCauses['fact:cluster-id'] = { text: `cluster-id znode created by bootstrap on ${ctx.topo.ids[n]}`, since: s.simTimeMs };
      wake(ctx, 'zk');
    }
    if (!s.nodes[n].clusterIdFile) {
      s.nodes[n].clusterIdFile = true;
      wake(ctx, `cid:${n}`);
    }
  }
}
