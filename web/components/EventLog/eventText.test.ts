// The event log's words and filters: what the class reads, and that filtering finds what a teacher types.
import { describe, expect, it } from 'vitest';
import { bootScript } from '../../viz/timelineModel.fixture.ts';
import { describeEvent, filterLogNewestFirst, formatSimTime, matchesFilter, thousands } from './eventText.ts';

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

  it('reads like a sentence', () => {
    const kill = log.find((e) => e.type === 'unit' && e.to === 'failed')!;
    expect(describeEvent(kill)).toBe('master-1 dcos-mesos-master: healthy → failed');
    const fault = log.find((e) => e.type === 'fault')!;
    expect(describeEvent(fault)).toBe('fault: kill dcos-mesos-master on master-1');
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
