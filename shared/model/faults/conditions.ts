// Fault kinds that are a condition of a node rather than an action: they change nothing at once but change how
// later things go, until `clear`. Each models only effects a source supports (below), and exports the one
// question the rules ask about it, answered from the active-fault list (no extra engine state).
//
// slow-disk: ZooKeeper fsyncs its transaction log before acknowledging every write, on the leader and on every
// follower, so a slow or busy disk under the log stalls that server ("fsync-ing the write ahead log in
// SyncThread:N took ...ms which will adversely effect operation latency"; ZooKeeper admin guide, "the
// transaction log must be on a dedicated device"). A follower that cannot keep up within syncLimit (DC/OS: 5
// ticks x 2 s = 10 s, start_exhibitor.py) is dropped by the leader ("Closing connection to peer due to
// transaction timeout", LearnerHandler), and the clients of a stalled server see timeouts and session
// expirations (cwiki.apache.org/confluence/display/ZOOKEEPER/Troubleshooting; github.com/sitewhere/sitewhere
// issue 966, a follower on a mechanical disk; netdata.cloud guide "ZooKeeper fsync-ing the write ahead log
// took too long"). Modelled: on a master, ZooKeeper there stops serving (out of the quorum) while the disk is
// slow, so its clients lose their connection (oauth at 127.0.0.1:2181, Marathon / Metronome connected to it)
// and exhibitor.wait on every master fails; with one master that is the quorum, and the Mesos leader's session
// expires. On any node, unit starts (exec to ready) take `factor` times as long [inferred: the processes read
// their packages and state from that disk]. Not modelled: which server each Mesos master's ZooKeeper client
// happens to use (the simulator does not track it), the dropped follower rejoining and falling behind again,
// and Exhibitor restarting a server that stays "not serving" for 40 s.
//
// clock-unsync: dcos-net and dcos-metronome run ExecStartPre=/opt/mesosphere/bin/check-time (dcos-model.md §1.3,
// §2.1-2.2), which asks the kernel (adjtimex) whether the clock is synchronised and fails with "Time is not
// synchronized / marked as bad by the kernel." (github.com/d2iq-archive/mesos-dns issue 482). The unit then sits
// in "activating (auto-restart)" with ExecStartPre=check-time status=1/FAILURE, retrying every RestartSec until
// ntpd / chrony / timesyncd syncs the clock (github.com/Azure/acs-engine issue 565, dcos-navstar 1.9). A running
// process is not affected: the check runs only when the unit (re)starts. Exhibitor gained the gate in 1.12
// (github.com/dcos/dcos pull 3594), so it is not gated here.
import { z } from 'zod';
import { roleOfNode } from '../cluster.ts';
import type { ActiveFaultLike } from './spec.ts';
import { activeOn, defineFault, nodeIdSchema } from './spec.ts';

/** How many times longer unit starts take on a slow disk when the fault names no factor [inferred]. */
export const SLOW_DISK_DEFAULT_FACTOR = 4;
export const SLOW_DISK_MAX_FACTOR = 20;

const DISK_AND_CLOCK = 'Disk and clock';
const already = (what: string) => `${what}; clear faults to restore it`;

/**
 * The wire schema (zod) of each kind in this file. A function, not constants: only the protocol calls it, so the
 * web, which imports the entries below for its menu, never bundles zod.
 */
export function conditionSchemas() {
  return {
    'slow-disk': z.strictObject({
      kind: z.literal('slow-disk'),
      node: nodeIdSchema(),
      factor: z.number().min(1, 'slow-disk factor must be at least 1').max(SLOW_DISK_MAX_FACTOR, `slow-disk factor must be at most ${SLOW_DISK_MAX_FACTOR}`).optional(),
    }),
    'clock-unsync': z.strictObject({ kind: z.literal('clock-unsync'), node: nodeIdSchema() }),
  };
}
type S = ReturnType<typeof conditionSchemas>;

export const CONDITION_FAULTS = {
  'slow-disk': defineFault<z.infer<S['slow-disk']>>({
    scope: 'node', persistent: true, undoneBy: [],
    describe: (f) => `slow disk on ${f.node} (unit starts take ${f.factor ?? SLOW_DISK_DEFAULT_FACTOR}x as long${roleOfNode(f.node) === 'master' ? '; its ZooKeeper falls behind' : ''})`,
    validate: (f) => {
      const factor: unknown = f.factor;
      if (factor === undefined) return null;
      return typeof factor === 'number' && factor >= 1 && factor <= SLOW_DISK_MAX_FACTOR ? null : `slow-disk factor must be a number from 1 to ${SLOW_DISK_MAX_FACTOR} (how many times longer unit starts take)`;
    },
    applicable: (f, at) => (activeOn(at.active, 'slow-disk', f.node) ? already(`${f.node} already has a slow disk`) : null),
    menu: {
      group: DISK_AND_CLOCK,
      items: (t) => [{ id: 'slow-disk', label: 'Slow disk', fault: { kind: 'slow-disk' as const, node: t.node } }],
      hint: (_f, facts) => (facts.role === 'master'
        ? `fsync stalls: ZooKeeper here falls more than syncLimit (10 s) behind and is dropped from the quorum; its clients lose their sessions; unit starts take ${SLOW_DISK_DEFAULT_FACTOR}x as long.`
        : `Every unit start here takes ${SLOW_DISK_DEFAULT_FACTOR}x as long until faults are cleared.`),
    },
  }),
  'clock-unsync': defineFault<z.infer<S['clock-unsync']>>({
    scope: 'node', persistent: true, undoneBy: [],
    describe: (f) => `clock on ${f.node} not synchronised (NTP)`,
    applicable: (f, at) => (activeOn(at.active, 'clock-unsync', f.node) ? already(`the clock on ${f.node} is already unsynchronised`) : null),
    menu: {
      group: DISK_AND_CLOCK,
      items: (t) => [{ id: 'clock-unsync', label: 'Unsync clock', fault: { kind: 'clock-unsync' as const, node: t.node } }],
      hint: (_f, facts) => `NTP loses sync: check-time fails, so ${facts.role === 'master' ? 'dcos-net and Metronome loop' : 'dcos-net loops'} in auto-restart at their next (re)start until faults are cleared.`,
    },
  }),
};

/** How many times longer unit starts take on `node` (1 without a slow disk). */
export function startFactorOn(faults: readonly ActiveFaultLike[], node: string): number {
  if (faults.length === 0) return 1;
  const f = activeOn(faults, 'slow-disk', node)?.fault as { factor?: number } | undefined;
  return f === undefined ? 1 : f.factor ?? SLOW_DISK_DEFAULT_FACTOR;
}

/** The slow-disk fault that keeps ZooKeeper on `node` behind the leader, if any. */
export function zkBehindOn<A extends ActiveFaultLike>(faults: readonly A[], node: string): A | undefined {
  return faults.length === 0 ? undefined : activeOn(faults, 'slow-disk', node);
}

/** The clock-unsync fault that makes check-time fail on `node`, if any. */
export function clockUnsyncOn<A extends ActiveFaultLike>(faults: readonly A[], node: string): A | undefined {
  return faults.length === 0 ? undefined : activeOn(faults, 'clock-unsync', node);
}
