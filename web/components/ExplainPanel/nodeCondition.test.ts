// Explain on a partitioned agent tells the class about the partition, not only "healthy: active (running)".
import { describe, expect, it } from 'vitest';
import type { ClusterView } from '../../../shared/protocol/types.ts';
import { nodeCondition } from './nodeCondition.ts';

const view = (over: object, registered: string[] = ['agent-1']) => ({
  nodes: [{ id: 'agent-1', role: 'agent', up: true, partitioned: false, ...over }],
  registeredAgents: registered,
}) as unknown as Pick<ClusterView, 'nodes' | 'registeredAgents'>;

describe('Why? on a cut-off node', () => {
  it('a student explaining a unit on a partitioned agent reads that the masters cannot reach it, and when Mesos gives up', () => {
    expect(nodeCondition(view({}), 'agent-1')).toBeNull();
    expect(nodeCondition(view({ partitioned: true }), 'agent-1')!.text).toMatch(/agent-1 is partitioned: its units still run on it, but the masters cannot reach it\. Mesos still lists it/);
    expect(nodeCondition(view({ partitioned: true }, []), 'agent-1')!.text).toMatch(/marked it unreachable/);
    expect(nodeCondition(view({ up: false }), 'agent-1')).toMatchObject({ kind: 'powered-off' });
  });
});
