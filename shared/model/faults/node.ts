// Fault kinds that act on a whole node's power or network (architecture.md §2): partition / heal, crash / boot.
// Each pair is one persistent fault and the one-shot that undoes it.
import { z } from 'zod';
import type { FaultSubject } from './spec.ts';
import { defineFault, nodeIdSchema } from './spec.ts';

const up = (at: FaultSubject) => at.node?.up ?? false;
const cut = (at: FaultSubject) => at.node?.partitioned ?? false;
const one = <K extends string>(kind: K, label: string) => (t: { node: string }) => [{ id: kind, label, fault: { kind, node: t.node } }];

/**
 * The wire schema (zod) of each kind in this file. A function, not constants: only the protocol calls it, so the
 * web, which imports the entries below for its menu, never bundles zod.
 */
export function nodeSchemas() {
  return {
    partition: z.strictObject({ kind: z.literal('partition'), node: nodeIdSchema() }),
    heal: z.strictObject({ kind: z.literal('heal'), node: nodeIdSchema() }),
    crash: z.strictObject({ kind: z.literal('crash'), node: nodeIdSchema() }),
    boot: z.strictObject({ kind: z.literal('boot'), node: nodeIdSchema() }),
  };
}
type S = ReturnType<typeof nodeSchemas>;

export const NODE_FAULTS = {
  partition: defineFault<z.infer<S['partition']>>({
    scope: 'node', persistent: true, undoneBy: ['heal'],
    describe: (f) => `partition ${f.node}`,
    applicable: (f, at) => (cut(at) ? `${f.node} is already partitioned; heal it first` : null),
    menu: {
      group: 'Network', items: one('partition', 'Partition'),
      hint: (_f, facts) => (facts.role === 'master'
        ? 'Cut it off from every other node: its ZooKeeper leaves the quorum; its units keep running alone.'
        : 'Cut it off from every other node: the masters stop hearing from its agent.'),
    },
  }),
  heal: defineFault<z.infer<S['heal']>>({
    scope: 'node', persistent: false, undoneBy: [],
    describe: (f) => `heal ${f.node}`,
    applicable: (f, at) => (cut(at) ? null : `${f.node} is not partitioned; nothing to heal`),
    menu: { group: 'Network', items: one('heal', 'Heal'), hint: () => 'Reconnect the node: it finds ZooKeeper and the leaders again.' },
  }),
  crash: defineFault<z.infer<S['crash']>>({
    scope: 'node', persistent: true, undoneBy: ['boot'],
    describe: (f) => `crash ${f.node}`,
    applicable: (f, at) => (up(at) ? null : `${f.node} is already powered off; boot it`),
    menu: { group: 'Power', items: one('crash', 'Crash'), hint: () => 'Power off: every unit on it goes down at once; 3DT reports it unreachable.' },
  }),
  boot: defineFault<z.infer<S['boot']>>({
    scope: 'node', persistent: false, undoneBy: [],
    describe: (f) => `boot ${f.node}`,
    applicable: (f, at) => (up(at) ? `${f.node} is already running` : null),
    menu: { group: 'Power', items: one('boot', 'Boot'), hint: () => 'Power on: systemd starts its units again in boot order.' },
  }),
};
