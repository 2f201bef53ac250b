// The event log's words and filters: what the class reads, and that filtering finds what a teacher types.
import { describe, expect, it } from 'vitest';
import { bootScript } from '../../store/timelineModel.fixture.ts';
import { describeEvent, eventCause, filterLogNewestFirst, formatSimTime, matchesFilter, thousands } from './eventText.ts';

const log = bootScript(3, 2).events;
const none = { types: [], node: '', text: '' };

describe('event text', () => {
  it('writes the event count with thousands separators, as en-US does', () => {
    for (const n of [0, 7, 999, 1_000, 5_254, 12_345, 999_999, 1_234_567]) expect(thousands(n)).toBe(n.toLocaleString('en-US'));
  });

  it('formats simulated time as mm:ss', () => {
    expect(formatSimTime(0)).toBe('00:00');
    expect(formatSimTime(151_999)).toBe('02:31');
    expect(formatSimTime(3_600_000)).toBe('1:00:00'); // the shared clock switches to hours, like the timeline
  });

  it('says who did a fault', () => {
    const base = { seq: 1, simTimeMs: 0, type: 'fault', fault: { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' }, cause: { text: 'x' } } as const;
    expect(describeEvent({ ...base, active: true, by: { role: 'viewer', name: 'Ana' } })).toBe('viewer Ana: stop Exhibitor on master-1');
    expect(describeEvent({ ...base, active: true, by: { role: 'presenter' } })).toBe('presenter: stop Exhibitor on master-1');
    expect(describeEvent({ ...base, active: true, by: { role: 'scenario' } })).toBe('fault: stop Exhibitor on master-1');
    expect(describeEvent({ ...base, active: false, by: { role: 'viewer', name: 'Ana' } })).toBe('fault cleared: stop Exhibitor on master-1 (viewer Ana)');
  });

  it('spells the quorum out as serving and needed, and says when there is none', () => {
    const quorum = (have: number) => ({ seq: 1, simTimeMs: 0, type: 'quorum', have, need: 2, cause: { text: 'x' } }) as const;
    expect(describeEvent(quorum(2))).toBe('ZooKeeper quorum: 2 serving, 2 needed');
    expect(describeEvent(quorum(1))).toBe('ZooKeeper quorum: 1 serving, 2 needed (no quorum)');
  });

  it('reads like a sentence', () => {
    const kill = log.find((e) => e.type === 'unit' && e.to === 'failed')!;
    expect(describeEvent(kill)).toBe('master-1 dcos-mesos-master: healthy → failed');
    const fault = log.find((e) => e.type === 'fault')!;
    expect(describeEvent(fault)).toBe('fault: kill Mesos Master on master-1');
  });

  it('no filter means no index array (the common case stays cheap)', () => {
    expect(filterLogNewestFirst(log, none)).toBeNull();
  });

  it('filters by type, node and text (also in the cause), newest first', () => {
    const faults = filterLogNewestFirst(log, { ...none, types: ['fault'] })!;
    expect(faults.length).toBe(2);
    expect(faults[0]!).toBeGreaterThan(faults[1]!);
    const agent = filterLogNewestFirst(log, { ...none, node: 'agent-2' })!;
    expect(agent.every((i) => JSON.stringify(log[i]).includes('agent-2'))).toBe(true);
    expect(agent.length).toBeGreaterThan(0);
    const restarted = filterLogNewestFirst(log, { ...none, text: 'RESTARTED' })!;
    expect(restarted.map((i) => log[i]!.simTimeMs)).toEqual([45_000]);
    expect(matchesFilter(log[0]!, { ...none, text: 'nothing like this' })).toBe(false);
  });
});

describe('event words a class reads about agents and boot steps', () => {
  const cause = { text: 'x' };
  it('tells a disconnected agent from one the leader marked unreachable', () => {
    expect(describeEvent({ seq: 1, simTimeMs: 0, type: 'agent', node: 'agent-1', registered: false, cause })).toBe('agent-1 disconnected from the Mesos leader');
    expect(describeEvent({ seq: 2, simTimeMs: 0, type: 'agent', node: 'agent-1', registered: false, unreachable: true, cause })).toBe('agent-1 marked unreachable by the Mesos leader');
  });

  it('says which version of the Boot Sequence page a step number follows', () => {
    const text = describeEvent({ seq: 3, simTimeMs: 0, type: 'step', step: 'master.3.3', node: 'master-1', unit: 'dcos-mesos-master', text: 'Elects a leading master', cause });
    expect(text).toBe('Boot Sequence master 3.3 (DC/OS 1.10 page): Elects a leading master');
  });

  it('a teacher reads a fault line once: no "fault: delay … because delay …"', () => {
    const fault = { kind: 'delay', node: 'master-1', unit: 'dcos-mesos-dns', ms: 120_000 } as const;
    const e = { seq: 4, simTimeMs: 0, type: 'fault', active: true, fault, by: { role: 'scenario' }, cause: { text: 'delay Mesos DNS on master-1 by 120 s' } } as const;
    expect(describeEvent(e as never)).toBe('fault: delay Mesos DNS on master-1 by 120 s');
    expect(eventCause(e as never)).toBe('');
    const unit = { seq: 5, simTimeMs: 0, type: 'unit', node: 'master-1', unit: 'dcos-marathon', from: 'waiting', to: 'failed', cause: { text: 'leader.mesos does not resolve' } } as const;
    expect(eventCause(unit as never)).toBe('leader.mesos does not resolve');
  });
});
