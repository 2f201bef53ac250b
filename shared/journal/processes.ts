// One table of templates per process (the registry): what each DC/OS service prints on its own stdout/stderr (or
// through its journal appender) when the model says something happened to it. A new unit adds one entry here;
// a unit with no entry gets systemd's lines only (systemd.ts), which is also what its real journal mostly holds.
// Every template names its source: repository, path, ref and line. Versions are the ones DC/OS 1.11.13 builds
// (dcos/dcos@1.11.13 packages/*/buildinfo.json): Mesos 1.5.x (read at tag 1.5.3), Marathon 1.6.585 (read at
// v1.6.590), Mesos-DNS 114915e5, ZooKeeper 3.4.14, dcos-net 1b5e98d3.
import type { ClusterConfig, Role } from '../model/vocabulary.ts';
import type { ExitStatus } from './systemd.ts';
import type { JournalFactBody, TemplateLine } from './types.ts';
import { PRIORITY } from './types.ts';

/** How a line's text is laid out before its body (the process's logging library). */
export type LineStyle =
  | { style: 'glog'; sev: 'I' | 'W' | 'E' | 'F'; file: string; line: number }
  | { style: 'go'; prefix: 'ERROR' | 'VERBOSE'; file: string; line: number }
  | { style: 'logback'; level: 'INFO' | 'WARN' | 'ERROR'; logger: string; thread: string }
  | { style: 'log4j'; myid: string; level: 'INFO' | 'WARN' | 'ERROR'; thread: string; cls: string; line: number };

/** A process line before the generator stamps its time: the body plus the prefix its logging library adds. */
export interface ProcessLine extends TemplateLine {
  layout: LineStyle;
}

/** What a template may read about the moment and the cluster (all derived from events, nothing random). */
export interface ProcessCtx {
  cluster: ClusterConfig;
  node: string;
  role: Role;
  ip: string;
  mesosId: (node: string) => string;
  ipOf: (node: string) => string;
  /** The Mesos leader before this event, and the Marathon leader. */
  mesosLeader: string | null;
  /** Masters whose ZooKeeper serves right now (dcos-exhibitor healthy), ascending. */
  zkServing: readonly string[];
  /** How long ZooKeeper's last leader election took on this node, ms (deterministic per node) [inferred]. */
  electionMs: number;
  /** The agent (this node, or the one a leader logs about) had registered before. */
  registeredBefore: boolean;
}

/** A cluster fact the generator hands to the processes that hear about it. */
export type ClusterHap =
  | { kind: 'leader'; role: 'mesos' | 'marathon'; node: string | null }
  | { kind: 'quorum'; formed: boolean; wasFormed: boolean }
  | { kind: 'agent'; node: string; registered: boolean; unreachable: boolean };

export interface Recogniser {
  template: string;
  /** Matched against the line's body (its logging prefix stripped, see stripPrefix). */
  re: RegExp;
  fact?: (m: RegExpExecArray) => JournalFactBody | null;
}

export interface ProcessSpec {
  /** SYSLOG_IDENTIFIER of its stdout lines (systemd.exec(5) SyslogIdentifier=: the unit's or the executable's name). */
  identifier: string;
  /** Lines right after systemd's "Started" (the process is up). */
  ready?: (c: ProcessCtx) => ProcessLine[];
  /** Last words before systemd reports the main process gone; `cause` is the model's text. */
  exiting?: (c: ProcessCtx, exit: ExitStatus, cause: string) => ProcessLine[];
  /** What the process logs about a cluster fact while it runs on this node. */
  hears?: (c: ProcessCtx, hap: ClusterHap) => ProcessLine[];
  /** How SIGTERM (systemctl stop) ends it: JVMs exit 143 = 128 + SIGTERM (not a clean exit to systemd). */
  stopExit?: ExitStatus;
  /** What it logs when systemd stops it (before systemd's "Main process exited" / "Stopped"). */
  stopping?: (c: ProcessCtx) => ProcessLine[];
  recognise: Recogniser[];
}

const JVM_STOP: ExitStatus = { code: 'exited', status: 143 };

const glog = (template: string, sev: 'I' | 'W' | 'E' | 'F', file: string, line: number, message: string, fact?: JournalFactBody): ProcessLine => ({
  template, message, priority: PRIORITY.info, transport: 'stdout', layout: { style: 'glog', sev, file, line }, ...(fact ? { fact } : {}),
});

// Mesos 1.5: src/master/master.cpp and src/slave/slave.cpp at apache/mesos tag 1.5.3 (DC/OS 1.11.13 builds
// ea5e6e87, "1.5.x"). Operators of a DC/OS Mesos node read the IP where Mesos prints its hostname (MESOS_HOSTNAME
// is the ip-detect address) [inferred]. Agent resources in "Registered agent" are a typical m4.xlarge agent [inferred].
const AGENT_RESOURCES = 'cpus:4; mem:14019; disk:35572; ports:[1025-2180, 2182-3887, 3889-5049, 5052-8079, 8082-8180, 8182-32000]';
const masterPid = (ip: string) => `master@${ip}:5050`;
const agentPid = (ip: string) => `slave(1)@${ip}:5051`;

// Mesos' SIGTERM handler (src/logging/logging.cpp:92 @1.5.3): systemd's kill() is SI_USER from PID 1, user 0. RAW_LOG
// writes glog's prefix plus "RAW: " (glog src/raw_logging.cc DoRawLog format, code index id 14857218812).
const sigterm = (): ProcessLine[] => [{ ...glog('mesos.sigterm', 'W', 'logging.cpp', 92, 'RAW: Received signal SIGTERM from process 1 of user 0; exiting'), priority: PRIORITY.info }];

const mesosMaster: ProcessSpec = {
  identifier: 'mesos-master', // dcos/dcos@1.11.13 packages/mesos/extra/dcos-mesos-master.service:10 SyslogIdentifier=mesos-master
  // A master that starts while another leads detects it at once (Master::detected).
  ready: (c) => [
    glog('mesos-master.started', 'I', 'master.cpp', 460, `Master ${c.mesosId(c.node)} (${c.ip}) started on ${c.ip}:5050`),
    ...(c.mesosLeader !== null && c.mesosLeader !== c.node
      ? [glog('mesos-master.new-leader', 'I', 'master.cpp', 2270, `The newly elected leader is ${masterPid(c.ipOf(c.mesosLeader))} with id ${c.mesosId(c.mesosLeader)}`)]
      : []),
  ],
  hears: (c, hap) => {
    if (hap.kind === 'leader' && hap.role === 'mesos') {
      if (hap.node === c.node) return [glog('mesos-master.elected', 'I', 'master.cpp', 2257, 'Elected as the leading master!', { kind: 'leader', unit: 'dcos-mesos-master', to: 'mesos' })];
      if (hap.node !== null) return [glog('mesos-master.new-leader', 'I', 'master.cpp', 2270, `The newly elected leader is ${masterPid(c.ipOf(hap.node))} with id ${c.mesosId(hap.node)}`)];
      return [glog('mesos-master.no-leader', 'I', 'master.cpp', 2308, 'No master was elected.')];
    }
    if (hap.kind === 'agent' && c.mesosLeader === c.node) {
      const slave = `${c.mesosId(hap.node)} at ${agentPid(c.ipOf(hap.node))} (${c.ipOf(hap.node)})`;
      if (hap.registered) {
        return c.registeredBefore
          ? [glog('mesos-master.reregistered-agent', 'I', 'master.cpp', 6953, `Re-registered agent ${slave} with ${AGENT_RESOURCES}`)]
          : [glog('mesos-master.registered-agent', 'I', 'master.cpp', 6401, `Registered agent ${slave} with ${AGENT_RESOURCES}`)];
      }
      if (!hap.unreachable) return [glog('mesos-master.agent-disconnected', 'I', 'master.cpp', 1338, `Agent ${slave} disconnected`)];
    }
    return [];
  },
  // stout EXIT() logs through glog at ERROR with "EXIT with status N: " (3rdparty/stout/include/stout/exit.hpp @1.5.3).
  // Recovery failed: master.cpp:1711 `LOG(FATAL) << message << ": " << failure` with registrar.cpp:261's
  // "Failed to perform fetch within " + stringify(registry_fetch_timeout) (stout prints 60 s as "1mins").
  exiting: (_c, _exit, cause) => {
    if (/Lost candidacy as a leader/.test(cause)) return [glog('mesos-master.lost-candidacy', 'E', 'master.cpp', 2231, 'EXIT with status 1: Lost candidacy as a leader... committing suicide!')];
    if (/Recovery failed/.test(cause)) return [glog('mesos-master.recovery-failed', 'F', 'master.cpp', 1711, 'Recovery failed: Failed to recover registrar: Failed to perform fetch within 1mins')];
    return [];
  },
  stopping: sigterm,
  recognise: [
    { template: 'mesos.sigterm', re: /^RAW: Received signal SIGTERM(?: from process \d+ of user \d+)?; exiting$/ },
    { template: 'mesos-master.started', re: /^Master \S+ \(\S+\) started on \S+$/ },
    { template: 'mesos-master.elected', re: /^Elected as the leading master!$/, fact: () => ({ kind: 'leader', unit: 'dcos-mesos-master', to: 'mesos' }) },
    { template: 'mesos-master.new-leader', re: /^The newly elected leader is master@\S+ with id \S+$/ },
    { template: 'mesos-master.no-leader', re: /^No master was elected\.$/ },
    { template: 'mesos-master.registered-agent', re: /^Registered agent \S+ at slave\(\d+\)@\S+ \(\S+\) with / },
    { template: 'mesos-master.reregistered-agent', re: /^Re-registered agent \S+ at slave\(\d+\)@\S+ \(\S+\) with / },
    { template: 'mesos-master.agent-disconnected', re: /^Agent \S+ at slave\(\d+\)@\S+ \(\S+\) disconnected$/ },
    { template: 'mesos-master.recovery-failed', re: /^Recovery failed: / },
    { template: 'mesos-master.lost-candidacy', re: /^EXIT with status 1: Lost candidacy as a leader\.\.\. committing suicide!$/ },
  ],
};

const mesosAgent = (unit: string): ProcessSpec => ({
  identifier: 'mesos-agent', // dcos/dcos@1.11.13 packages/mesos/extra/dcos-mesos-slave(-public).service:12
  ready: (c) => [
    glog('mesos-agent.started', 'I', 'slave.cpp', 255, `Mesos agent started on (1)@${c.ip}:5051`),
    ...(c.mesosLeader !== null ? [glog('mesos-agent.new-master', 'I', 'slave.cpp', 1256, `New master detected at ${masterPid(c.ipOf(c.mesosLeader))}`)] : []),
  ],
  hears: (c, hap) => {
    if (hap.kind === 'leader' && hap.role === 'mesos') {
      if (hap.node === null) return [glog('mesos-agent.lost-master', 'I', 'slave.cpp', 1249, 'Lost leading master', { kind: 'agent', unit, to: 'disconnected' })];
      return [glog('mesos-agent.new-master', 'I', 'slave.cpp', 1256, `New master detected at ${masterPid(c.ipOf(hap.node))}`)];
    }
    if (hap.kind === 'agent' && hap.node === c.node && hap.registered && c.mesosLeader !== null) {
      const fact: JournalFactBody = { kind: 'agent', unit, to: 'registered' };
      return c.registeredBefore
        ? [glog('mesos-agent.reregistered', 'I', 'slave.cpp', 1583, `Re-registered with master ${masterPid(c.ipOf(c.mesosLeader))}`, fact)]
        : [glog('mesos-agent.registered', 'I', 'slave.cpp', 1480, `Registered with master ${masterPid(c.ipOf(c.mesosLeader))}; given agent ID ${c.mesosId(c.node)}`, fact)];
    }
    return [];
  },
  stopping: sigterm,
  recognise: [
    { template: 'mesos.sigterm', re: /^RAW: Received signal SIGTERM(?: from process \d+ of user \d+)?; exiting$/ },
    { template: 'mesos-agent.started', re: /^Mesos agent started on \S+$/ },
    { template: 'mesos-agent.lost-master', re: /^Lost leading master$/, fact: () => ({ kind: 'agent', unit, to: 'disconnected' }) },
    { template: 'mesos-agent.new-master', re: /^New master detected at master@\S+$/ },
    { template: 'mesos-agent.registered', re: /^Registered with master master@\S+; given agent ID \S+$/, fact: () => ({ kind: 'agent', unit, to: 'registered' }) },
    { template: 'mesos-agent.reregistered', re: /^Re-registered with master master@\S+$/, fact: () => ({ kind: 'agent', unit, to: 'registered' }) },
  ],
});

// Marathon 1.6: mesosphere/marathon v1.6.590, logback pattern `[%date] %-5level %message \(%logger:%thread\)` from
// src/main/resources/logback.xml (the %highlight colour codes are left out: journald stores what a pipe gets).
// Thread names are [inferred] (Akka dispatcher names vary by version).
const logback = (template: string, level: 'INFO' | 'ERROR', logger: string, message: string, fact?: JournalFactBody): ProcessLine => ({
  template, message, priority: PRIORITY.info, transport: 'stdout', layout: { style: 'logback', level, logger, thread: 'marathon-akka.actor.default-dispatcher-2' }, ...(fact ? { fact } : {}),
});
const ZK_HOSTS = 'zk://zk-1.zk:2181,zk-2.zk:2181,zk-3.zk:2181,zk-4.zk:2181,zk-5.zk:2181';
const frameworkId = (c: ProcessCtx) => `${c.mesosId('master-1')}-0001`;

const marathon: ProcessSpec = {
  identifier: 'marathon.sh', // ExecStart=/opt/mesosphere/bin/marathon.sh (dcos/dcos@1.11.13 packages/marathon/build:48)
  // Main.scala:122; version from packages/marathon/buildinfo.json (marathon-1.6.585-3e0898228); the flags are [inferred].
  ready: () => [logback('marathon.starting', 'INFO', 'mesosphere.marathon.Main$', `Starting Marathon 1.6.585/3e0898228 with --zk ${ZK_HOSTS}/marathon --master ${ZK_HOSTS}/mesos`)],
  hears: (c, hap) => {
    if (hap.kind !== 'leader' || hap.role !== 'marathon') return [];
    const stream = 'mesosphere.marathon.core.election.CuratorElectionStream$';
    // core/election/CuratorElectionStream.scala:53 / :55 / :57; MarathonScheduler.scala:41 (registered).
    if (hap.node === c.node) {
      return [
        logback('marathon.leader-won', 'INFO', stream, `Leader won: ${c.ip}:8080`, { kind: 'leader', unit: 'dcos-marathon', to: 'marathon' }),
        ...(c.mesosLeader !== null ? [logback('marathon.registered', 'INFO', 'mesosphere.marathon.MarathonScheduler', `Registered as ${frameworkId(c)} to master '${c.mesosId(c.mesosLeader)}'`)] : []),
      ];
    }
    if (hap.node !== null) return [logback('marathon.leader-defeated', 'INFO', stream, `Leader defeated. Current leader: ${c.ipOf(hap.node)}:8080`)];
    return [logback('marathon.leader-unknown', 'INFO', stream, 'Leader unknown.')];
  },
  exiting: (_c, exit) => {
    // CrashStrategy.scala: 100 ZookeeperConnectionFailure, 103 LeadershipLoss.
    if (exit.code === 'exited' && exit.status === 103) return [logback('marathon.lost-leadership', 'ERROR', 'mesosphere.marathon.core.election.ElectionService$', 'Lost leadership; crashing')];
    if (exit.code === 'exited' && exit.status === 100) {
      return [logback('marathon.zk-connect-failed', 'ERROR', 'mesosphere.marathon.core.storage.store.impl.zk.RichCuratorFramework', 'Failed to connect to ZK. Marathon will exit now.')];
    }
    return [];
  },
  stopExit: JVM_STOP,
  recognise: [
    { template: 'marathon.starting', re: /^Starting Marathon \S+ with / },
    { template: 'marathon.leader-won', re: /^Leader won: \S+$/, fact: () => ({ kind: 'leader', unit: 'dcos-marathon', to: 'marathon' }) },
    { template: 'marathon.registered', re: /^Registered as \S+ to master '\S+'$/ },
    { template: 'marathon.leader-defeated', re: /^Leader defeated\. Current leader: \S+$/ },
    { template: 'marathon.leader-unknown', re: /^Leader unknown\.$/ },
    { template: 'marathon.lost-leadership', re: /^Lost leadership; crashing$/ },
    { template: 'marathon.zk-connect-failed', re: /^Failed to connect to ZK\. Marathon will exit now\.$/ },
  ],
};

// Mesos-DNS 114915e5 (dcos/1.11): logging/logging.go:103 `Error = log.New(os.Stderr, "ERROR: ", Ldate|Ltime|Lshortfile)`;
// DC/OS runs it without -v (packages/mesos-dns/extra/dcos-mesos-dns.service:15), so its VERBOSE lines are discarded
// and a healthy Mesos-DNS writes nothing of its own: its readiness shows only as systemd's "Started Mesos DNS".
const mesosDns: ProcessSpec = {
  identifier: 'mesos-dns',
  exiting: (_c, _exit, cause) =>
    /master detection timed out after 30s/.test(cause)
      ? [{ template: 'mesos-dns.detection-timeout', message: 'master detection timed out after 30s', priority: PRIORITY.info, transport: 'stdout', layout: { style: 'go', prefix: 'ERROR', file: 'main.go', line: 91 } }]
      : [],
  recognise: [{ template: 'mesos-dns.detection-timeout', re: /^master detection timed out after \S+$/ }],
};

// ZooKeeper 3.4.14 under Exhibitor: dcos/dcos@1.11.13 packages/exhibitor/extra/start_exhibitor.py:108-116 writes
// log4j.properties with de.bwaldvogel's SystemdJournalAppenderWithLayout and `[myid:%X{myid}] %-5p [%t:%C{1}@%L] - %m`,
// so ZooKeeper logs straight to the journal (PRIORITY from the level; no SYSLOG_IDENTIFIER is configured, so
// journalctl names it by _COMM, `java`) [inferred: _COMM]. Lines: apache/zookeeper release-3.4.14
// zookeeper-server/.../quorum/Leader.java:380 "LEADING - LEADER ELECTION TOOK - {}", Follower.java:65
// "FOLLOWING - LEADER ELECTION TOOK - {}", QuorumPeer.java:910 "LOOKING". Fresh ensembles elect the highest myid
// (FastLeaderElection.totalOrderPredicate: equal epochs and zxids, the larger server id wins).
const zkLine = (template: string, c: ProcessCtx, cls: string, line: number, message: string, fact: JournalFactBody): ProcessLine => {
  const myid = String(c.node.replace(/^master-/, ''));
  return {
    template, message, priority: PRIORITY.info, transport: 'journal', fact,
    layout: { style: 'log4j', myid, level: 'INFO', thread: `QuorumPeer[myid=${myid}]/0:0:0:0:0:0:0:0:2181`, cls, line },
  };
};
const exhibitor: ProcessSpec = {
  identifier: 'java',
  hears: (c, hap) => {
    if (hap.kind !== 'quorum') return [];
    if (hap.formed && !hap.wasFormed) {
      const leader = c.zkServing[c.zkServing.length - 1];
      const took = c.electionMs;
      return leader === c.node
        ? [zkLine('zookeeper.leading', c, 'Leader', 380, `LEADING - LEADER ELECTION TOOK - ${took}`, { kind: 'quorum', unit: 'dcos-exhibitor', to: 'formed' })]
        : [zkLine('zookeeper.following', c, 'Follower', 65, `FOLLOWING - LEADER ELECTION TOOK - ${took}`, { kind: 'quorum', unit: 'dcos-exhibitor', to: 'formed' })];
    }
    if (!hap.formed && hap.wasFormed) return [zkLine('zookeeper.looking', c, 'QuorumPeer', 910, 'LOOKING', { kind: 'quorum', unit: 'dcos-exhibitor', to: 'looking' })];
    return [];
  },
  stopExit: JVM_STOP,
  recognise: [
    { template: 'zookeeper.leading', re: /^LEADING - LEADER ELECTION TOOK - \d+/, fact: () => ({ kind: 'quorum', unit: 'dcos-exhibitor', to: 'formed' }) },
    { template: 'zookeeper.following', re: /^FOLLOWING - LEADER ELECTION TOOK - \d+/, fact: () => ({ kind: 'quorum', unit: 'dcos-exhibitor', to: 'formed' }) },
    { template: 'zookeeper.looking', re: /^LOOKING$/, fact: () => ({ kind: 'quorum', unit: 'dcos-exhibitor', to: 'looking' }) },
  ],
};

// Units whose process writes nothing the model can stand behind get no entry (systemd's lines only):
// dcos-net: its lager console backend logs errors only (dcos/dcos-net@1b5e98d3 config/sys.config:52-53), and the
//   model's dcos-net never errs in words; dcos-adminrouter(-agent), dcos-diagnostics, dcos-oauth, dcos-history,
//   dcos-metrics-*, dcos-log-*: not read here, so no lines are invented for them.
// JVM services without templates still exit 143 on SIGTERM.
const jvmOnly: ProcessSpec = { identifier: 'java', stopExit: JVM_STOP, recognise: [] };

export const PROCESS_REGISTRY: Readonly<Record<string, ProcessSpec>> = {
  'dcos-mesos-master': mesosMaster,
  'dcos-mesos-slave': mesosAgent('dcos-mesos-slave'),
  'dcos-mesos-slave-public': mesosAgent('dcos-mesos-slave-public'),
  'dcos-marathon': marathon,
  'dcos-mesos-dns': mesosDns,
  'dcos-exhibitor': exhibitor,
  'dcos-metronome': { ...jvmOnly, identifier: 'metronome' }, // ExecStart=/opt/mesosphere/bin/metronome (packages/metronome/build:32)
  'dcos-cosmos': jvmOnly, // ExecStart=/opt/mesosphere/bin/java (packages/cosmos/build:27)
};

/**
 * SYSLOG_IDENTIFIER of a unit with no process entry: the executable's name from its ExecStart= in
 * dcos/dcos@1.11.13 packages/<pkg>/extra/<unit>.service (systemd.exec(5): it defaults to the process name).
 */
export const EXEC_IDENTIFIERS: Readonly<Record<string, string>> = {
  'dcos-net': 'dcos-net-env',
  'dcos-net-watchdog': 'dcos-net-watchdog.py',
  'dcos-gen-resolvconf': 'gen_resolvconf.py',
  'dcos-pkgpanda-api': 'pkgpanda-api.sh',
  'dcos-adminrouter': 'adminrouter.sh',
  'dcos-adminrouter-agent': 'adminrouter.sh',
  'dcos-diagnostics': 'dcos-diagnostics',
  'dcos-oauth': 'dcos-oauth',
  'dcos-history': 'gunicorn',
  'dcos-signal': 'dcos-signal',
  'dcos-metrics-master': 'dcos-metrics',
  'dcos-metrics-agent': 'dcos-metrics',
  'dcos-log-master': 'dcos-log',
  'dcos-log-agent': 'dcos-log',
  'dcos-logrotate-master': 'logrotate',
  'dcos-logrotate-agent': 'logrotate',
  'dcos-rexray': 'rexray',
  'dcos-checks-poststart': 'dcos-diagnostics',
};

export function identifierOf(unit: string): string {
  return PROCESS_REGISTRY[unit]?.identifier ?? EXEC_IDENTIFIERS[unit] ?? unit;
}
