// A big batch folded a slice per task must end exactly where applying it at once ends, render once, never show a
// half-folded batch, keep later batches in seq order behind it, and fall back to a snapshot on a gap or an error.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../shared/protocol/types.ts';
import type { EventBatch, SimSnapshot } from '../../shared/protocol/messages.ts';
import { bootScript, viewFor } from './timelineModel.fixture.ts';
import { createBatchFolder, sliceBatch } from './batchFolder.ts';
import { applyBatch, applySnapshot, type BatchVerdict } from './feed.ts';
import { createBootStore } from './store.ts';

const AGENTS = 200;

/** A snapshot at t=0 and a boot's ~1,250 events (3 masters, 200 agents, a fault and recovery), as the server sends them. */
function boot(): { snapshot: SimSnapshot; events: SimEvent[] } {
  const snapshot: SimSnapshot = {
    room: 'r', lastSeq: 0, simTimeMs: 0, seed: 3, cluster: { masters: 3, agents: AGENTS, publicAgents: 0 }, speed: 1, paused: false, scenario: null,
    view: viewFor(3, AGENTS), events: [], epoch: 1,
  };
  return { snapshot, events: bootScript(3, AGENTS).events };
}

function batchOf(events: SimEvent[], simTimeMs = events.at(-1)!.simTimeMs): EventBatch {
  return { epoch: 1, fromSeq: events[0]!.seq, toSeq: events.at(-1)!.seq, simTimeMs, events, emittedAtWallMs: 0 };
}

function manualTasks() {
  const tasks: (() => void)[] = [];
  return { schedule: (fn: () => void) => void tasks.push(fn), drain: () => { while (tasks.length > 0) tasks.shift()!(); }, get pending() { return tasks.length; } };
}

function setup(max: number) {
  const { snapshot, events } = boot();
  const store = createBootStore();
  applySnapshot(store, snapshot, 0);
  const tasks = manualTasks();
  const verdicts: BatchVerdict[] = [];
  const folder = createBatchFolder(store, { now: () => 0, onVerdict: (v) => verdicts.push(v), schedule: tasks.schedule, max });
  const seen: number[] = [];
  store.subscribe((s, prev) => { if (s.lastSeq !== prev.lastSeq) seen.push(s.lastSeq); });
  return { snapshot, events, store, tasks, verdicts, folder, seen };
}

describe('sliceBatch', () => {
  it('cuts a batch into consecutive slices; only the last carries the batch clock', () => {
    const { events } = boot();
    const slices = sliceBatch(batchOf(events.slice(0, 250), 999_999), 100);
    expect(slices.map((s) => [s.fromSeq, s.toSeq, s.events.length])).toEqual([[1, 100, 100], [101, 200, 100], [201, 250, 50]]);
    expect(slices.map((s) => s.simTimeMs)).toEqual([events[99]!.simTimeMs, events[199]!.simTimeMs, 999_999]);
  });
});

describe('createBatchFolder', () => {
  it('ends where applying the batch at once ends, with one store update per batch and no half-folded state', () => {
    const { snapshot, events, store, tasks, verdicts, folder, seen } = setup(100);
    expect(events.length).toBeGreaterThan(1_200);
    const first = events.slice(0, 700);
    const second = events.slice(700);
    folder.push(batchOf(first));
    expect(tasks.pending).toBe(1); // the first slice ran in the message's own task, the rest wait their turn
    expect(store.getState().lastSeq).toBe(0);
    folder.push(batchOf(second)); // arrives while the first is being folded
    tasks.drain();
    expect(seen).toEqual([first.at(-1)!.seq, second.at(-1)!.seq]);
    expect(verdicts.every((v) => v === 'applied')).toBe(true);

    const whole = createBootStore();
    applySnapshot(whole, snapshot, 0);
    applyBatch(whole, batchOf(first), 0);
    applyBatch(whole, batchOf(second), 0);
    const a = store.getState();
    const b = whole.getState();
    expect(a.view).toEqual(b.view);
    expect(a.timeline).toEqual(b.timeline);
    expect(a.log).toEqual(b.log);
    expect(a.clock).toEqual(b.clock);
  });

  it('applies a batch that fits in one slice at once, as before', () => {
    const { events, store, tasks, folder } = setup(100);
    folder.push(batchOf(events.slice(0, 50)));
    expect(store.getState().lastSeq).toBe(events[49]!.seq);
    expect(tasks.pending).toBe(0);
  });

  it('a gap drops the draft and what is queued and asks for a snapshot', () => {
    const { events, store, tasks, verdicts, folder } = setup(100);
    folder.push(batchOf(events.slice(0, 300)));
    folder.push(batchOf(events.slice(400, 500))); // seqs 301..400 never arrive
    tasks.drain();
    expect(verdicts.at(-1)).toBe('resync');
    expect(store.getState().awaitingSnapshot).toBe(true);
    expect(folder.queued).toBe(0);
  });

  it('a snapshot (clear) drops the draft: nothing of the old batch lands after it', () => {
    const { snapshot, events, store, tasks, folder, seen } = setup(100);
    folder.push(batchOf(events.slice(0, 500)));
    folder.clear();
    applySnapshot(store, { ...snapshot, epoch: 2 }, 0);
    tasks.drain();
    expect(seen).toEqual([]);
    expect(store.getState().epoch).toBe(2);
  });

  it('a batch that throws while folding leaves the view as it was and asks for a snapshot', () => {
    const { events, store, tasks, verdicts, folder } = setup(100);
    const before = store.getState().view;
    // A malformed event in the second slice: its unit change has no cause.
    const bad = events.slice(0, 300).map((e, i) => (i === 150 ? ({ seq: e.seq, simTimeMs: e.simTimeMs, type: 'unit', node: 'agent-1', unit: 'dcos-net', from: 'healthy', to: 'failed' } as unknown as SimEvent) : e));
    folder.push(batchOf(bad));
    tasks.drain();
    expect(verdicts).toEqual(['applied', 'resync']);
    expect(store.getState().view).toBe(before);
    expect(store.getState().lastSeq).toBe(0);
    expect(store.getState().awaitingSnapshot).toBe(true);
  });
});
