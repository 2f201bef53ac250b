// A room is a recording: what the room emitted, the CLI prints again from the downloaded file, byte for byte, and
// any past moment rebuilt from checkpoints equals a fresh replay. Rooms run the real engine on a fake clock, with
// scenarios whose steps wait for facts and name symbolic nodes, plus clicks of our own.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../shared/engine/index.ts';
import type { Fault } from '../../../shared/engine/types.ts';
import { recordingSchema, type Recording } from '../../../shared/protocol/recording.ts';
import { captureCli } from '../../cli/capture.ts';
import { ndjsonLine } from '../../cli/run.ts';
import type { Room } from '../room.ts';
import { freshReplay, loadScenarioInto, realRoom } from '../../testing/realRoom.ts';

const dir = mkdtempSync(join(tmpdir(), 'bootscope-recording-'));

function inject(room: Room, fault: Fault): void {
  const ack = room.inject(fault);
  if (!ack.ok) throw new Error(ack.error);
}

/** The room's events as the CLI would print them (the CLI's closing summary line is extra). */
function roomLines(room: Room): string[] {
  const snapshot = room.snapshot();
  expect(snapshot.historyTrimmed).toBe(0);
  return snapshot.events.map(ndjsonLine);
}

async function cliLines(recording: Recording, file: string): Promise<string[]> {
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify(recording, null, 2));
  const run = await captureCli(['--scenario', path, '--format', 'ndjson']);
  expect(run.stderr).toEqual([]);
  expect(run.code).toBe(0);
  const lines = run.stdout.split('\n').filter((l) => l.length > 0);
  return lines.slice(0, -1); // the summary
}

/**
 * zk-single-failure (steps that wait for facts, @quiet-master) plus clicks: at t=0, two at one paused instant
 * after a step, and one while the scenario waits for the cluster to turn unhealthy.
 */
function zkRoomWithClicks(): Room {
  const { room, run } = realRoom();
  loadScenarioInto(room, 'zk-single-failure');
  room.control({ action: 'speed', speed: 100 });
  inject(room, { kind: 'delay', node: 'master-2', unit: 'dcos-mesos-dns', ms: 4_000 });
  run(3_000); // 5:00
  room.control({ action: 'pause' });
  inject(room, { kind: 'kill', node: 'agent-1', unit: 'dcos-mesos-slave' });
  room.control({ action: 'step' });
  inject(room, { kind: 'kill', node: 'agent-2', unit: 'dcos-mesos-slave' });
  inject(room, { kind: 'partition', node: 'public-agent-1' });
  room.control({ action: 'resume' });
  run(1_410); // 7:21, after the 7:00 stop, while the 7:20 step waits for "cluster unhealthy"
  inject(room, { kind: 'heal', node: 'public-agent-1' });
  run(4_000);
  return room;
}

describe('a room is a recording', () => {
  it("a room's recording replayed by the CLI prints the same events byte for byte", async () => {
    const room = zkRoomWithClicks();
    const recording = room.recording();
    expect(recordingSchema.safeParse(recording).success).toBe(true);
    // Firings are concrete: no waits, no role names.
    expect(JSON.stringify(recording.steps)).not.toMatch(/"when"|"@/);
    expect(recording.steps.some((s) => s.say !== undefined)).toBe(true);
    expect(recording.steps.filter((s) => s.fault).length).toBe(7); // 5 clicks, the scenario's stop and start
    // The heal click landed while the scenario's step waited for its fact, which then fired later.
    const heal = recording.steps.find((s) => s.fault?.kind === 'heal')!;
    const waited = recording.steps.find((s) => s.say?.startsWith('Within a minute'))!;
    expect(heal.atMs).toBeGreaterThan(440_000);
    expect(waited.atMs).toBeGreaterThan(heal.atMs);
    expect(recording.untilMs).toBe(room.engine.simTimeMs);
    const expected = roomLines(room);
    expect(expected.length).toBeGreaterThan(500);
    expect(await cliLines(recording, 'zk.json')).toEqual(expected);
  });

  it('agent-partition with a click while its step waits for a fact replays byte for byte too', async () => {
    const { room, run } = realRoom();
    loadScenarioInto(room, 'agent-partition');
    room.control({ action: 'speed', speed: 100 });
    run(4_400); // past the 7:00 partition, waiting for agent-1's health to turn unknown
    inject(room, { kind: 'crash', node: 'public-agent-1' });
    run(2_000);
    inject(room, { kind: 'boot', node: 'public-agent-1' });
    run(4_000);
    expect(await cliLines(room.recording(), 'partition.json')).toEqual(roomLines(room));
  });

  it('a reset or scenario load starts a new recording', () => {
    const { room, run } = realRoom();
    inject(room, { kind: 'partition', node: 'agent-1' });
    run(200);
    expect(room.recording().steps).toHaveLength(1);
    room.control({ action: 'reset', seed: 4 });
    expect(room.recording()).toMatchObject({ seed: 4, steps: [], untilMs: 0, name: 'default' });
    loadScenarioInto(room, 'healthy-boot');
    expect(room.recording()).toMatchObject({ name: 'healthy-boot', steps: [] });
  });
});

describe('the view at a past moment', () => {
  it('the view at t equals a fresh replay to t', () => {
    const room = zkRoomWithClicks();
    const recording = room.recording();
    const memory = room.tape.memory();
    expect(memory.checkpoints.count).toBeGreaterThan(3);
    const faultTimes = recording.steps.filter((s) => s.fault).map((s) => s.atMs);
    const moments = [0, 1, memory.checkpoints.times[1], memory.checkpoints.times[2] + 1, ...faultTimes, ...faultTimes.map((t) => t - 1), 333_333, recording.untilMs];
    for (const t of moments) {
      expect(room.viewAt(t), `view at ${t}`).toEqual(freshReplay(recording, t).view());
    }
    expect(room.viewAt(recording.untilMs)).toEqual(room.engine.view());
  });

  it('at a fault time the view already shows the fault (steps at exactly t are applied)', () => {
    const room = zkRoomWithClicks();
    const stop = room.recording().steps.find((s) => s.fault?.kind === 'stop')!;
    expect(room.viewAt(stop.atMs).faults.map((f) => f.fault)).toContainEqual(stop.fault);
    expect(room.viewAt(stop.atMs - 1).faults.map((f) => f.fault)).not.toContainEqual(stop.fault);
  });

  it('the baseline view has no faults: the same cluster and seed, booted undisturbed', () => {
    const room = zkRoomWithClicks();
    const { cluster, seed, untilMs } = room.recording();
    for (const t of [untilMs, 200_000, 450_000, 10_000]) {
      const view = room.viewAt(t, { baseline: true });
      expect(view.faults).toEqual([]);
      const twin = createEngine({ cluster, seed });
      twin.advanceTo(t);
      expect(view).toEqual(twin.view());
    }
    expect(room.tape.memory().baseline?.count).toBeGreaterThan(3);
  });
});
