// Every numbered step and sub-step of the DC/OS "Boot Sequence" page (design/seed/boot-sequence.txt, the 1.9/1.10
// text) with a stable id: "master.3.3" = master section, step 3, sub-step 3. The engine emits a `step` event with
// the id when the simulation actually does that thing (rules/steps.ts says where).
// Invariant: ids are unique and never renamed (tests and the dashboard key on them); text is the page's text.
import type { Role } from './vocabulary.ts';

export interface BootStep {
  id: string;
  text: string;
  /** The node role it happens on; null for services / scheduler services (cluster-level). */
  role: Role | null;
}

export { BOOT_SEQUENCE_PAGE } from './bootSequencePage.ts';

export const BOOT_STEPS: readonly BootStep[] = [
  { id: 'master.1', text: 'DC/OS Diagnostics (3DT) starts', role: 'master' },
  { id: 'master.1.1', text: 'Polls systemd for component status', role: 'master' },
  { id: 'master.1.2', text: 'Reports node unhealthy until all components (systemd services) are healthy', role: 'master' },
  { id: 'master.1.3', text: 'Reports cluster unhealthy until all master nodes are healthy', role: 'master' },
  { id: 'master.2', text: 'Exhibitor starts', role: 'master' },
  { id: 'master.2.1', text: 'Creates ZooKeeper configuration and launches ZooKeeper', role: 'master' },
  { id: 'master.3', text: 'Mesos Master starts', role: 'master' },
  { id: 'master.3.1', text: 'Registers with local ZooKeeper', role: 'master' },
  { id: 'master.3.2', text: 'Discovers other Mesos Masters from ZooKeeper', role: 'master' },
  { id: 'master.3.3', text: 'Elects a leading master', role: 'master' },
  { id: 'master.4', text: 'Mesos-DNS starts', role: 'master' },
  { id: 'master.4.1', text: 'Discovers leading Mesos Master (from zk or local mesos-master?)', role: 'master' },
  { id: 'master.4.2', text: 'Polls leading Mesos Master for cluster state', role: 'master' },
  { id: 'master.5', text: 'Networking components start', role: 'master' },
  { id: 'master.5.1', text: 'Forwards DNS lookups to Mesos-DNS', role: 'master' },
  { id: 'master.5.2', text: 'Initializes VIP translation', role: 'master' },
  { id: 'master.5.3', text: 'Initializes overlay network', role: 'master' },
  { id: 'master.6', text: 'Container orchestration components start', role: 'master' },
  { id: 'master.6.1', text: 'Registers with local ZooKeeper', role: 'master' },
  { id: 'master.6.2', text: 'Elects a leading master', role: 'master' },
  { id: 'master.6.3', text: 'Discovers leading Mesos Master from Mesos-DNS', role: 'master' },
  { id: 'master.6.4', text: 'Leader registers with leading Mesos Master', role: 'master' },
  { id: 'master.7', text: 'Logging and Metrics components start', role: 'master' },
  { id: 'master.8', text: 'Security components start', role: 'master' },
  { id: 'master.9', text: 'Admin Router starts', role: 'master' },
  { id: 'master.9.1', text: 'Discovers leading Mesos Master from Mesos-DNS', role: 'master' },
  { id: 'master.9.2', text: 'Discovers leading Marathon from Mesos-DNS', role: 'master' },
  { id: 'master.9.3', text: 'Redirects unauthorized traffic to authentication components', role: 'master' },
  { id: 'master.9.4', text: 'Proxies API and GUI traffic to discovered components', role: 'master' },
  { id: 'master.9.5', text: 'Proxies admin service traffic to DC/OS services', role: 'master' },
  { id: 'master.9.6', text: 'Serves DC/OS GUI', role: 'master' },
  { id: 'agent.1', text: 'DC/OS Diagnostics (3DT) starts', role: 'agent' },
  { id: 'agent.1.1', text: 'Polls systemd for component status', role: 'agent' },
  { id: 'agent.1.2', text: 'Reports node unhealthy until all components (systemd services) are healthy', role: 'agent' },
  { id: 'agent.2', text: 'Mesos Agent starts', role: 'agent' },
  { id: 'agent.2.1', text: 'Discovers leading Mesos Master from ZooKeeper', role: 'agent' },
  { id: 'agent.2.2', text: 'Registers with leading Mesos Master', role: 'agent' },
  { id: 'agent.2.3', text: 'Leading Mesos Master connects to the new agent using registered agent IP', role: 'agent' },
  { id: 'agent.2.4', text: "Leading Mesos Master starts offering the new agent's resources to schedulers for new tasks", role: 'agent' },
  { id: 'agent.2.5', text: 'New DC/OS node become visible in the DC/OS API, GUI, and CLI', role: 'agent' },
  { id: 'agent.3', text: 'Networking components start', role: 'agent' },
  { id: 'agent.3.1', text: 'Forwards DNS lookups to Mesos-DNS', role: 'agent' },
  { id: 'agent.3.2', text: 'Initializes VIP translation', role: 'agent' },
  { id: 'agent.3.3', text: 'Initializes overlay network', role: 'agent' },
  { id: 'agent.4', text: 'Logging and Metrics components start', role: 'agent' },
  { id: 'agent.5', text: 'Admin Router Agent starts', role: 'agent' },
  { id: 'agent.5.1', text: 'Discovers leading Mesos Master from Mesos-DNS', role: 'agent' },
  { id: 'agent.5.2', text: 'Proxies internal API traffic to discovered components', role: 'agent' },
  { id: 'service.1', text: 'Leading Mesos Master offers agent node resources to Marathon', role: null },
  { id: 'service.2', text: 'Leading Marathon schedules the service onto agent nodes with sufficient resources', role: null },
  { id: 'service.3', text: 'Mesos Agent starts the service as one or more containerized tasks', role: null },
  { id: 'scheduler.1', text: 'Leading Mesos Master offers agent node resources to Marathon', role: null },
  { id: 'scheduler.2', text: 'Leading Marathon schedules the service onto agent nodes with sufficient resources', role: null },
  { id: 'scheduler.3', text: 'Mesos Agent starts the service as one or more containerized tasks', role: null },
  { id: 'scheduler.4', text: 'Scheduler service discovers leading Mesos Master from Mesos-DNS', role: null },
  { id: 'scheduler.5', text: 'Scheduler service registers with leading Mesos Master', role: null },
  { id: 'scheduler.6', text: 'Leading Mesos Master starts offering agent node resources to the new scheduler service', role: null },
];

const BY_ID: Record<string, BootStep> = Object.fromEntries(BOOT_STEPS.map((s) => [s.id, s]));

/** The step with that id; throws on an unknown id (a programming error in the engine, caught by tests). */
export function bootStep(id: string): BootStep {
  const step = BY_ID[id];
  if (!step) throw new Error(`unknown boot step '${id}'`);
  return step;
}
