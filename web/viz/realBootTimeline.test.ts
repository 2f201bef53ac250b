// A real boot's unit facts become ghost lanes of the room's nodes, in time order, with the facts' states; facts about
// hosts the room does not have, and facts that are no unit state, draw nothing.
import { describe, expect, it } from 'vitest';
import type { RealBootRun } from '../../shared/protocol/realBoot.ts';
import { realBootModel } from './realBootTimeline.ts';

const fact = (node: string, unit: string, to: string, atMs: number, kind: 'unit' | 'leader' = 'unit') => ({ kind, node, unit, to, atMs, line: `${unit} ${to}` });
const run = (facts: RealBootRun['facts']): RealBootRun => ({ format: 'json', nodes: ['master-1'], facts, unrecognised: 0, unrecognisedLines: [], journalLines: facts.length, divergences: [], comparedAtMs: 0 });

describe('realBootModel', () => {
  it('draws the room\'s nodes only, in time order', () => {
    const model = realBootModel(run([
      fact('master-1', 'dcos-mesos-dns', 'healthy', 90_000),
      fact('master-1', 'dcos-mesos-dns', 'starting', 10_000),
      fact('ip-10-9-9-9', 'dcos-mesos-dns', 'healthy', 5_000),
      fact('master-1', 'dcos-mesos-master', 'mesos', 70_000, 'leader'),
    ]), new Set(['master-1', 'master-2']));
    expect(Object.keys(model.laneIndex)).toEqual(['master-1']);
    const lane = model.lanes[model.laneIndex['master-1']!]!;
    expect(Object.keys(lane.rows)).toEqual(['dcos-mesos-dns']);
    const segments = lane.rows['dcos-mesos-dns']!.segments;
    expect(segments.map((s) => s.state)).toEqual(['starting', 'healthy']);
    expect(segments[0]!.fromMs).toBe(10_000);
  });
});
