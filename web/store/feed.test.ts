// Server-fed store updates: what a viewer sees must match the server's log exactly — no gaps folded in,
// no duplicates, no events from an older simulation, and one render per batch.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../shared/protocol/types.ts';
import type { EventBatch, SimSnapshot } from '../../shared/protocol/messages.ts';
import { EventScript, viewFor } from './timelineModel.fixture.ts';
import { applyBatch, applySnapshot, classifyBatch, setConnection } from './feed.ts';
import { createBootStore } from './store.ts';
import { EVENT_LOG_LIMIT } from './timelineSlice.ts';

function snapshot(events: SimEvent[], epoch = 1): SimSnapshot {
  const last = events.at(-1);
  return {
    room: 'default', lastSeq: last?.seq ?? 0, simTimeMs: last?.simTimeMs ?? 0, seed: 7,
    cluster: { masters: 3, agents: 2, publicAgents: 0 }, speed: 1, paused: false, scenario: null,
    view: viewFor(3, 2), events, epoch,
  };
}

function batch(events: SimEvent[], epoch = 1): EventBatch {
  return { epoch, fromSeq: events[0]!.seq, toSeq: events.at(-1)!.seq, simTimeMs: events.at(-1)!.simTimeMs, events };
}

/** 10 events: the first 5 go in the snapshot, the rest arrive as batches. */
function script(): SimEvent[] {
  const s = new EventScript();
  s.unit(0, 'master-1', 'dcos-exhibitor', 'pending', 'waiting');
  s.unit(100, 'master-1', 'dcos-exhibitor', 'waiting', 'starting');
  s.unit(200, 'master-1', 'dcos-exhibitor', 'starting', 'healthy');
  s.unit(300, 'master-2', 'dcos-exhibitor', 'pending', 'healthy');
  s.at(400, { type: 'narration', text: 'ZooKeeper forms a quorum.' });
  s.unit(500, 'master-1', 'dcos-exhibitor', 'healthy', 'stopped', 'stopped by a user');
  s.at(500, { type: 'cluster', health: 'unhealthy', cause: { text: 'master-1 is unhealthy' } });
  s.unit(600, 'agent-1', 'dcos-mesos-slave', 'healthy', 'failed');
  s.unit(700, 'agent-1', 'dcos-mesos-slave', 'failed', 'starting');
  s.unit(800, 'agent-1', 'dcos-mesos-slave', 'starting', 'healthy');
  return s.events;
}

function unitState(store: ReturnType<typeof createBootStore>, node: string, unit: string) {
  return store.getState().view!.nodes.find((n) => n.id === node)!.units.find((u) => u.id === unit)!.state;
}

describe('snapshot', () => {
  it('replaces the cluster, rebuilds the timeline from its events and fills the log', () => {
    const store = createBootStore();
    const events = script().slice(0, 5);
    applySnapshot(store, snapshot(events), 1000);
    const s = store.getState();
    expect(s.lastSeq).toBe(5);
    expect(s.epoch).toBe(1);
    expect(s.awaitingSnapshot).toBe(false);
    expect(s.log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(s.timeline.lanes.map((l) => l.node)).toEqual(['master-1', 'master-2']);
    // The narration dock reads its transcript from the log.
    expect(s.log.filter((e) => e.type === 'narration').map((e) => (e.type === 'narration' ? e.text : ''))).toEqual(['ZooKeeper forms a quorum.']);
  });
});

describe('batches', () => {
  it('applies a consecutive batch to the view, the timeline and the log', () => {
    const store = createBootStore();
    const all = script();
    applySnapshot(store, snapshot(all.slice(0, 5)), 0);
    expect(applyBatch(store, batch(all.slice(5, 7)), 10)).toBe('applied');
    const s = store.getState();
    expect(s.lastSeq).toBe(7);
    expect(unitState(store, 'master-1', 'dcos-exhibitor')).toBe('stopped');
    expect(s.view!.clusterHealth).toBe('unhealthy');
    expect(s.timeline.lanes[s.timeline.laneIndex['master-1']!]!.rows['dcos-exhibitor']!.state).toBe('stopped');
    expect(s.log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('ignores a duplicate batch without touching the state', () => {
    const store = createBootStore();
    const all = script();
    applySnapshot(store, snapshot(all.slice(0, 7)), 0);
    const before = store.getState();
    expect(applyBatch(store, batch(all.slice(5, 7)), 10)).toBe('duplicate');
    expect(store.getState()).toBe(before);
  });

  it('on a gap asks for a resync and ignores batches until the snapshot arrives', () => {
    const store = createBootStore();
    const all = script();
    applySnapshot(store, snapshot(all.slice(0, 5)), 0);
    expect(applyBatch(store, batch(all.slice(6, 8)), 10)).toBe('resync');
    expect(store.getState().awaitingSnapshot).toBe(true);
    expect(store.getState().lastSeq).toBe(5);
    // Even the batch that would have fitted is ignored: the snapshot is the only way back.
    expect(applyBatch(store, batch(all.slice(5, 6)), 20)).toBe('ignored');
    expect(store.getState().log).toHaveLength(5);
    applySnapshot(store, snapshot(all.slice(0, 8)), 30);
    expect(applyBatch(store, batch(all.slice(8)), 40)).toBe('applied');
    expect(store.getState().log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('treats a batch from another epoch (reset / scenario load) as a resync, not as history', () => {
    const store = createBootStore();
    const all = script();
    applySnapshot(store, snapshot(all.slice(0, 5), 1), 0);
    expect(applyBatch(store, batch(all.slice(5, 7), 2), 10)).toBe('resync');
    expect(store.getState().log).toHaveLength(5);
    applySnapshot(store, snapshot(all.slice(0, 2), 2), 20);
    expect(store.getState().epoch).toBe(2);
    expect(store.getState().log.map((e) => e.seq)).toEqual([1, 2]);
  });

  it('trims the already-seen head of an overlapping batch (no duplicate log lines)', () => {
    const store = createBootStore();
    const all = script();
    applySnapshot(store, snapshot(all.slice(0, 6)), 0);
    expect(applyBatch(store, batch(all.slice(4, 8)), 10)).toBe('applied');
    expect(store.getState().log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('notifies subscribers exactly once per batch', () => {
    const store = createBootStore();
    const all = script();
    applySnapshot(store, snapshot(all.slice(0, 5)), 0);
    let updates = 0;
    const unsubscribe = store.subscribe(() => updates++);
    applyBatch(store, batch(all.slice(5)), 10);
    unsubscribe();
    expect(updates).toBe(1);
  });

  it('a lost connection waits for a fresh snapshot before applying anything', () => {
    const store = createBootStore();
    const all = script();
    applySnapshot(store, snapshot(all.slice(0, 5)), 0);
    setConnection(store, 'reconnecting');
    expect(classifyBatch(store.getState(), batch(all.slice(5, 6)))).toBe('waiting');
    setConnection(store, 'connected');
    expect(store.getState().awaitingSnapshot).toBe(true);
  });

  it('keeps only the newest EVENT_LOG_LIMIT events in the log', () => {
    const store = createBootStore();
    const s = new EventScript();
    for (let i = 0; i < EVENT_LOG_LIMIT + 500; i++) s.at(i, { type: 'narration', text: `line ${i}` });
    applySnapshot(store, snapshot(s.events.slice(0, 1000)), 0);
    applyBatch(store, batch(s.events.slice(1000)), 1);
    const log = store.getState().log;
    expect(log).toHaveLength(EVENT_LOG_LIMIT);
    expect(log[0]!.seq).toBe(501);
    expect(log.at(-1)!.seq).toBe(EVENT_LOG_LIMIT + 500);
  });
});
