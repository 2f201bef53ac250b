/**
 * One readable line per SimEvent for the event log, plus what the log filters on (type, node, text).
 * Pure; the same words a teacher would say: "master-1 dcos-exhibitor: starting → healthy".
 */
import type { SimEvent } from '../../../shared/protocol/types.ts';
import type { LogFilter } from '../../store/uiSlice.ts';
import { BOOT_SEQUENCE_PAGE } from '../../../shared/model/bootSequencePage.ts';
import { describeFault } from '../../../shared/model/faults/registry.ts';

// The shared clock text, re-exported so the log's callers keep one import.
export { formatSimTime } from '../../../shared/model/time.ts';

// One sentence per fault kind, from the fault registry (the same words as the CLI and the scenario player).
// Who did it ("viewer Ana: stop Exhibitor on master-1"); a scenario's own faults keep the plain "fault:" line.
function faultWords(e: Extract<SimEvent, { type: 'fault' }>): string {
  const by = e.by as Extract<SimEvent, { type: 'fault' }>['by'] | undefined; // absent from older servers
  if (by === undefined || by.role === 'scenario') return `${e.active ? 'fault' : 'fault cleared'}: ${describeFault(e.fault)}`;
  const who = by.name !== undefined ? `${by.role} ${by.name}` : by.role;
  return e.active ? `${who}: ${describeFault(e.fault)}` : `fault cleared: ${describeFault(e.fault)} (${who})`;
}

/** The main sentence (without time and cause). */
export function describeEvent(e: SimEvent): string {
  switch (e.type) {
    case 'unit':
      return `${e.node} ${e.unit}: ${e.from} → ${e.to}`;
    case 'node':
      return `${e.node} health: ${e.health}`;
    case 'cluster':
      return `cluster health: ${e.health}`;
    case 'quorum':
      // have/need, not have/masters as the health panel writes it: spelled out so "2/2" never sits beside "2/3".
      return `ZooKeeper quorum: ${e.have} serving, ${e.need} needed${e.have < e.need ? ' (no quorum)' : ''}`;
    case 'leader':
      return `${e.role === 'mesos' ? 'Mesos' : 'Marathon'} leader: ${e.node ?? 'none'}`;
    case 'dns':
      return `DNS ${e.name} → ${e.value ?? 'does not resolve'}`;
    case 'agent':
      if (e.registered) return `${e.node} registered with the Mesos leader`;
      return e.unreachable ? `${e.node} marked unreachable by the Mesos leader` : `${e.node} disconnected from the Mesos leader`;
    case 'task':
      return `task ${e.task} (${e.service}) on ${e.node}: ${e.state}`;
    case 'fault':
      return faultWords(e);
    case 'narration':
      return `“${e.text}”`;
    case 'step':
      return `Boot Sequence ${e.step.replace(/^(master|agent|service|scheduler)\./, '$1 ')} (${BOOT_SEQUENCE_PAGE.short}): ${e.text}`;
    case 'availability':
      return `availability: UI ${e.availability.uiReachable ? 'up' : 'down'}, API ${e.availability.apiReachable ? 'up' : 'down'}, tasks ${e.availability.tasksLaunchable ? 'launchable' : 'blocked'} (Admin Router ${e.availability.adminRouterStatus || '—'})`;
    case 'diagnostics':
      return `diagnostics pull${e.puller ? ` by ${e.puller}` : ''}: ${e.nodes} nodes`;
    case 'power':
      return `${e.node} ${e.up ? (e.partitioned ? 'partitioned' : 'up') : 'powered off'}`;
  }
}

export function eventCause(e: SimEvent): string {
  const cause = 'cause' in e ? e.cause.text : '';
  // A fault's cause is the fault itself: "fault: delay … because delay …" says nothing twice.
  if (e.type === 'fault' && cause !== '' && (cause === describeFault(e.fault) || faultWords(e).includes(cause))) return '';
  return cause;
}

/** The node an event is about, or null for cluster-wide facts. */
export function eventNode(e: SimEvent): string | null {
  switch (e.type) {
    case 'unit':
    case 'node':
    case 'agent':
    case 'task':
    case 'power':
      return e.node;
    case 'leader':
      return e.node;
    case 'step':
      return e.node;
    case 'fault':
      return 'node' in e.fault ? e.fault.node : null;
    default:
      return null;
  }
}

/** Whether an event passes the log filter (types empty = all; node/text '' = all). */
export function matchesFilter(e: SimEvent, filter: LogFilter): boolean {
  if (filter.types.length > 0 && !filter.types.includes(e.type)) return false;
  if (filter.node !== '' && eventNode(e) !== filter.node) return false;
  if (filter.text !== '') {
    const needle = filter.text.toLowerCase();
    if (!describeEvent(e).toLowerCase().includes(needle) && !eventCause(e).toLowerCase().includes(needle)) return false;
  }
  return true;
}

/**
 * Indices into `log` of the matching events, newest first. With an empty filter no array of
 * 20k numbers is built per batch: the caller maps row i to log[length - 1 - i] directly.
 */
export function filterLogNewestFirst(log: readonly SimEvent[], filter: LogFilter): number[] | null {
  if (filter.types.length === 0 && filter.node === '' && filter.text === '') return null;
  const out: number[] = [];
  for (let i = log.length - 1; i >= 0; i--) if (matchesFilter(log[i]!, filter)) out.push(i);
  return out;
}

/**
 * 12345 -> "12,345", as toLocaleString('en-US') writes it, without its cost: the first Intl number
 * format of a page initializes ICU (tens of ms on the shell's first render, before any data arrives).
 */
export function thousands(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
