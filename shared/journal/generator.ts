// The journal generator: the engine's event log in, one journal per node out (systemd's lines and each process's
// own, in their real templates). Pure and deterministic: same events, same entries, byte for byte.
// Invariants:
// - Events are read defensively: an unknown event type, unit or node yields no line and never throws.
// - Filtering by node happens before any line is built (a 10,000-agent room's journal for one node never builds
//   the others'); a unit filter is applied after, so pids, cursors and µs stamps do not depend on it.
// - Per node, __REALTIME_TIMESTAMP strictly increases (lines of one event get consecutive µs), and a node that is
//   powered off writes nothing; powering it on starts a new boot (_BOOT_ID, __MONOTONIC_TIMESTAMP from 0).
// - Pids are chosen per node from a counter advanced by a hash of (unit, start count): deterministic, plausible.
import type { ClusterConfig, Role } from '../model/vocabulary.ts';
import { nodeIndex, nodeIp, roleOfNode } from '../model/cluster.ts';
import { mesosIdOf } from '../model/mesosId.ts';
import { UNIT_CATALOG, unitLabel } from '../model/catalog.ts';
import type { SimEvent } from '../engine/types.ts';
import { renderLine } from './layout.ts';
import { PROCESS_REGISTRY, identifierOf, type ClusterHap, type ProcessCtx, type ProcessLine, type ProcessSpec } from './processes.ts';
import { SYSTEMD, isCleanExit, readExit, serviceResult, type ExitStatus } from './systemd.ts';
import { SIM_EPOCH_US } from './time.ts';
import type { JournalEntry, TemplateLine } from './types.ts';

interface UnitRt {
  state: string;
  pid: number;
  starts: number;
  restarts: number;
  waitingSinceMs: number | null;
}

interface NodeRt {
  id: string;
  role: Role;
  ip: string;
  up: boolean;
  boot: number;
  bootAtMs: number;
  bootId: string;
  nextPid: number;
  index: number;
  lastUs: number;
  units: Map<string, UnitRt>;
}

export interface JournalGenerator {
  /** The lines this event writes, in order (empty for events no journal shows). */
  push(event: SimEvent): JournalEntry[];
  /** How many nodes' journal state it holds (1 for a one-node generator, whatever the cluster's size). */
  trackedNodes(): number;
}

/** FNV-1a over a string: the one hash behind pids and boot ids. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

function bootIdOf(node: string, boot: number): string {
  let out = '';
  for (let k = 0; k < 4; k += 1) out += hash(`${node}/${boot}/${k}`).toString(16).padStart(8, '0');
  return out;
}

/** The unit's Description= ("Name: description"), as systemd's job messages print it. */
export function unitDescription(unit: string, role: Role): string {
  const label = unitLabel(unit, role);
  return label.description ? `${label.name}: ${label.description}` : label.name;
}

/**
 * How `systemctl stop` ends the unit's process according to the engine's catalog (`stopExit`, added by the engine's
 * third pass; absent before it, then the registry's stopExit decides): 'exit-143' | 'sigkill' | 'exit-0' | 'signal'.
 */
function stopExitOf(unit: string): ExitStatus | null {
  const raw = (UNIT_CATALOG[unit] as { stopExit?: unknown } | undefined)?.stopExit;
  if (raw === 'exit-143') return { code: 'exited', status: 143 };
  if (raw === 'sigkill') return { code: 'killed', signal: 'KILL' };
  if (raw === 'exit-0') return { code: 'exited', status: 0 };
  if (raw === 'signal') return SIGTERM;
  return null;
}

const RUNNING: ReadonlySet<string> = new Set(['healthy', 'unhealthy']);
const DEFAULT_FAILURE: ExitStatus = { code: 'exited', status: 1 };
const SIGTERM: ExitStatus = { code: 'killed', signal: 'TERM' };

/** `node`: one node's journal (recommended for big clusters) or, null, every node's. */
export function createJournalGenerator(cluster: ClusterConfig, node: string | null = null): JournalGenerator {
  const nodes = new Map<string, NodeRt>();
  const wanted = (id: unknown): id is string => typeof id === 'string' && (node === null || id === node) && nodeIndex(cluster, id) >= 0;
  let mesosLeader: string | null = null;
  let quorumFormed = false;
  const zkServing = new Set<string>();
  const registeredOnce = new Set<string>();

  const rt = (id: string): NodeRt => {
    let n = nodes.get(id);
    if (!n) {
      n = { id, role: roleOfNode(id) ?? 'agent', ip: nodeIp(id), up: true, boot: 0, bootAtMs: 0, bootId: bootIdOf(id, 0), nextPid: 900 + (hash(id) % 300), index: 0, lastUs: 0, units: new Map() };
      nodes.set(id, n);
    }
    return n;
  };
  const unitRt = (n: NodeRt, unit: string): UnitRt => {
    let u = n.units.get(unit);
    if (!u) {
      u = { state: 'pending', pid: 0, starts: 0, restarts: 0, waitingSinceMs: null };
      n.units.set(unit, u);
    }
    return u;
  };

  const stamp = (n: NodeRt, e: SimEvent, unit: string, line: TemplateLine | ProcessLine, pid: number): JournalEntry => {
    const realtimeUs = Math.max(SIM_EPOCH_US + e.simTimeMs * 1000, n.lastUs + 1);
    n.lastUs = realtimeUs;
    const fromSystemd = line.from === 'systemd';
    const message = 'layout' in line ? renderLine(line.layout, line.message, realtimeUs, pid + 9) : line.message;
    const entry: JournalEntry = {
      realtimeUs,
      monotonicUs: realtimeUs - SIM_EPOCH_US - n.bootAtMs * 1000,
      bootId: n.bootId,
      index: n.index++,
      node: n.id,
      hostname: n.id,
      unit,
      identifier: fromSystemd ? 'systemd' : identifierOf(unit),
      pid: fromSystemd ? 1 : pid,
      priority: line.priority,
      message,
      transport: line.transport ?? 'stdout',
      simMs: e.simTimeMs,
      seq: e.seq,
      template: line.template,
    };
    if (line.fact) entry.fact = line.fact;
    return entry;
  };

  const ctxOf = (n: NodeRt, registeredBefore = false): ProcessCtx => ({
    cluster,
    node: n.id,
    role: n.role,
    ip: n.ip,
    mesosId: (id) => mesosIdOf(cluster, id),
    ipOf: nodeIp,
    mesosLeader,
    zkServing: [...zkServing].sort((a, b) => nodeIndex(cluster, a) - nodeIndex(cluster, b)),
    electionMs: 180 + (hash(n.id) % 240),
    registeredBefore,
  });

  const newPid = (n: NodeRt, unit: string, u: UnitRt): number => {
    u.starts += 1;
    n.nextPid += 3 + (hash(`${unit}#${u.starts}`) % 41);
    if (n.nextPid > 32_000) n.nextPid = 300 + (n.nextPid % 1000);
    return n.nextPid;
  };

  function unitLines(n: NodeRt, e: SimEvent & { type: 'unit' }): JournalEntry[] {
    const unit = e.unit;
    if (typeof unit !== 'string' || unit.length === 0 || unit.length > 100) return [];
    const u = unitRt(n, unit);
    const from = u.state;
    const to = String(e.to);
    u.state = to;
    if (!n.up) return [];
    const desc = unitDescription(unit, n.role);
    const id = `${unit}.service`;
    const spec: ProcessSpec | undefined = PROCESS_REGISTRY[unit];
    const cause = typeof e.cause?.text === 'string' ? e.cause.text : '';
    const out: JournalEntry[] = [];
    const sys = (line: TemplateLine) => out.push(stamp(n, e, unit, line, 1));
    const proc = (lines: ProcessLine[] | undefined) => {
      for (const l of lines ?? []) out.push(stamp(n, e, unit, l, u.pid));
    };
    if (to === 'starting') {
      if (/^systemctl start\b/.test(cause)) {
        // A manual start (the `start` fault) of a failed unit: no restart job; systemd resets the counter [inferred].
        u.restarts = 0;
      } else if (from === 'failed' || from === 'waiting') {
        // A retry the engine does not emit (same gate failing again) still counts: one per RestartSec waited.
        const restartMs = UNIT_CATALOG[unit]?.restartSec ?? 5_000;
        const waited = from === 'waiting' && u.waitingSinceMs !== null ? Math.round((e.simTimeMs - u.waitingSinceMs) / Math.max(1, restartMs)) : 1;
        u.restarts += Math.max(1, waited);
        sys(SYSTEMD.restartScheduled(id, u.restarts));
        sys(SYSTEMD.stopped(unit, desc, false));
      }
      u.pid = newPid(n, unit, u);
      u.waitingSinceMs = null;
      sys(SYSTEMD.starting(unit, desc));
    } else if (to === 'waiting') {
      u.waitingSinceMs = e.simTimeMs;
      sys(SYSTEMD.controlFailed(id));
      sys(SYSTEMD.failedToStart(unit, desc));
      sys(SYSTEMD.failedResult(id, 'exit-code'));
    } else if (to === 'healthy' && (from === 'starting' || from === 'pending' || from === 'waiting')) {
      if (u.pid === 0) u.pid = newPid(n, unit, u);
      sys(SYSTEMD.started(unit, desc));
      if (spec?.ready) proc(spec.ready(ctxOf(n)));
    } else if ((to === 'failed' || to === 'stopped') && /^stopped\b/.test(cause) && from !== 'stopped' && from !== 'failed' && from !== 'waiting' && from !== 'pending') {
      // systemctl stop: the process ends on its KillSignal; how decides the state (the engine's catalog stopExit, since
      // the engine's third pass: a JVM's 143 or dcos-net's SIGKILL leave it failed, a SIGTERM death inactive).
      sys(SYSTEMD.stopping(desc));
      if (spec?.stopping) proc(spec.stopping(ctxOf(n)));
      const exit = readExit((e as { exit?: unknown }).exit, '', stopExitOf(unit) ?? spec?.stopExit ?? SIGTERM);
      if (!isCleanExit(exit)) {
        sys(SYSTEMD.mainExited(unit, id, exit, false));
        sys(SYSTEMD.failedResult(id, serviceResult(exit)));
      }
      sys(SYSTEMD.stopped(unit, desc, true));
    } else if (to === 'failed') {
      const exit = readExit((e as { exit?: unknown }).exit, cause, DEFAULT_FAILURE);
      if (spec?.exiting) proc(spec.exiting(ctxOf(n), exit, cause));
      sys(SYSTEMD.mainExited(unit, id, exit, true));
      sys(SYSTEMD.failedResult(id, serviceResult(exit)));
    } else if (to === 'stopped' && from !== 'stopped') {
      // A unit stopped while it waited for a restart (no process to end), or one the engine stops with no stop cause.
      if (from === 'waiting' || from === 'failed' || from === 'pending') sys(SYSTEMD.stopped(unit, desc, true));
      else {
        sys(SYSTEMD.stopping(desc));
        if (spec?.stopping) proc(spec.stopping(ctxOf(n)));
        sys(SYSTEMD.stopped(unit, desc, true));
      }
    }
    return out;
  }

  function hear(n: NodeRt, e: SimEvent, unit: string, hap: ClusterHap, registeredBefore = false): JournalEntry[] {
    if (!n.up) return [];
    const spec = PROCESS_REGISTRY[unit];
    const u = n.units.get(unit);
    if (!spec?.hears || !u || !RUNNING.has(u.state)) return [];
    return spec.hears(ctxOf(n, registeredBefore), hap).map((l) => stamp(n, e, unit, l, u.pid));
  }

  function mesosUnit(id: string): string {
    const role = roleOfNode(id);
    return role === 'master' ? 'dcos-mesos-master' : role === 'agent_public' ? 'dcos-mesos-slave-public' : 'dcos-mesos-slave';
  }

  function push(e: SimEvent): JournalEntry[] {
    if (e === null || typeof e !== 'object' || typeof e.simTimeMs !== 'number' || !Number.isFinite(e.simTimeMs)) return [];
    switch (e.type) {
      case 'unit': {
        if (e.unit === 'dcos-exhibitor' && typeof e.node === 'string') {
          if (e.to === 'healthy') zkServing.add(e.node);
          else zkServing.delete(e.node);
        }
        return wanted(e.node) ? unitLines(rt(e.node), e) : [];
      }
      case 'power': {
        if (!wanted(e.node)) return [];
        const n = rt(e.node);
        if (e.up === false) n.up = false;
        else if (!n.up && e.up === true) {
          n.up = true;
          n.boot += 1;
          n.bootAtMs = e.simTimeMs;
          n.bootId = bootIdOf(n.id, n.boot);
          for (const u of n.units.values()) u.restarts = 0;
        }
        return [];
      }
      case 'leader': {
        const role = e.role === 'marathon' ? 'marathon' : e.role === 'mesos' ? 'mesos' : null;
        if (role === null) return [];
        const leader = typeof e.node === 'string' ? e.node : null;
        if (role === 'mesos') mesosLeader = leader;
        const out: JournalEntry[] = [];
        const hap: ClusterHap = { kind: 'leader', role, node: leader };
        const targets = node !== null ? (wanted(node) ? [node] : []) : allNodes();
        for (const id of targets) {
          if (role === 'marathon' && roleOfNode(id) !== 'master') continue;
          out.push(...hear(rt(id), e, role === 'marathon' ? 'dcos-marathon' : mesosUnit(id), hap));
        }
        return out;
      }
      case 'quorum': {
        const formed = typeof e.have === 'number' && typeof e.need === 'number' && e.have >= e.need;
        const hap: ClusterHap = { kind: 'quorum', formed, wasFormed: quorumFormed };
        quorumFormed = formed;
        const out: JournalEntry[] = [];
        for (let i = 1; i <= cluster.masters; i += 1) if (wanted(`master-${i}`)) out.push(...hear(rt(`master-${i}`), e, 'dcos-exhibitor', hap));
        return out;
      }
      case 'agent': {
        if (typeof e.node !== 'string' || nodeIndex(cluster, e.node) < 0) return [];
        const before = registeredOnce.has(e.node);
        if (e.registered === true) registeredOnce.add(e.node);
        const hap: ClusterHap = { kind: 'agent', node: e.node, registered: e.registered === true, unreachable: e.unreachable === true };
        const out: JournalEntry[] = [];
        if (mesosLeader !== null && wanted(mesosLeader)) out.push(...hear(rt(mesosLeader), e, 'dcos-mesos-master', hap, before));
        if (wanted(e.node) && e.node !== mesosLeader) out.push(...hear(rt(e.node), e, mesosUnit(e.node), hap, before));
        return out;
      }
      default:
        return [];
    }
  }

  let all: string[] | null = null;
  function allNodes(): string[] {
    if (all === null) {
      all = [];
      for (let i = 1; i <= cluster.masters; i += 1) all.push(`master-${i}`);
      for (let i = 1; i <= cluster.agents; i += 1) all.push(`agent-${i}`);
      for (let i = 1; i <= cluster.publicAgents; i += 1) all.push(`public-agent-${i}`);
    }
    return all;
  }

  return {
    trackedNodes: () => nodes.size,
    push(event) {
      try {
        return push(event);
      } catch {
        // Defensive: an event of a shape this module does not know must not take the caller down.
        return [];
      }
    },
  };
}

export interface JournalQuery {
  node: string | null;
  unit?: string | null;
  untilMs?: number | null;
}

/** The entries of a whole log for one query, in journal order (by node, then time), as an iterator (bounded memory). */
export function* journalEntries(cluster: ClusterConfig, events: Iterable<SimEvent>, query: JournalQuery): Generator<JournalEntry> {
  const generator = createJournalGenerator(cluster, query.node);
  const until = query.untilMs ?? Number.POSITIVE_INFINITY;
  for (const e of events) {
    if (e.simTimeMs > until) break;
    for (const entry of generator.push(e)) {
      if (query.unit != null && entry.unit !== query.unit) continue;
      yield entry;
    }
  }
}
