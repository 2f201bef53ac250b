/**
 * Which fault actions make sense for a target, grouped, with a one-line explanation for a class and,
 * when an action cannot apply right now, the reason (pure; FaultMenu renders it).
 * Invariants: every enabled item's payload is a valid `Fault` (faultSchema); a disabled item always
 * says why; the unit items are the same set for every unit (only their enablement changes), so the
 * menu does not reshuffle under a teacher's finger while the cluster moves.
 */
import type { ClusterView, Fault, NodeView, UnitView } from '../../../shared/engine/types.ts';
import type { RestartPolicy } from '../../../shared/model/types.ts';
import type { FaultTarget, UnitTarget } from '../../types.ts';

/** Delay presets offered for a unit (seconds of simulated time). */
export const DELAY_PRESETS_S: readonly number[] = [30, 60, 120];

/** What the menu needs to know about a unit from the catalog. */
export interface UnitInfo {
  name: string;
  restart: RestartPolicy;
  /** Seconds, as in the systemd unit file. */
  restartSec: number;
}
export type UnitInfoLookup = (unit: string) => UnitInfo | undefined;

export type FaultMenuAction = { type: 'inject'; fault: Fault } | { type: 'explain'; target: UnitTarget };

export interface FaultMenuItem {
  id: string;
  label: string;
  /** Short explanation for the class: what this does in a real cluster. */
  hint: string;
  /** null when the action applies; otherwise why not (shown and read out). */
  disabledReason: string | null;
  action: FaultMenuAction;
}

export interface FaultMenuGroup {
  label: string;
  items: FaultMenuItem[];
  /** 'row': short items side by side sharing one hint (the delay presets), to keep the menu short. */
  layout?: 'row';
  /** The shared hint of a row group. */
  hint?: string;
}

export interface FaultMenuContent {
  /** "dcos-mesos-master on master-1" or "master-1 (master)". */
  title: string;
  /** Current state line: "healthy", "powered off", ... */
  status: string;
  groups: FaultMenuGroup[];
}

function hasActive(view: ClusterView, pred: (f: Fault) => boolean): boolean {
  return view.faults.some((a) => pred(a.fault));
}

function nodeDownReason(node: NodeView | undefined, id: string): string | null {
  if (node === undefined) return `${id} is not in this cluster`;
  if (!node.up) return `${id} is powered off; Boot it first`;
  return null;
}

function unitItems(t: UnitTarget, view: ClusterView, info: UnitInfo | undefined): FaultMenuGroup[] {
  const node = view.nodes.find((n) => n.id === t.node);
  const unit: UnitView | undefined = node?.units.find((u) => u.id === t.unit);
  const missing = node === undefined ? `${t.node} is not in this cluster` : unit === undefined ? `${t.unit} does not run on ${t.node}` : null;
  const down = missing ?? nodeDownReason(node, t.node);
  const state = unit?.state ?? 'pending';
  // The same rules the engine applies (checkApplicable), so an enabled item is never refused.
  const stopped = state === 'stopped' || hasActive(view, (f) => f.kind === 'stop' && f.node === t.node && f.unit === t.unit);
  const running = state === 'starting' || state === 'healthy' || state === 'unhealthy';
  const hung = hasActive(view, (f) => f.kind === 'hang' && f.node === t.node && f.unit === t.unit);
  const restart = info === undefined
    ? 'systemd restarts it after its RestartSec'
    : info.restart === 'no'
      ? `it stays down (${info.name} has Restart=no)`
      : `systemd restarts it after RestartSec (${info.restartSec} s for ${info.name})`;
  const fault = (kind: 'kill' | 'stop' | 'start' | 'hang'): FaultMenuAction => ({ type: 'inject', fault: { kind, node: t.node, unit: t.unit } });
  const process: FaultMenuItem[] = [
    { id: 'kill', label: 'Kill', hint: `The process dies; ${restart}.`, action: fault('kill'),
      disabledReason: down ?? (!running ? `${t.unit} has no running process to kill (it is ${state})` : null) },
    { id: 'stop', label: 'Stop', hint: 'systemctl stop: the unit stays down (no restart) until you Start it.', action: fault('stop'),
      disabledReason: down ?? (stopped ? `${t.unit} is already stopped` : null) },
    { id: 'start', label: 'Start', hint: 'systemctl start: a stopped unit runs again and goes through its start gates.', action: fault('start'),
      disabledReason: down ?? (!stopped ? `${t.unit} is not stopped (it is ${state}); Start undoes a Stop` : null) },
    { id: 'hang', label: 'Hang', hint: 'The process stays up but stops answering: systemd sees it running, health checks fail.', action: fault('hang'),
      disabledReason: down ?? (hung ? `${t.unit} already hangs; Kill it to recover` : state !== 'healthy' && state !== 'starting' ? `${t.unit} is not running (it is ${state})` : null) },
  ];
  // A delay is remembered even while the node is off: it applies to the starts after the next boot.
  const slow: FaultMenuItem[] = DELAY_PRESETS_S.map((s) => ({
    id: `delay-${s}`,
    label: `+${s} s`,
    hint: `Delay: every start takes ${s} s longer to become ready until faults are cleared; dependents wait.`,
    action: { type: 'inject', fault: { kind: 'delay', node: t.node, unit: t.unit, ms: s * 1000 } },
    disabledReason: missing,
  }));
  const understand: FaultMenuItem[] = [
    { id: 'explain', label: 'Explain', hint: 'Why is it in this state? Follow the causes back to the root.', action: { type: 'explain', target: { node: t.node, unit: t.unit } },
      disabledReason: missing },
  ];
  return [
    { label: 'Break the process', items: process },
    { label: 'Delay its starts', items: slow, layout: 'row', hint: missing ?? 'Each start takes this much longer to become ready (like a slow Mesos-DNS) until faults are cleared; dependents wait.' },
    { label: 'Understand', items: understand },
  ];
}

function nodeItems(id: string, view: ClusterView): FaultMenuGroup[] {
  const node = view.nodes.find((n) => n.id === id);
  const missing = node === undefined ? `${id} is not in this cluster` : null;
  const up = node?.up ?? false;
  const partitioned = node?.partitioned ?? false;
  const master = node?.role === 'master';
  const offline = missing ?? (!up ? `${id} is powered off; Boot it first` : null);
  const network: FaultMenuItem[] = [
    { id: 'partition', label: 'Partition', action: { type: 'inject', fault: { kind: 'partition', node: id } },
      hint: master ? 'Cut it off from every other node: its ZooKeeper leaves the quorum; its units keep running alone.' : 'Cut it off from every other node: the masters stop hearing from its agent.',
      disabledReason: missing ?? (partitioned ? `${id} is already partitioned` : null) },
    { id: 'heal', label: 'Heal', hint: 'Reconnect the node: it finds ZooKeeper and the leaders again.', action: { type: 'inject', fault: { kind: 'heal', node: id } },
      disabledReason: missing ?? (!partitioned ? `${id} is not partitioned` : null) },
  ];
  const power: FaultMenuItem[] = [
    { id: 'crash', label: 'Crash', hint: 'Power off: every unit on it goes down at once; 3DT reports it unreachable.', action: { type: 'inject', fault: { kind: 'crash', node: id } },
      disabledReason: offline },
    { id: 'boot', label: 'Boot', hint: 'Power on: systemd starts its units again in boot order.', action: { type: 'inject', fault: { kind: 'boot', node: id } },
      disabledReason: missing ?? (up ? `${id} is already running` : null) },
  ];
  return [{ label: 'Network', items: network }, { label: 'Power', items: power }];
}

/** The menu for a unit or a whole node. Opposite actions (Stop/Start, Partition/Heal, Crash/Boot) both show; the one that cannot apply says why. */
export function faultMenuContent(target: FaultTarget, view: ClusterView, lookup: UnitInfoLookup): FaultMenuContent {
  const node = view.nodes.find((n) => n.id === target.node);
  if (target.unit === null) {
    const status = node === undefined ? 'not in this cluster' : !node.up ? 'powered off' : node.partitioned ? 'partitioned' : `reported ${node.health}`;
    return { title: `${target.node}${node !== undefined ? ` (${node.role.replace('_', ' ')})` : ''}`, status, groups: nodeItems(target.node, view) };
  }
  const unit = node?.units.find((u) => u.id === target.unit);
  const status = unit === undefined ? 'not on this node' : `${unit.state}${unit.cause.text ? `: ${unit.cause.text}` : ''}`;
  return { title: `${target.unit} on ${target.node}`, status, groups: unitItems(target, view, lookup(target.unit)) };
}
