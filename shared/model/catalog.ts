// The DC/OS 1.11 OSS unit catalog as data (design/dcos-model.md §2, §5.8): names exactly as dcos-diagnostics
// shows them, RestartSec, ExecStartPre gates and dependency edges. Services only (no .socket / .timer units).
// Invariants: every unit listed in ROLE_UNITS has an entry here; a unit's roles are read from ROLE_UNITS (stated once,
// there, in boot order); gates mirror the unit files; startMs is [inferred].
import type { Role } from './vocabulary.ts';
import type { Dependency, Gate, StopExit, UnitSpec, UnitTraits } from './types.ts';

const SPARTAN: Gate = { kind: 'dns', name: 'ready.spartan' };
const LEADER: Gate = { kind: 'dns', name: 'leader.mesos' };
const MARATHON: Gate = { kind: 'dns', name: 'marathon.mesos' };
const WAIT: Gate = { kind: 'exhibitor-wait' };
const ZK: Gate = { kind: 'zk' };
const CID: Gate = { kind: 'cluster-id' };
const CHECK_TIME: Gate = { kind: 'check-time' };

const dSpartan: Dependency = { unit: 'dcos-net', scope: 'local', via: 'ready.spartan', gate: true };
const dLeader: Dependency = { unit: 'dcos-mesos-dns', scope: 'any-master', via: 'leader.mesos', gate: true };
const dMarathon: Dependency = { unit: 'dcos-marathon', scope: 'marathon-leader', via: 'marathon.mesos', gate: true };
const dWait: Dependency = { unit: 'dcos-exhibitor', scope: 'all-masters', via: 'exhibitor.wait (all ZooKeepers serving)', gate: true };
const dZk: Dependency = { unit: 'dcos-exhibitor', scope: 'quorum-masters', via: 'ZooKeeper quorum (cluster-id consensus)', gate: true };
const dZkRuntime: Dependency = { unit: 'dcos-exhibitor', scope: 'quorum-masters', via: 'ZooKeeper session (zk-1.zk..zk-N.zk)', gate: false };

/** What a catalog entry states; `roles` comes from ROLE_UNITS, the rest has defaults. */
interface UnitEntry {
  name: string;
  description: string;
  restartSec: number;
  restart?: UnitSpec['restart'];
  timerMs?: number;
  gates?: Gate[];
  dependsOn?: Dependency[];
  startMs: [number, number];
  bootGroup: string;
  teach: string;
  source?: string;
  nameByRole?: UnitSpec['nameByRole'];
  traits?: UnitTraits;
  /** Default `signal` (killed by SIGTERM: Go, Python, Mesos). */
  stopExit?: StopExit;
}

const MASTER_UNITS = [
  'dcos-exhibitor', 'dcos-net', 'dcos-net-watchdog', 'dcos-gen-resolvconf', 'dcos-pkgpanda-api', 'dcos-mesos-master',
  'dcos-mesos-dns', 'dcos-marathon', 'dcos-metronome', 'dcos-cosmos', 'dcos-oauth', 'dcos-adminrouter', 'dcos-diagnostics',
  'dcos-history', 'dcos-signal', 'dcos-metrics-master', 'dcos-log-master', 'dcos-logrotate-master',
];
const agentUnits = (slaveUnit: string): string[] => [
  'dcos-net', 'dcos-net-watchdog', 'dcos-gen-resolvconf', 'dcos-pkgpanda-api', slaveUnit, 'dcos-adminrouter-agent',
  'dcos-diagnostics', 'dcos-metrics-agent', 'dcos-log-agent', 'dcos-logrotate-agent', 'dcos-rexray',
];
const ROLE_UNITS: Record<Role, readonly string[]> = {
  master: MASTER_UNITS,
  agent: agentUnits('dcos-mesos-slave'),
  agent_public: agentUnits('dcos-mesos-slave-public'),
};

const ROLES: readonly Role[] = ['master', 'agent', 'agent_public'];

/** The roles whose nodes run `id` (ROLE_UNITS read the other way). */
function rolesOf(id: string): Role[] {
  return ROLES.filter((role) => ROLE_UNITS[role].includes(id));
}

function unit(id: string, p: UnitEntry): UnitSpec {
  return {
    id,
    name: p.name,
    description: p.description,
    ...(p.nameByRole ? { nameByRole: p.nameByRole } : {}),
    ...(p.traits ? { traits: p.traits } : {}),
    ...(p.stopExit ? { stopExit: p.stopExit } : {}),
    roles: rolesOf(id),
    restart: p.restart ?? 'always',
    restartSec: p.restartSec,
    ...(p.timerMs ? { timerMs: p.timerMs } : {}),
    gates: p.gates ?? [],
    dependsOn: p.dependsOn ?? [],
    startMs: p.startMs,
    bootGroup: p.bootGroup,
    teach: p.teach,
    source: p.source ?? '[src] dcos@1.11 unit file (dcos-model.md §2); startMs [inferred]',
  };
}

const slave = (id: string, name: string, description: string): UnitSpec =>
  unit(id, {
    name, description, restartSec: 5_000, gates: [SPARTAN],
    dependsOn: [
      dSpartan,
      { unit: 'dcos-exhibitor', scope: 'quorum-masters', via: 'leader detection via ZooKeeper', gate: false },
      { unit: 'dcos-mesos-master', scope: 'mesos-leader', via: 'registration with the leading master', gate: false },
    ],
    startMs: [2_000, 5_000], bootGroup: 'mesos-agent',
    teach: 'The Mesos agent finds the leading master in ZooKeeper, registers with it and offers its resources.',
  });

export const UNIT_CATALOG: Record<string, UnitSpec> = {
  'dcos-exhibitor': unit('dcos-exhibitor', {
    name: 'Exhibitor', description: 'Zookeeper supervisor service', restartSec: 5_000,
    startMs: [3_000, 8_000], bootGroup: 'exhibitor', stopExit: 'exit-143', // start_exhibitor.py execs java
    teach: 'Exhibitor writes the ZooKeeper config and runs ZooKeeper; the masters agree on one ensemble, which takes minutes on first boot.',
  }),
  'dcos-net': unit('dcos-net', {
    name: 'DC/OS Net', description: 'A distributed systems & network overlay orchestration engine', restartSec: 5_000,
    gates: [CHECK_TIME, WAIT, ZK],
    dependsOn: [
      { unit: 'dcos-exhibitor', scope: 'all-masters', via: 'bootstrap dcos-net (masters: exhibitor.wait)', gate: true },
      { ...dZk, via: 'bootstrap dcos-net (cluster-id znode)' },
      { unit: 'dcos-mesos-dns', scope: 'any-master', via: 'forwards *.mesos to Mesos-DNS', gate: false },
    ],
    startMs: [2_000, 5_000], bootGroup: 'networking', stopExit: 'sigkill', // dcos-net.service KillSignal=SIGKILL
    teach: 'dcos-net serves ready.spartan and forwards *.mesos lookups to every master\'s Mesos-DNS; its bootstrap needs ZooKeeper.',
  }),
  'dcos-net-watchdog': unit('dcos-net-watchdog', {
    name: 'DC/OS Net Watchdog', description: 'restarts dcos-net when it is unhealthy', restartSec: 15_000,
    dependsOn: [{ unit: 'dcos-net', scope: 'local', via: 'probes ready.spartan', gate: false }],
    startMs: [500, 1_000], bootGroup: 'networking',
    teach: 'Probes ready.spartan every minute and SIGKILLs dcos-net after two failed probes.',
  }),
  'dcos-gen-resolvconf': unit('dcos-gen-resolvconf', {
    name: 'Generate resolv.conf', description: 'configures network name resolution', restart: 'no', restartSec: 0,
    timerMs: 60_000, source: '[src] oneshot + .timer OnBootSec=5sec, OnUnitActiveSec=1min (dcos-model.md §2.1); startMs [inferred]',
    dependsOn: [{ unit: 'dcos-net', scope: 'local', via: 'nameservers 198.51.100.1-3', gate: false }],
    startMs: [200, 500], bootGroup: 'networking',
    teach: 'A oneshot run by a timer: points /etc/resolv.conf at dcos-net when ready.spartan answers.',
  }),
  'dcos-pkgpanda-api': unit('dcos-pkgpanda-api', {
    name: 'DC/OS Component Package Manager (Pkgpanda)', description: 'installs and manages DC/OS components',
    restartSec: 5_000, startMs: [1_000, 2_000], bootGroup: 'pkgpanda', teach: 'Local package API; no dependencies.',
  }),
  'dcos-mesos-master': unit('dcos-mesos-master', {
    name: 'Mesos Master', description: 'distributed systems kernel', restartSec: 15_000, gates: [SPARTAN, WAIT],
    dependsOn: [dSpartan, dWait, { unit: 'dcos-exhibitor', scope: 'quorum-masters', via: 'leader election + replicated log (ZooKeeper quorum)', gate: false }],
    startMs: [2_000, 5_000], bootGroup: 'mesos-master',
    teach: 'Mesos masters register in ZooKeeper and elect a leader, which recovers the registry from a quorum of replicas.',
  }),
  'dcos-mesos-dns': unit('dcos-mesos-dns', {
    name: 'Mesos DNS', description: 'domain name based service discovery', restartSec: 5_000, gates: [SPARTAN, WAIT],
    dependsOn: [dSpartan, dWait, { unit: 'dcos-mesos-master', scope: 'mesos-leader', via: 'polls the leader\'s state (leader via ZooKeeper)', gate: false }],
    startMs: [1_000, 3_000], bootGroup: 'mesos-dns',
    teach: 'Mesos-DNS serves nothing until it loaded state from a Mesos leader; it exits after 30 s without one.',
  }),
  'dcos-marathon': unit('dcos-marathon', {
    name: 'Marathon', description: 'container orchestration engine', restartSec: 15_000, gates: [LEADER, WAIT],
    dependsOn: [dLeader, dWait, dZkRuntime, { unit: 'dcos-mesos-master', scope: 'mesos-leader', via: 'framework registration', gate: false }],
    startMs: [15_000, 30_000], bootGroup: 'orchestration', traits: { exitsOnZkSuspend: true }, stopExit: 'exit-143',
    teach: 'Marathon waits for leader.mesos, elects its own leader in ZooKeeper and registers as a framework.',
  }),
  'dcos-metronome': unit('dcos-metronome', {
    name: 'DC/OS Jobs (Metronome)', description: 'job orchestration', restartSec: 15_000, gates: [CHECK_TIME, LEADER, WAIT],
    dependsOn: [dLeader, dWait, dZkRuntime, { unit: 'dcos-mesos-master', scope: 'mesos-leader', via: 'framework registration', gate: false }],
    startMs: [12_000, 25_000], bootGroup: 'orchestration', traits: { exitsOnZkSuspend: true }, stopExit: 'exit-143', teach: 'Jobs scheduler; same gates and ZooKeeper behaviour as Marathon.',
  }),
  'dcos-cosmos': unit('dcos-cosmos', {
    name: 'DC/OS Package Manager (Cosmos)', description: 'installs and manages DC/OS packages from DC/OS package repositories',
    restartSec: 15_000, gates: [LEADER, WAIT], dependsOn: [dLeader, dWait],
    startMs: [8_000, 15_000], bootGroup: 'orchestration', stopExit: 'exit-143', teach: 'Package manager; needs leader.mesos to start.',
  }),
  'dcos-oauth': unit('dcos-oauth', {
    name: 'DC/OS Authentication (OAuth)', description: 'authenticates DC/OS users using OAuth and OpenID Connect',
    restartSec: 5_000, gates: [WAIT, ZK],
    dependsOn: [dWait, { unit: 'dcos-exhibitor', scope: 'local', via: 'ZooKeeper at 127.0.0.1:2181 (--zk-addr)', gate: false }],
    startMs: [1_000, 3_000], bootGroup: 'security', traits: { localZkOnly: true },
    teach: 'dcos-oauth talks only to the local ZooKeeper (127.0.0.1:2181): it exits when that one goes away.',
  }),
  'dcos-adminrouter': unit('dcos-adminrouter', {
    name: 'Admin Router Master', description: 'exposes a unified control plane proxy for components and services using NGINX',
    restartSec: 5_000, gates: [SPARTAN, MARATHON, LEADER, CID, { kind: 'unit', unit: 'dcos-oauth' }],
    dependsOn: [dSpartan, dMarathon, dLeader, { unit: 'dcos-net', scope: 'local', via: 'cluster-id file', gate: true },
      { unit: 'dcos-oauth', scope: 'local', via: 'curl 127.0.0.1:8101/acs/api/v1/groups', gate: true }],
    startMs: [1_000, 3_000], bootGroup: 'adminrouter', stopExit: 'exit-0', // KillSignal=SIGQUIT: nginx shuts down gracefully
    teach: 'NGINX in front of everything; it starts only once marathon.mesos and leader.mesos resolve and oauth answers.',
  }),
  'dcos-diagnostics': unit('dcos-diagnostics', {
    name: 'DC/OS Diagnostics Master', description: 'aggregates and exposes component health', restartSec: 5_000,
    gates: [WAIT], dependsOn: [{ ...dWait, via: 'bootstrap dcos-diagnostics-master (exhibitor.wait; masters only)' }],
    nameByRole: {
      master: { name: 'DC/OS Diagnostics Master', description: 'aggregates and exposes component health' },
      agent: { name: 'DC/OS Diagnostics Agent', description: 'exposes component health' },
      agent_public: { name: 'DC/OS Diagnostics Agent', description: 'exposes component health' },
    },
    startMs: [1_000, 2_000], bootGroup: 'diagnostics',
    teach: 'Masters pull every node\'s unit health each minute; the cluster is healthy when all masters are.',
  }),
  'dcos-history': unit('dcos-history', {
    name: 'DC/OS History', description: 'caches and exposes historical system state', restartSec: 5_000,
    gates: [LEADER, WAIT], dependsOn: [dLeader, dWait], startMs: [1_000, 3_000], bootGroup: 'logging-metrics',
    teach: 'Polls leader.mesos state-summary every 2 s.',
  }),
  'dcos-signal': unit('dcos-signal', {
    name: 'DC/OS Signal', description: 'reports cluster telemetry and analytics to help improve DC/OS',
    restart: 'on-failure', restartSec: 20_000, gates: [LEADER, WAIT, ZK], dependsOn: [dLeader, dWait, dZk],
    startMs: [1_000, 2_000], bootGroup: 'logging-metrics', teach: 'Telemetry; on-failure, 20 s.',
  }),
  'dcos-metrics-master': unit('dcos-metrics-master', {
    name: 'DC/OS Metrics Master', description: 'exposes node metrics', restartSec: 5_000,
    gates: [WAIT, ZK, CID], dependsOn: [dWait, dZk], startMs: [1_000, 2_000], bootGroup: 'logging-metrics',
    teach: 'Needs the cluster-id (bootstrap consensus) before it starts.',
  }),
  'dcos-log-master': unit('dcos-log-master', {
    name: 'DC/OS Log Master', description: 'exposes master node and component logs', restartSec: 5_000,
    startMs: [500, 1_000], bootGroup: 'logging-metrics', teach: 'Socket-activated log API; no gates.',
  }),
  'dcos-logrotate-master': unit('dcos-logrotate-master', {
    name: 'Logrotate Mesos Master', description: 'Rotate Mesos master logs', restart: 'no', restartSec: 0, timerMs: 120_000,
    startMs: [200, 500], bootGroup: 'logging-metrics', teach: 'Timer-driven log rotation; no gates.',
  }),
  'dcos-mesos-slave': slave('dcos-mesos-slave', 'Mesos Agent', 'distributed systems kernel agent'),
  'dcos-mesos-slave-public': slave('dcos-mesos-slave-public', 'Mesos Agent Public', 'distributed systems kernel public agent'),
  'dcos-adminrouter-agent': unit('dcos-adminrouter-agent', {
    name: 'Admin Router Agent', description: 'exposes a unified control plane proxy for components and services using NGINX',
    restartSec: 5_000, gates: [SPARTAN, LEADER], dependsOn: [dSpartan, dLeader],
    startMs: [1_000, 2_000], bootGroup: 'adminrouter', stopExit: 'exit-0',
    teach: 'Listens on :61001; the masters pull this node\'s health through it, so when it is down the node shows as unknown (3).',
  }),
  'dcos-metrics-agent': unit('dcos-metrics-agent', {
    name: 'DC/OS Metrics Agent', description: 'exposes node, container, and application metrics',
    restartSec: 5_000, gates: [ZK, CID], dependsOn: [dZk], startMs: [1_000, 2_000], bootGroup: 'logging-metrics',
    teach: 'Reads the cluster-id from ZooKeeper before it starts.',
  }),
  'dcos-log-agent': unit('dcos-log-agent', {
    name: 'DC/OS Log Agent', description: 'exposes agent node, component, and container (task) logs',
    restartSec: 5_000, startMs: [500, 1_000], bootGroup: 'logging-metrics', teach: 'Socket-activated log API; no gates.',
  }),
  'dcos-logrotate-agent': unit('dcos-logrotate-agent', {
    name: 'Logrotate Mesos Agent', description: 'Rotate Mesos agent logs', restart: 'no', restartSec: 0, timerMs: 120_000,
    startMs: [200, 500], bootGroup: 'logging-metrics', teach: 'Timer-driven log rotation; no gates.',
  }),
  'dcos-rexray': unit('dcos-rexray', {
    name: 'REX-Ray', description: 'A vendor agnostic storage orchestration engine', restartSec: 15_000,
    startMs: [1_000, 3_000], bootGroup: 'storage', teach: 'Storage orchestration; no DC/OS gates.',
  }),
};

/** What `systemctl stop` leaves a unit in, and the sentence that says why (the stop fault's cause). */
export function stopOutcome(unitId: string): { to: 'stopped' | 'failed'; text: string } {
  switch (UNIT_CATALOG[unitId]?.stopExit ?? 'signal') {
    case 'exit-143':
      return { to: 'failed', text: 'stopped, and failed: the JVM exits with status 143 on SIGTERM and no 1.11 unit sets SuccessExitStatus=143, so systemd marks the unit failed (Result: exit-code), which dcos-diagnostics counts unhealthy; systemd does not restart a unit it was told to stop' };
    case 'sigkill':
      return { to: 'failed', text: 'stopped, and failed: the unit\'s KillSignal is SIGKILL, never a clean death, so systemd marks it failed (Result: signal), which dcos-diagnostics counts unhealthy; systemd does not restart a unit it was told to stop' };
    case 'exit-0':
      return { to: 'stopped', text: 'stopped: the process exits 0 on its KillSignal (SIGQUIT: nginx shuts down gracefully); systemd reports inactive, which dcos-diagnostics 1.11 counts as healthy' };
    default:
      return { to: 'stopped', text: 'stopped: SIGTERM killed the process (systemd counts a SIGTERM death as clean); systemd reports inactive, which dcos-diagnostics 1.11 counts as healthy' };
  }
}

/** The units a node of `role` runs, in boot (display) order. */
export function unitsForRole(role: Role): string[] {
  return [...ROLE_UNITS[role]];
}

/** dcos-diagnostics name/description of a unit on a role (per-role overrides applied). */
export function unitLabel(unitId: string, role: Role): { name: string; description: string } {
  const spec = UNIT_CATALOG[unitId];
  if (!spec) return { name: unitId, description: '' };
  return spec.nameByRole?.[role] ?? { name: spec.name, description: spec.description };
}

/**
 * Gates as they apply on a role: agents' bootstrap has no exhibitor.wait (dcos-model.md §1.3), and agents'
 * dcos-diagnostics bootstrap is a noop; agents' dcos-net bootstrap reads the cluster-id (ZK) read-only.
 */
export function gatesFor(unitId: string, role: Role): Gate[] {
  const gates = UNIT_CATALOG[unitId]?.gates ?? [];
  return role === 'master' ? gates : gates.filter((g) => g.kind !== 'exhibitor-wait');
}

/** The units of `role` with a trait, in boot order (e.g. every ZooKeeper client that exits on SUSPENDED). */
export function unitsWithTrait(role: Role, trait: keyof UnitTraits): string[] {
  return ROLE_UNITS[role].filter((id) => UNIT_CATALOG[id]?.traits?.[trait] === true);
}
