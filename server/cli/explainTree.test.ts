// The CLI prints an explanation as an indented tree that reads from the symptom down to the root causes.
import { describe, expect, it } from 'vitest';
import type { ExplainStep } from '../../shared/engine/types.ts';
import { explainTreeLines, ROOT_MARK } from './explainTree.ts';

const plain = { color: false, nodeWidth: 8 };

const quorumLoss: ExplainStep[] = [
  { ref: 'master-1/dcos-marathon', text: 'master-1/dcos-marathon waiting: ping leader.mesos fails', sinceMs: 415_000, parent: null, root: false },
  { ref: 'fact:quorum', text: 'ZooKeeper has no quorum: 1/3 ZooKeepers up, 2 needed', sinceMs: 360_000, parent: 0, root: false },
  { ref: 'master-2/dcos-exhibitor', text: 'master-2/dcos-exhibitor stopped', sinceMs: 360_000, parent: 1, root: false },
  { ref: 'fault:7', text: 'the stop of Exhibitor on master-2 at 06:00 (still active)', sinceMs: 360_000, parent: 2, root: true },
  { ref: 'master-3/dcos-exhibitor', text: 'master-3/dcos-exhibitor stopped', sinceMs: 360_000, parent: 1, root: false },
  { ref: 'fault:8', text: 'the stop of Exhibitor on master-3 at 06:00 (cleared at 10:00)', sinceMs: 360_000, parent: 4, root: true },
];

describe('explainTreeLines', () => {
  it('reads from Marathon down to the stopped Exhibitors, each cause indented under what it explains', () => {
    expect(explainTreeLines(quorumLoss, plain)).toEqual([
      '  master-1/dcos-marathon waiting: ping leader.mesos fails  [since 06:55]',
      '  └─ because ZooKeeper has no quorum: 1/3 ZooKeepers up, 2 needed  [since 06:00]',
      '     ├─ because master-2/dcos-exhibitor stopped  [since 06:00]',
      `     │  └─ because the stop of Exhibitor on master-2 at 06:00 (still active)  ${ROOT_MARK}`,
      '     └─ because master-3/dcos-exhibitor stopped  [since 06:00]',
      `        └─ because the stop of Exhibitor on master-3 at 06:00 (cleared at 10:00)  ${ROOT_MARK}`,
    ]);
  });

  it('a lone healthy unit is one line with no root mark, and an empty chain prints nothing', () => {
    const healthy: ExplainStep[] = [{ ref: 'agent-1/dcos-mesos-slave', text: 'agent-1/dcos-mesos-slave healthy: active (running)', sinceMs: null, parent: null, root: false }];
    expect(explainTreeLines(healthy, plain)).toEqual(['  agent-1/dcos-mesos-slave healthy: active (running)']);
    expect(explainTreeLines([], plain)).toEqual([]);
  });
});
