// The journal's vocabulary: one entry per line a node's journald would hold, and the facts a line proves.
// Plain JSON (numbers and strings only), so entries and facts cross the wire and diff as text.

/** What a journal line proves, in the model's terms (architecture.md §10). */
export type FactKind = 'unit' | 'leader' | 'quorum' | 'agent';

export interface JournalFactBody {
  kind: FactKind;
  /** unit id without `.service` (the unit whose process or systemd job wrote the line). */
  unit?: string;
  /**
   * unit: starting | waiting | healthy | failed | stopped; leader: mesos | marathon (this node leads it);
   * quorum: formed | looking; agent: registered | disconnected.
   */
  to?: string;
}

/** A fact read from a journal: `atMs` is relative to that journal's boot; `line` is the line as read. */
export interface JournalFact extends JournalFactBody {
  node: string;
  atMs: number;
  line: string;
}

/** One journal entry (what `journalctl -o json` prints, plus where in the simulation it comes from). */
export interface JournalEntry {
  /** Unix µs (__REALTIME_TIMESTAMP). */
  realtimeUs: number;
  /** µs since this node booted (__MONOTONIC_TIMESTAMP). */
  monotonicUs: number;
  bootId: string;
  /** Position in the node's journal (the `i=` of __CURSOR), counted before any unit filter. */
  index: number;
  node: string;
  hostname: string;
  /** unit id without `.service`. */
  unit: string;
  identifier: string;
  pid: number;
  /** syslog priority 0..7. */
  priority: number;
  message: string;
  /** `journal` (systemd's own structured lines, log4j's journal appender) or `stdout` (a service's stdout/stderr). */
  transport: 'journal' | 'stdout';
  /** The simulated time and seq of the event this line comes from (BOOTSCOPE_SIM_MS, BOOTSCOPE_SEQ). */
  simMs: number;
  seq: number;
  /** Which template wrote it (registry key, e.g. `systemd.started`, `mesos-master.elected`). */
  template: string;
  fact?: JournalFactBody;
}

/** A line a template produces, before the generator stamps time, pid and host. */
export interface TemplateLine {
  template: string;
  message: string;
  priority: number;
  fact?: JournalFactBody;
  /** Default: the unit's own process; `systemd`: PID 1. */
  from?: 'process' | 'systemd';
  transport?: 'journal' | 'stdout';
}

export const PRIORITY = { emerg: 0, alert: 1, crit: 2, err: 3, warning: 4, notice: 5, info: 6, debug: 7 } as const;
