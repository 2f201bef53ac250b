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

  observe(e: SimEvent): void {
    const t = e.simTimeMs;
    const first = (key: keyof BootMilestones) => {
      if (this.at[key] === null) this.at[key] = t;
    };
    switch (e.type) {
      case 'quorum':
        if (e.have >= e.need) first('zkQuorum');
        break;
      case 'leader':
        if (e.node !== null) first(e.role === 'mesos' ? 'mesosLeader' : 'marathonLeader');
        break;
      case 'dns':
        if (e.name === 'leader.mesos' && e.value !== null) first('leaderMesosResolves');
        break;
      case 'availability':
        if (e.availability.uiReachable) first('uiReachable');
        break;
      case 'cluster':
        if (e.health === 'healthy') first('clusterHealthy');
        break;
      case 'agent':
        if (e.registered) this.registered.add(e.node);
        else this.registered.delete(e.node);
        if (this.registered.size >= this.agentsWanted) first('allAgentsRegistered');
        break;
      default:
        break;
    }
  }
}
