// DC/OS 1.11 timing defaults (design/dcos-model.md §5.8), integer milliseconds. Each constant names its
// source; values tagged [inferred] are our own assumptions (no source gives them).
// Invariant: the engine reads every timing from here or from a unit's catalog entry, never a literal.

/** dcos-diagnostics pull interval (diag cmd/daemon.go `pull-interval`). */
export const DIAGNOSTICS_PULL_MS = 60_000;
/** dcos-diagnostics per-node pull timeout (diag cmd/daemon.go `pull-timeout`). */
export const DIAGNOSTICS_PULL_TIMEOUT_MS = 3_000;

/** Mesos-DNS `refreshSeconds` (dcos-config.yaml /etc/mesos-dns.json). */
export const MESOS_DNS_REFRESH_MS = 30_000;
/** Mesos-DNS record TTL (dcos-config.yaml). */
export const MESOS_DNS_TTL_MS = 60_000;
/** Mesos-DNS `zkDetectionTimeout`: no leader for this long and the process exits (mdns main.go). */
export const MESOS_DNS_ZK_DETECTION_TIMEOUT_MS = 30_000;
/** Time for Mesos-DNS to fetch /master/state.json and generate records once a leader is known [inferred]. */
export const MESOS_DNS_LOAD_MS: [number, number] = [300, 1_500];

/** Admin Router Lua cache: first poll after start, then poll period (cache.lua). */
export const ADMINROUTER_FIRST_POLL_MS = 2_000;
export const ADMINROUTER_POLL_MS = 25_000;

/** ZooKeeper session timeout negotiated by Mesos and Marathon (mesos constants; ZookeeperConf). */
export const ZK_SESSION_TIMEOUT_MS = 10_000;
/** ZooKeeper tickTime / initLimit / syncLimit (start_exhibitor.py). */
export const ZK_TICK_MS = 2_000;
export const ZK_INIT_LIMIT_MS = 20_000;
export const ZK_SYNC_LIMIT_MS = 10_000;
/** Exhibitor check-ms (multi-master / single master) (start_exhibitor.py). */
export const EXHIBITOR_CHECK_MS = 30_000;
export const EXHIBITOR_CHECK_SINGLE_MS = 2_000;
/**
 * First-boot Exhibitor ensemble convergence (auto-manage-instances agreeing on the server list and ZooKeeper
 * forming its first quorum). Docs say "about 10 minutes" worst case; we use a seeded, shorter range so a class
 * sees a boot in 4-8 minutes [inferred].
 */
export const EXHIBITOR_CONVERGE_MS: [number, number] = [120_000, 210_000];
export const EXHIBITOR_CONVERGE_SINGLE_MS: [number, number] = [8_000, 15_000];
/** ZooKeeper process start after Exhibitor launches it with an existing config (restart, reboot) [inferred]. */
export const ZK_START_MS: [number, number] = [3_000, 8_000];

/** Mesos master registry fetch/store timeouts (DC/OS dcos-config.yaml). */
export const MESOS_REGISTRY_FETCH_TIMEOUT_MS = 60_000;
/** ZK leader election + registrar recovery when replicas are available: seconds [inferred]. */
export const MESOS_ELECTION_MS: [number, number] = [1_000, 3_000];
/** Agent ping timeout x max timeouts = 15 s x 20 (mesos flags + DC/OS config). */
export const AGENT_PING_TIMEOUT_MS = 15_000;
export const MAX_AGENT_PING_TIMEOUTS = 20;
export const AGENT_UNREACHABLE_MS = AGENT_PING_TIMEOUT_MS * MAX_AGENT_PING_TIMEOUTS;
/** At most one agent marked unreachable per this period (DC/OS `MESOS_SLAVE_REMOVAL_RATE_LIMIT=1/20mins`). */
export const AGENT_REMOVAL_RATE_LIMIT_MS = 20 * 60_000;
/**
 * Marathon 1.6 `unreachableStrategy` defaults (partition-aware): an instance unreachable this long is inactive and
 * a replacement launches (`inactiveAfterSeconds` 300); this long and it is expunged, killed if it comes back
 * (`expungeAfterSeconds` 600) (Marathon docs "Task Handling Configuration"; dcos-model.md §5.5a).
 */
export const MARATHON_INACTIVE_AFTER_MS = 300_000;
export const MARATHON_EXPUNGE_AFTER_MS = 600_000;
/** Agent re-registration window after master failover (mesos `agent_reregister_timeout`). */
export const AGENT_REREGISTER_TIMEOUT_MS = 600_000;
/** Agent registration backoff factor: waits uniform [0, 1 s] before registering (mesos slave constants). */
export const AGENT_REGISTRATION_BACKOFF_MS = 1_000;

/** Marathon framework registration with the Mesos leader after winning its election [inferred]. */
export const MARATHON_REGISTER_MS: [number, number] = [1_000, 3_000];
/** Marathon's own ZK leader election (Curator LeaderLatch) [inferred]. */
export const MARATHON_ELECTION_MS: [number, number] = [500, 2_000];

/** Each ExecStartPre attempt costs a little time (ping, bootstrap startup) [inferred]. */
export const GATE_ATTEMPT_MS = 200;
/** Per-node power-on jitter before systemd starts dcos.target [inferred]. */
export const NODE_BOOT_JITTER_MS: [number, number] = [0, 15_000];
/** Per-unit jitter after dcos.target starts (systemd starts everything in parallel) [inferred]. */
export const UNIT_START_JITTER_MS: [number, number] = [0, 2_000];

/** Task staging -> running on an agent (fetch + container start) [inferred]. */
export const TASK_START_MS: [number, number] = [2_000, 6_000];
/** A scheduler service's own start before it looks up leader.mesos [inferred]. */
export const SCHEDULER_INIT_MS: [number, number] = [5_000, 10_000];

/** dcos-net-watchdog probe period and the number of failed probes before it SIGKILLs dcos-net (watchdog.py). */
export const NET_WATCHDOG_PERIOD_MS = 60_000;
export const NET_WATCHDOG_FAILURES = 2;
