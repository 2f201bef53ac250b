// After a quorum loss later in the lesson, the critical path's caption says it is the first boot's chain, not "same as
// the healthy boot".
import { describe, expect, it } from 'vitest';
import { criticalCaption } from './useTimelineOverlays.ts';

const path = (healthyAtMs: number | null) => ({ healthyAtMs, chain: [] });
const name = (node: string, unit: string) => `${unit} on ${node}`;

describe('critical path caption', () => {
  it('a teacher who broke the cluster after it first became healthy reads that the path shown is the first boot’s', () => {
    const marker = { seq: 9, atMs: 400_000, kind: 'fault' as const, node: 'master-2', label: '⚡ stop', detail: 'stop' };
    const after = criticalCaption({ run: path(300_000), twin: path(300_000) }, [marker], name);
    expect(after.text).toBe("first boot's path (healthy 05:00)");
    expect(after.detail).toContain('not of the recovery');
    expect(criticalCaption({ run: path(300_000), twin: path(300_000) }, [], name).text).toBe('same as the healthy boot');
    expect(criticalCaption({ run: path(null), twin: path(300_000) }, [], name).text).toBe('known once healthy');
  });
});
