// Boot milestones for the run summary: when each cluster-wide fact first became true (ZooKeeper quorum, the
// Mesos leader, leader.mesos, Marathon, the UI, every agent registered, 3DT healthy). This is the "boot
// sequence" of one run at a glance, in the dependency order a teacher explains.
// Invariant: fed every event once, in order; each milestone is set at most once (the first time).
import type { ClusterConfig, SimEvent } from '../../shared/engine/types.ts';

export interface BootMilestones {
  zkQuorum: number | null;
  mesosLeader: number | null;
  leaderMesosResolves: number | null;
  marathonLeader: number | null;
  uiReachable: number | null;
  allAgentsRegistered: number | null;
  clusterHealthy: number | null;
}

export const MILESTONE_LABELS: Record<keyof BootMilestones, string> = {
  zkQuorum: 'ZooKeeper quorum',
  mesosLeader: 'Mesos leader elected',
  leaderMesosResolves: 'leader.mesos resolves',
  allAgentsRegistered: 'all agents registered',
  marathonLeader: 'Marathon leader',
  uiReachable: 'UI reachable (Admin Router)',
  clusterHealthy: 'cluster healthy (3DT)',
};

export class MilestoneTracker {
  readonly at: BootMilestones = {
    zkQuorum: null,
    mesosLeader: null,
    leaderMesosResolves: null,
    marathonLeader: null,
    uiReachable: null,
    allAgentsRegistered: null,
    clusterHealthy: null,
  };
  private readonly registered = new Set<string>();
  private readonly agentsWanted: number;

  constructor(cluster: ClusterConfig) {
    this.agentsWanted = cluster.agents + cluster.publicAgents;
    if (this.agentsWanted === 0) this.at.allAgentsRegistered = 0;
  }

  // No closure inside observe(): it runs once per event, and under tsx every inner named function is re-wrapped by
  // esbuild's __name (Object.defineProperty) on each call, which cost ~5% of a 10,000-agent CLI run.
  observe(e: SimEvent): void {
    const t = e.simTimeMs;
    switch (e.type) {
      case 'quorum':
        if (e.have >= e.need) this.first('zkQuorum', t);
        break;
      case 'leader':
        if (e.node !== null) this.first(e.role === 'mesos' ? 'mesosLeader' : 'marathonLeader', t);
        break;
      case 'dns':
        if (e.name === 'leader.mesos' && e.value !== null) this.first('leaderMesosResolves', t);
        break;
      case 'availability':
        if (e.availability.uiReachable) this.first('uiReachable', t);
        break;
      case 'cluster':
        if (e.health === 'healthy') this.first('clusterHealthy', t);
        break;
      case 'agent':
        if (e.registered) this.registered.add(e.node);
        else this.registered.delete(e.node);
        if (this.registered.size >= this.agentsWanted) this.first('allAgentsRegistered', t);
        break;
      default:
        break;
    }
  }

  private first(key: keyof BootMilestones, t: number): void {
    if (this.at[key] === null) this.at[key] = t;
  }
}
