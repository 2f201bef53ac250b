// A late joiner's store: a trimmed snapshot seeds the timeline at its window, pages of older history go in front only
// while the history is still the one they were asked for (same epoch, same oldest event), and a room that trimmed the
// rest is said to have done so.
import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../shared/protocol/types.ts';
import type { SimSnapshot } from '../../shared/protocol/messages.ts';
import type { HistoryPage } from '../../shared/protocol/history.ts';
import { EventScript, viewFor } from './timelineModel.fixture.ts';
import { appendToTimeline, emptyTimeline } from './timelineModel.ts';
import { applyOlderHistory, applySnapshot, startOlderHistory, timelineWithPage } from './feed.ts';
import { createBatchFolder } from './batchFolder.ts';
import { createBootStore } from './store.ts';

const s = new EventScript();
for (let i = 0; i < 10; i++) s.unit(i * 100, 'master-1', 'dcos-exhibitor', i % 2 === 0 ? 'pending' : 'starting', i % 2 === 0 ? 'starting' : 'pending', `step ${i}`);
const LOG: SimEvent[] = s.events;

function snapshot(cut: number, epoch = 1): SimSnapshot {
  return {
    room: 'default', lastSeq: LOG.at(-1)!.seq, simTimeMs: LOG.at(-1)!.simTimeMs, seed: 1, cluster: { masters: 3, agents: 2, publicAgents: 0 },
    speed: 1, paused: false, scenario: null, view: viewFor(3, 2), events: LOG.slice(cut), epoch, historyTrimmed: cut,
  };
}
const page = (from: number, to: number, done: boolean, epoch = 1): { ok: true } & HistoryPage =>
  ({ ok: true, epoch, events: LOG.slice(from, to), oldestKeptSeq: LOG[from]?.seq ?? 0, done });

describe('older history in the store', () => {
  it('seeds a trimmed snapshot at its window and pages back to t=0', () => {
    const store = createBootStore();
    applySnapshot(store, snapshot(6), 0);
    expect(store.getState().timeline.seededAt).toEqual({ simTimeMs: 600, seq: 7 });
    startOlderHistory(store);
    expect(store.getState().olderHistory.loading).toBe(true);
    expect(applyOlderHistory(store, 7, page(3, 6, false))).toBe('applied');
    expect(store.getState().timeline.seededAt).toEqual({ simTimeMs: 300, seq: 4 });
    expect(applyOlderHistory(store, 4, page(0, 3, true))).toBe('applied');
    const { timeline, olderHistory } = store.getState();
    expect(timeline.seededAt).toBeNull();
    expect(olderHistory).toEqual({ loading: false, trimmed: false, error: null });
    const full = appendToTimeline(emptyTimeline(), LOG);
    expect(timeline.lanes[timeline.laneIndex['master-1']!]!.rows['dcos-exhibitor']).toEqual(full.lanes[0]!.rows['dcos-exhibitor']);
  });

  it('says when the room keeps nothing older though the timeline does not reach t=0', () => {
    const store = createBootStore();
    applySnapshot(store, snapshot(6), 0);
    expect(applyOlderHistory(store, 7, page(4, 6, true))).toBe('applied');
    expect(store.getState().olderHistory.trimmed).toBe(true);
    expect(store.getState().timeline.seededAt?.seq).toBe(5);
  });

  it('drops a page of another epoch or asked for before a newer snapshot, and keeps a refusal to show', () => {
    const store = createBootStore();
    applySnapshot(store, snapshot(6), 0);
    const before = store.getState().timeline;
    expect(applyOlderHistory(store, 7, page(3, 6, false, 2))).toBe('stale');
    expect(store.getState().timeline).toBe(before);
    applySnapshot(store, snapshot(8), 0);
    expect(applyOlderHistory(store, 7, page(3, 6, false))).toBe('stale');
    expect(applyOlderHistory(store, 9, { ok: false, error: 'rate limit: slow down' })).toBe('refused');
    expect(store.getState().olderHistory).toEqual({ loading: false, trimmed: false, error: 'rate limit: slow down' });
  });

  it('keeps a page that arrives while a big batch is being folded across tasks (its commit holds the page too)', () => {
    const store = createBootStore();
    applySnapshot(store, snapshot(6), 0);
    const tasks: Array<() => void> = [];
    const folder = createBatchFolder(store, { now: () => 0, onVerdict: () => undefined, schedule: (fn) => tasks.push(fn), max: 1 });
    const next = [11, 12].map((seq) => ({ seq, simTimeMs: seq * 100, type: 'unit', node: 'master-2', unit: 'dcos-exhibitor', from: 'pending', to: 'starting', cause: { text: `late ${seq}` } }) as SimEvent);
    folder.push({ epoch: 1, fromSeq: 11, toSeq: 12, simTimeMs: 1_200, events: next });
    expect(tasks).toHaveLength(1); // one slice folded into the draft, the other waits for its task
    const answer = page(3, 6, false);
    expect(applyOlderHistory(store, 7, answer)).toBe('applied');
    folder.mapDraft((draft) => ({ ...draft, timeline: timelineWithPage(draft, 7, answer) ?? draft.timeline }));
    tasks.shift()!();
    const { timeline, lastSeq } = store.getState();
    expect(lastSeq).toBe(12);
    expect(timeline.seededAt).toEqual({ simTimeMs: 300, seq: 4 });
    expect(timeline.lanes[timeline.laneIndex['master-2']!]!.rows['dcos-exhibitor']!.state).toBe('starting');
  });
});
