// Shapes of the DC/OS catalog (shared/model/catalog.ts fills them from design/dcos-model.md).
// The engine reads gates and timings from here; the web reads names and `dependsOn` to draw the DAG.
import type { Role } from './vocabulary.ts';

/** A readiness gate (ExecStartPre) a unit must pass on every start attempt. */
export type Gate =
  /** `ping -c1 <name>`: the name resolves through local dcos-net (ready.spartan) / Mesos-DNS (*.mesos). */
  | { kind: 'dns'; name: 'ready.spartan' | 'leader.mesos' | 'marathon.mesos' }
  /** Masters' `bootstrap`: exhibitor.wait(), all master_count ZKs serving + one leader (pid shortcut aside). */
  | { kind: 'exhibitor-wait' }
  /** bootstrap reaching ZooKeeper (agents: a random master's ZK) for cluster-id / secrets consensus. */
  | { kind: 'zk' }
  /** `test -f /var/lib/dcos/cluster-id`. */
  | { kind: 'cluster-id' }
  /** Another local unit must answer (e.g. Admin Router curls dcos-oauth). */
  | { kind: 'unit'; unit: string }
  /** `/opt/mesosphere/bin/check-time`: the kernel reports the clock synchronised (adjtimex). */
  | { kind: 'check-time' };

/** Where a dependency lives relative to the dependent unit's node. */
export type DependencyScope = 'local' | 'any-master' | 'all-masters' | 'quorum-masters' | 'mesos-leader' | 'marathon-leader';

/** One edge of the dependency DAG: `unit` (on `scope`) must work for the dependent unit to get/stay ready. */
export interface Dependency {
  unit: string;
  scope: DependencyScope;
  /** What carries the dependency, shown on the edge: "ready.spartan", "leader.mesos", "ZooKeeper quorum", ... */
  via: string;
  /** true: a start gate (ExecStartPre); false: runtime discovery / registration after start. */
  gate: boolean;
}

export type RestartPolicy = 'always' | 'on-failure' | 'no';

export interface UnitSpec {
  /** systemd unit name without `.service`. */
  id: string;
  /** dcos-diagnostics `name` (PrettyName), e.g. "Mesos Master". */
  name: string;
  /** dcos-diagnostics `description`. */
  description: string;
  /** Per-role override of name/description (dcos-diagnostics is "DC/OS Diagnostics Master" on masters, "... Agent" on agents). */
  nameByRole?: Partial<Record<Role, { name: string; description: string }>>;
  roles: Role[];
  restart: RestartPolicy;
  restartSec: number;
  /** A .timer re-runs the unit this often (oneshot / Restart=no units such as logrotate, gen-resolvconf). */
  timerMs?: number;
  gates: Gate[];
  dependsOn: Dependency[];
  /** Seeded range for how long the process takes from exec to ready, [minMs, maxMs]; marked as an assumption. */
  startMs: [number, number];
  /** Which numbered Boot Sequence group it belongs to ("exhibitor", "mesos-master", "networking", ...). */
  bootGroup: string;
  /** How the unit behaves as a client of shared facilities, read by the engine instead of lists of unit ids. */
  traits?: UnitTraits;
  /** How its main process ends on `systemctl stop` (its KillSignal), which decides the systemd state it is left in. */
  stopExit?: StopExit;
  /** One or two sentences for a class: what it does and what it waits for. */
  teach: string;
  /** Sources / assumptions, short: "[src] unit file; startMs [inferred]". */
  source: string;
}

/**
 * How a main process ends when systemd stops it (docs/fidelity.md):
 * - `signal`: killed by SIGTERM (Go and Python defaults; Mesos logs "Received signal SIGTERM; exiting" and re-raises
 *   it): systemd counts a SIGTERM death as clean -> inactive.
 * - `exit-0`: handles the stop signal and exits 0 (nginx on KillSignal=SIGQUIT) -> inactive.
 * - `exit-143`: a JVM answers SIGTERM with status 128+15; no 1.11 unit sets SuccessExitStatus=143 -> failed.
 * - `sigkill`: the unit's KillSignal is SIGKILL (dcos-net), never a clean death -> failed (Result: signal).
 */
export type StopExit = 'signal' | 'exit-0' | 'exit-143' | 'sigkill';

export interface UnitTraits {
  /**
   * A Curator ZooKeeper client that exits when its connection is SUSPENDED (code 101) or cannot connect within the
   * 10 s connection timeout (code 100): Marathon 1.6 and Metronome 0.6 (dcos-model.md §5.5).
   */
  exitsOnZkSuspend?: boolean;
  /** Talks only to the local ZooKeeper (127.0.0.1:2181) and exits when that one stops serving: dcos-oauth (§2.2). */
  localZkOnly?: boolean;
}
