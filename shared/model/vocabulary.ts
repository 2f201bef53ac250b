// The DC/OS vocabulary every layer speaks (architecture.md §1): node roles, unit and task states, health, the
// cluster shape and causes. Owned by shared/model; the engine, the protocol and the web import it from here.
// Invariant: plain JSON values only; each *_STATES list holds exactly its union's members.

/** Node roles, spelled as dcos-diagnostics spells them. */
export type Role = 'master' | 'agent' | 'agent_public';

export type UnitState = 'pending' | 'waiting' | 'starting' | 'healthy' | 'unhealthy' | 'failed' | 'stopped';
export const UNIT_STATES: readonly UnitState[] = ['pending', 'waiting', 'starting', 'healthy', 'unhealthy', 'failed', 'stopped'];

/** Health as events carry it; the HTTP API maps it to 0 / 1 / 3. */
export type Health = 'healthy' | 'unhealthy' | 'unknown';

export interface ClusterConfig {
  masters: 1 | 3 | 5;
  agents: number;
  publicAgents: number;
}

/**
 * Why something happened. `refs` point at what it depends on: `node/unit` ids ("master-1/dcos-exhibitor"),
 * node ids ("agent-2"), facts ("fact:quorum", "fact:leader.mesos", "fact:mesos-leader",
 * "fact:marathon-leader", "fact:cluster-id") or faults ("fault:<seq>").
 */
export interface Cause {
  text: string;
  refs?: string[];
}

export type MesosRole = 'mesos' | 'marathon';
/**
 * Mesos task states as a partition-aware framework (Marathon 1.6) sees them: `unreachable` (TASK_UNREACHABLE) while
 * its agent is marked unreachable, `gone` (TASK_GONE) when the agent came back without it (rebooted); `lost` is
 * what frameworks that are not partition-aware get, kept for completeness.
 */
export type TaskState = 'staging' | 'running' | 'unreachable' | 'gone' | 'lost' | 'killed' | 'failed';
export const TASK_STATES: readonly TaskState[] = ['staging', 'running', 'unreachable', 'gone', 'lost', 'killed', 'failed'];
