// A big room stays cheap to watch: batches are bounded (by events, a diagnostics pull counting its node reports),
// a joining viewer gets a bounded recent window of events with `historyTrimmed` saying what came before, a view
// without every master's full pull, and no checkpoints are taken above CHECKPOINT_MAX_NODES. Small rooms keep
// their whole history in the snapshot, and their view as the engine gives it.
import { describe, expect, it } from 'vitest';
import { createEngine, restoreEngine } from '../shared/engine/index.ts';
import type { ClusterConfig } from '../shared/engine/types.ts';
import type { EventBatch, SimSnapshot } from '../shared/protocol/messages.ts';
import { CHECKPOINT_MAX_NODES, Checkpoints } from './room/history/checkpoints.ts';
import { Room } from './room/room.ts';
import { MAX_BATCH_EVENTS, SNAPSHOT_MAX_EVENTS } from './room/history/eventWeight.ts';
import { silentLogger } from './log.ts';
import { SLIM_VIEW_MIN_NODES, snapshotView } from './room/history/snapshotView.ts';
import { eventWeight } from './room/history/eventWeight.ts';
import { applyEvents } from '../shared/protocol/applyEvent.ts';

function room(cluster: ClusterConfig) {
  let wallMs = 0;
  const batches: EventBatch[] = [];
  const r = new Room({
    name: 'big', createEngine, restoreEngine, now: () => wallMs, logger: silentLogger(), maxHistoryEvents: 50_000, autoTick: false,
    broadcast: { events: (_, b) => batches.push(b), snapshot: () => undefined, playback: () => undefined },
  }, { cluster, seed: 1 });
  r.control({ action: 'speed', speed: 100 });
  return { room: r, batches, drive: (ticks: number) => { for (let i = 0; i < ticks; i++) { wallMs += 50; r.tick(); } } };
}


describe('a big room', () => {
  it('sends bounded batches with consecutive seqs, and a snapshot with a bounded recent window', () => {
    const { room: r, batches, drive } = room({ masters: 3, agents: 1_000, publicAgents: 0 });
    drive(100); // 500 simulated seconds: ~49,000 events
    let next = 1;
    for (const b of batches) {
      expect(b.fromSeq).toBe(next);
      expect(b.toSeq).toBe(b.fromSeq + b.events.length - 1);
      expect(b.events.length === 1 || b.events.reduce((a, e) => a + eventWeight(e), 0) <= MAX_BATCH_EVENTS).toBe(true);
      next = b.toSeq + 1;
    }
    expect(Math.max(...batches.map((b) => b.events.length))).toBe(MAX_BATCH_EVENTS);
    const snap: SimSnapshot = r.snapshot();
    expect(snap.lastSeq).toBeGreaterThan(SNAPSHOT_MAX_EVENTS);
    expect(snap.events.reduce((a, e) => a + eventWeight(e), 0)).toBeLessThanOrEqual(SNAPSHOT_MAX_EVENTS);
    expect(snap.events.length).toBeGreaterThan(1_000);
    expect(snap.events[0].seq).toBe(snap.historyTrimmed! + 1);
    expect(snap.events[snap.events.length - 1].seq).toBe(snap.lastSeq);
  });

  it('a small room still sends its whole history and the engine view unchanged', () => {
    const { room: r, drive } = room({ masters: 3, agents: 20, publicAgents: 1 });
    drive(100);
    const snap = r.snapshot();
    expect(snap.historyTrimmed).toBe(0);
    expect(snap.events[0].seq).toBe(1);
    expect(snap.view).toEqual(r.engine.view());
  });

  it('a view over SLIM_VIEW_MIN_NODES keeps only the masters in its diagnostics pulls', () => {
    const engine = createEngine({ cluster: { masters: 3, agents: SLIM_VIEW_MIN_NODES, publicAgents: 0 }, seed: 1 });
    engine.advanceTo(400_000);
    const full = engine.view();
    const slim = snapshotView(full);
    expect(full.diagnostics.nodes.length).toBeGreaterThan(SLIM_VIEW_MIN_NODES);
    expect(slim.diagnostics.nodes.map((n) => n.node)).toEqual(['master-1', 'master-2', 'master-3']);
    expect(slim.diagnostics.updatedMs).toBe(full.diagnostics.updatedMs);
    for (const report of Object.values(slim.diagnosticsByMaster ?? {})) expect(report.nodes.every((n) => n.role === 'master')).toBe(true);
    expect(slim.nodes).toBe(full.nodes);
    expect(JSON.stringify(slim).length).toBeLessThan(JSON.stringify(full).length / 2);
  });

  it('sends dcos-diagnostics pulls with only the masters\' reports, so the page\'s view stays the slim snapshot view', () => {
    const { room: r, batches, drive } = room({ masters: 3, agents: SLIM_VIEW_MIN_NODES, publicAgents: 0 });
    const start = r.snapshot();
    drive(60); // 300 simulated seconds: every master has pulled every node at least once
    const pulls = batches.flatMap((b) => b.events).filter((e) => e.type === 'diagnostics' && e.changed !== undefined);
    expect(pulls.length).toBeGreaterThan(3);
    for (const e of pulls) if (e.type === 'diagnostics') expect(e.changed!.every((n) => n.role === 'master')).toBe(true);
    // Folding the batches onto the snapshot (what the page does) gives the slim view of the engine's own view.
    const folded = applyEvents(start.view, batches.flatMap((b) => b.events));
    expect({ ...folded, simTimeMs: 0 }).toEqual({ ...snapshotView(r.engine.view()), simTimeMs: 0 });
    // The room's history keeps the whole pulls (the event download and the CLI print them).
    const kept = r.eventLog().filter((e) => e.type === 'diagnostics' && e.changed !== undefined);
    expect(kept.some((e) => e.type === 'diagnostics' && e.changed!.length > SLIM_VIEW_MIN_NODES)).toBe(true);
  });

  it('takes no checkpoints above CHECKPOINT_MAX_NODES (each would block the server for seconds)', () => {
    const engine = createEngine({ cluster: { masters: 1, agents: CHECKPOINT_MAX_NODES, publicAgents: 0 }, seed: 1 });
    engine.advanceTo(60_000);
    const checkpoints = new Checkpoints();
    expect(checkpoints.consider(engine, 0)).toBe(false);
    expect(checkpoints.stats().count).toBe(0);
    const small = createEngine({ cluster: { masters: 1, agents: 2, publicAgents: 0 }, seed: 1 });
    small.advanceTo(60_000);
    expect(new Checkpoints().consider(small, 0)).toBe(true);
  });
});
