// The timeline model: segments open/close at the right times, untouched rows keep identity, markers,
// bounded memory, and batching never changes the result.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_MARKERS, MAX_SEGMENTS_PER_ROW, appendToTimeline, emptyTimeline, type TimelineModel } from './timelineModel.ts';
import { EventScript, bootScript } from './timelineModel.fixture.ts';
import type { SimEvent } from '../../shared/protocol/types.ts';

function build(events: readonly SimEvent[]): TimelineModel {
  return appendToTimeline(emptyTimeline(), events);
}

function lane(model: TimelineModel, node: string) {
  const i = model.laneIndex[node];
  if (i === undefined) throw new Error(`no lane for ${node}`);
  return model.lanes[i]!;
}

describe('unit rows', () => {
  it('closes the previous segment when a unit changes state and leaves only the last one open', () => {
    const m = build(new EventScript()
      .unit(0, 'master-1', 'dcos-exhibitor', 'pending', 'waiting', 'waits for ip-detect')
      .unit(2_000, 'master-1', 'dcos-exhibitor', 'waiting', 'starting')
      .unit(5_000, 'master-1', 'dcos-exhibitor', 'starting', 'healthy', 'ZooKeeper serving').events);
    const row = lane(m, 'master-1').rows['dcos-exhibitor']!;
    expect(row.state).toBe('healthy');
    expect(row.segments.map((s) => [s.fromMs, s.toMs, s.state])).toEqual([
      [0, 2_000, 'waiting'],
      [2_000, 5_000, 'starting'],
      [5_000, null, 'healthy'],
    ]);
    expect(row.segments[0]!.cause).toBe('waits for ip-detect');
    expect(row.segments[2]!.cause).toBe('ZooKeeper serving');
    expect(m.endMs).toBe(5_000);
    expect(m.lastSeq).toBe(3);
  });

  it('drops a zero-length state instead of drawing an invisible sliver', () => {
    const m = build(new EventScript()
      .unit(0, 'master-1', 'u', 'pending', 'waiting')
      .unit(0, 'master-1', 'u', 'waiting', 'starting')
      .unit(10, 'master-1', 'u', 'starting', 'healthy').events);
    expect(lane(m, 'master-1').rows['u']!.segments.map((s) => s.state)).toEqual(['starting', 'healthy']);
  });

  it('starts a new segment when the state stays but the cause changes (a different wait)', () => {
    const m = build(new EventScript()
      .unit(0, 'm', 'u', 'pending', 'waiting', 'no quorum')
      .unit(5, 'm', 'u', 'waiting', 'waiting', 'no leader.mesos').events);
    expect(lane(m, 'm').rows['u']!.segments.map((s) => s.cause)).toEqual(['no quorum', 'no leader.mesos']);
  });

  it('lists units in first-seen order', () => {
    const m = build(new EventScript().unit(0, 'm', 'b', 'pending', 'waiting').unit(0, 'm', 'a', 'pending', 'waiting').events);
    expect(lane(m, 'm').unitOrder).toEqual(['b', 'a']);
  });
});

describe('node lanes', () => {
  it('records reported health and power/partition as their own segments', () => {
    const m = build(bootScript().events);
    expect(lane(m, 'master-1').health).toBe('unhealthy');
    expect(lane(m, 'master-1').healthSegments.map((s) => [s.fromMs, s.toMs, s.state])).toEqual([
      [20_000, 50_000, 'healthy'],
      [50_000, null, 'unhealthy'],
    ]);
    expect(lane(m, 'agent-1').power).toBe('partitioned');
    expect(lane(m, 'agent-1').powerSegments).toEqual([{ fromMs: 60_000, toMs: null, state: 'partitioned', cause: 'partitioned by a user' }]);
    expect(lane(m, 'agent-2').power).toBe('up');
  });
});

describe('worst live unit state per node', () => {
  it('follows the worst unit on the node, naming it, ahead of the reported health', () => {
    const m = build(bootScript().events);
    const l = lane(m, 'master-1');
    expect(l.worst).toBe('healthy');
    const at = (ms: number) => l.worstSegments.find((s) => s.fromMs <= ms && (s.toMs === null || ms < s.toMs));
    expect(at(0)?.state).toBe('waiting');
    expect(at(35_000)).toMatchObject({ state: 'failed', cause: 'worst: dcos-mesos-master is failed' });
    expect(at(46_000)?.state).toBe('starting');
    expect(at(47_000)?.state).toBe('healthy');
    // 3DT still says healthy while the process is dead: the lesson of health vs truth.
    expect(l.healthSegments.find((s) => s.fromMs <= 35_000 && (s.toMs ?? Infinity) > 35_000)?.state).toBe('healthy');
  });
});

describe('markers', () => {
  it('marks faults (active and ended), leader changes, quorum and narration in order', () => {
    const m = build(bootScript().events);
    expect(m.markers.map((x) => [x.atMs, x.kind, x.label])).toEqual([
      [0, 'narration', '❝'],
      [9_000, 'quorum', 'ZK 3/3'],
      [10_000, 'leader', '♛ Mesos'],
      [30_000, 'fault', '⚡ kill'],
      [30_000, 'leader', '♛ Mesos: none'],
      [30_000, 'fault-cleared', 'kill ended'],
      [48_000, 'leader', '♛ Mesos'],
    ]);
    const kill = m.markers[3]!;
    expect(kill.node).toBe('master-1');
    expect(kill.detail).toContain('kill Mesos Master on master-1');
    expect(m.markers[6]!.node).toBe('master-2');
  });

  it('labels quorum as serving / ensemble size and flags a lost quorum', () => {
    const m = build(new EventScript()
      .at(0, { type: 'quorum', have: 2, need: 2, cause: { text: 'one ZooKeeper down' } })
      .at(5, { type: 'quorum', have: 1, need: 2, cause: { text: 'two ZooKeepers down' } }).events);
    expect(m.markers.map((x) => [x.kind, x.label])).toEqual([['quorum', 'ZK 2/3'], ['quorum-lost', 'ZK 1/3 ✕']]);
    expect(m.markers[1]!.detail).toContain('no quorum');
  });

  it('keeps at most MAX_MARKERS markers, dropping the oldest', () => {
    const s = new EventScript();
    for (let i = 0; i < MAX_MARKERS + 10; i++) s.at(i, { type: 'narration', text: `line ${i}` });
    const m = build(s.events);
    expect(m.markers.length).toBe(MAX_MARKERS);
    expect(m.markers[0]!.detail).toBe('line 10');
  });
});

describe('incremental identity', () => {
  it('keeps the identity of lanes and rows a batch does not touch', () => {
    const s = bootScript();
    const before = build(s.events);
    const next: SimEvent = { seq: before.lastSeq + 1, simTimeMs: 70_000, type: 'unit', node: 'master-2', unit: 'dcos-marathon', from: 'healthy', to: 'failed', cause: { text: 'killed' } };
    const after = appendToTimeline(before, [next]);
    expect(after).not.toBe(before);
    expect(lane(after, 'master-1')).toBe(lane(before, 'master-1'));
    expect(lane(after, 'agent-1')).toBe(lane(before, 'agent-1'));
    const m2a = lane(after, 'master-2');
    const m2b = lane(before, 'master-2');
    expect(m2a).not.toBe(m2b);
    expect(m2a.rows['dcos-exhibitor']).toBe(m2b.rows['dcos-exhibitor']);
    expect(m2a.rows['dcos-marathon']).not.toBe(m2b.rows['dcos-marathon']);
    expect(m2a.rows['dcos-marathon']!.state).toBe('failed');
    expect(m2a.healthSegments).toBe(m2b.healthSegments);
    expect(after.markers).toBe(before.markers);
  });

  it('returns the same model for an empty batch or a replayed one', () => {
    const events = bootScript().events;
    const m = build(events);
    expect(appendToTimeline(m, [])).toBe(m);
    expect(appendToTimeline(m, events.slice(-5))).toBe(m);
  });

  it('keeps a row identical when an event repeats its current state and cause', () => {
    const m = build(new EventScript().unit(0, 'm', 'u', 'pending', 'healthy', 'ok').events);
    const again: SimEvent = { seq: 2, simTimeMs: 9, type: 'unit', node: 'm', unit: 'u', from: 'healthy', to: 'healthy', cause: { text: 'ok' } };
    const next = appendToTimeline(m, [again]);
    expect(lane(next, 'm')).toBe(lane(m, 'm'));
    expect(next.lastSeq).toBe(2);
  });
});

describe('snapshot rebuild equals incremental batches', () => {
  it('for the scripted boot split at every possible point', () => {
    const events = bootScript().events;
    const whole = build(events);
    for (let cut = 0; cut <= events.length; cut++) {
      const split = appendToTimeline(build(events.slice(0, cut)), events.slice(cut));
      expect(split).toEqual(whole);
    }
  });

  it('for random event streams and random batch sizes (including segment merging)', () => {
    const states = ['pending', 'waiting', 'starting', 'healthy', 'unhealthy', 'failed', 'stopped'] as const;
    const step = fc.record({
      dt: fc.integer({ min: 0, max: 3 }),
      node: fc.constantFrom('m1', 'm2'),
      unit: fc.constantFrom('a', 'b'),
      to: fc.constantFrom(...states),
      cause: fc.constantFrom('x', 'y'),
    });
    fc.assert(fc.property(fc.array(step, { maxLength: 700 }), fc.array(fc.integer({ min: 1, max: 90 }), { minLength: 1, maxLength: 20 }), (steps, sizes) => {
      const s = new EventScript();
      let t = 0;
      for (const st of steps) {
        t += st.dt;
        s.unit(t, st.node, st.unit, 'pending', st.to, st.cause);
      }
      const whole = build(s.events);
      let inc = emptyTimeline();
      let i = 0;
      let k = 0;
      while (i < s.events.length) {
        const n = sizes[k++ % sizes.length]!;
        inc = appendToTimeline(inc, s.events.slice(i, i + n));
        i += n;
      }
      expect(inc).toEqual(whole);
      for (const l of whole.lanes) {
        for (const row of Object.values(l.rows)) {
          expect(row.segments.length).toBeLessThanOrEqual(MAX_SEGMENTS_PER_ROW);
          // Contiguous, ordered, only the last open.
          row.segments.forEach((seg, j) => {
            const nextSeg = row.segments[j + 1];
            if (nextSeg === undefined) expect(seg.toMs).toBeNull();
            else expect(seg.toMs).toBe(nextSeg.fromMs);
          });
        }
      }
    }), { numRuns: 60 });
  });
});

describe('bounded memory', () => {
  it('merges the oldest segments pairwise, keeping the worse state and the time span', () => {
    const s = new EventScript();
    for (let i = 0; i < MAX_SEGMENTS_PER_ROW + 1; i++) s.unit(i * 10, 'm', 'u', 'pending', i % 2 === 0 ? 'healthy' : 'failed');
    const row = lane(build(s.events), 'm').rows['u']!;
    expect(row.segments.length).toBeLessThanOrEqual(MAX_SEGMENTS_PER_ROW);
    expect(row.segments[0]).toMatchObject({ fromMs: 0, toMs: 20, state: 'failed', merged: 2 });
    expect(row.segments[row.segments.length - 1]).toMatchObject({ fromMs: MAX_SEGMENTS_PER_ROW * 10, toMs: null, state: 'healthy' });
  });
});
