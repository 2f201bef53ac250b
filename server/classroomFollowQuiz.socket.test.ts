// Follow the presenter and predict-then-reveal (issue 9) over real sockets and the real engine: what a teacher and a
// class see. The presenter's focus reaches every viewer (and late joiners); a round collects answers as a count,
// then the reveal injects the fault and scores every answer against what it did.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureCli } from './cli/capture.ts';
import { ndjsonLine } from './cli/run.ts';
import type { FollowState, QuizState } from '../shared/protocol/classroom.ts';
import { request, until, type ClientSocket } from './testing/harness.ts';
import { useRealSocketRoom } from './testing/realSocketRoom.ts';
import { QUIZ_MAX_ANSWERS } from './room/classroom.ts';

const KEY = 'teacher-secret-0123456789abcdef';
const STOP_EXHIBITOR = { kind: 'stop', node: 'master-1', unit: 'dcos-exhibitor' } as const;
const env = useRealSocketRoom({ presenterKey: KEY });

async function joinAs(payload: object): Promise<ClientSocket> {
  const socket = await env.connected();
  const ack = await request(socket, 'sim:join', payload);
  if (!ack.ok) throw new Error(ack.error);
  return socket;
}

/** A presenter who has booted the class room to a healthy cluster (7 simulated minutes). */
async function bootedClass(): Promise<ClientSocket> {
  const presenter = await joinAs({ key: KEY, name: 'Ms Rivera' });
  await request(presenter, 'sim:control', { action: 'resume' });
  env.runRoom(env.defaultRoom(), 420_000);
  await request(presenter, 'sim:control', { action: 'pause' });
  return presenter;
}

function latest<T>(socket: ClientSocket, event: 'ui:follow' | 'quiz:state'): { value: T | undefined; count: number } {
  const box: { value: T | undefined; count: number } = { value: undefined, count: 0 };
  socket.on(event, (value: unknown) => {
    box.value = value as T;
    box.count += 1;
  });
  return box;
}

describe('follow the presenter', () => {
  const FOCUS: FollowState = { selected: { node: 'master-1', unit: 'dcos-exhibitor' }, cursorMs: 60_000, panels: ['critical'] };

  it("the presenter's selection, cursor and panels reach every viewer, and a late joiner gets them at once", async () => {
    const presenter = await bootedClass();
    const viewer = await joinAs({});
    const seen = latest<FollowState>(viewer, 'ui:follow');
    const presenterSeen = latest<FollowState>(presenter, 'ui:follow');
    expect(await request(presenter, 'ui:follow', FOCUS)).toEqual({ ok: true });
    await until(() => seen.value !== undefined, 5_000, 'the follow relay');
    expect(seen.value).toEqual(FOCUS);
    // The presenter is not echoed its own focus.
    expect(presenterSeen.count).toBe(0);
    const late = await env.connected();
    const lateSeen = latest<FollowState>(late, 'ui:follow');
    await request(late, 'sim:join', {});
    await until(() => lateSeen.value !== undefined, 5_000, 'the focus on join');
    expect(lateSeen.value).toEqual(FOCUS);
  });

  it('only the presenter leads, and an open room has nobody to follow', async () => {
    await bootedClass();
    const viewer = await joinAs({});
    const refused = await request(viewer, 'ui:follow', FOCUS);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatch(/only the presenter/);
    const other = await env.connected();
    expect((await request(other, 'sim:join', { room: 'free-play' })).ok).toBe(true);
    const open = await request(other, 'ui:follow', FOCUS);
    expect(open.ok).toBe(false);
    if (!open.ok) expect(open.error).toMatch(/open room/);
  });

  it('a flood of focus changes and questions is rate-limited: viewers get a bounded number, the room stays', async () => {
    const presenter = await bootedClass();
    const viewer = await joinAs({});
    const seen = latest<FollowState>(viewer, 'ui:follow');
    const quizzes = latest<QuizState | null>(viewer, 'quiz:state');
    const acks = await Promise.all(
      Array.from({ length: 400 }, (_, i) =>
        i % 4 === 0
          ? request(presenter, 'quiz:ask', { fault: STOP_EXHIBITOR })
          : request(presenter, 'ui:follow', { ...FOCUS, cursorMs: i * 1_000 }),
      ),
    );
    expect(acks.filter((a) => !a.ok && /rate limit/.test(a.error)).length).toBeGreaterThan(300);
    env.clock += 60_000;
    // After the flood the viewer's last relay arrives before this ack, so the counts below are final.
    expect(await request(viewer, 'sim:resync', {})).toMatchObject({ ok: true });
    expect(seen.count).toBeLessThan(60);
    expect(quizzes.count).toBeLessThan(60);
    expect(await request(presenter, 'ui:follow', FOCUS)).toEqual({ ok: true });
    expect(env.defaultRoom().engine.view().faults).toEqual([]);
  });

  it('refuses malformed focus: unknown panels, negative cursors, extra fields', async () => {
    const presenter = await bootedClass();
    for (const bad of [
      { ...FOCUS, panels: ['everything'] },
      { ...FOCUS, cursorMs: -1 },
      { ...FOCUS, extra: 1 },
      { selected: { node: 'x'.repeat(100), unit: 'u' }, cursorMs: null, panels: [] },
      'focus',
    ]) {
      expect((await request(presenter, 'ui:follow', bad)).ok, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('predict, then reveal', () => {
  it('counts answers, then injects and scores them against what the fault did', async () => {
    const presenter = await bootedClass();
    const ana = await joinAs({ name: 'Ana' });
    const ben = await joinAs({ name: 'Ben' });
    const board = latest<QuizState | null>(presenter, 'quiz:state');
    const asked = await request<{ quiz: QuizState }>(presenter, 'quiz:ask', { fault: STOP_EXHIBITOR });
    expect(asked.ok).toBe(true);
    if (!asked.ok) return;
    expect(asked.quiz).toMatchObject({ phase: 'asking', answers: 0, question: expect.stringMatching(/What will fail if we stop .*Exhibitor.*master-1/i) });
    // Asking injects nothing: the cluster is as it was.
    expect(env.defaultRoom().engine.view().faults).toEqual([]);
    const { id } = asked.quiz;
    expect(await request(ana, 'quiz:answer', { id, picks: ['master-1/dcos-exhibitor', 'master-1/dcos-marathon'] })).toEqual({ ok: true, answers: 1 });
    expect(await request(ben, 'quiz:answer', { id, picks: ['master-1/dcos-exhibitor'] })).toEqual({ ok: true, answers: 2 });
    // A changed mind replaces the answer; it is not a second one.
    expect(await request(ben, 'quiz:answer', { id, picks: ['master-1/dcos-exhibitor', 'agent-1/dcos-mesos-slave'] })).toEqual({ ok: true, answers: 2 });
    await until(() => board.value?.answers === 2, 5_000, 'the presenter sees two answers');
    // The picks stay secret until the reveal.
    expect(board.value?.result).toBeUndefined();

    const revealed = await request<{ quiz: QuizState }>(presenter, 'quiz:reveal', {});
    expect(revealed.ok).toBe(true);
    if (!revealed.ok) return;
    const result = revealed.quiz.result!;
    expect(revealed.quiz.phase).toBe('revealed');
    // The fault went in, by the presenter.
    expect(env.defaultRoom().engine.view().faults.map((f) => f.fault)).toContainEqual(STOP_EXHIBITOR);
    const failed = result.failed.map((a) => `${a.node}/${a.unit}`);
    expect(failed).toContain('master-1/dcos-exhibitor');
    expect(result.respondents).toBe(2);
    expect(result.votes).toContainEqual({ ref: 'master-1/dcos-exhibitor', count: 2 });
    expect(result.nobodyExpected).not.toContain('master-1/dcos-exhibitor');
    for (const ref of result.nobodyExpected) expect(failed).toContain(ref);
    // "What happened" is what then happens: run the room on and every unit the reveal named has left healthy.
    await request(presenter, 'sim:control', { action: 'resume' });
    env.runRoom(env.defaultRoom(), 420_000 + result.horizonMs);
    const log = env.defaultRoom().eventLog();
    for (const unit of result.failed) {
      expect(log.some((e) => e.type === 'unit' && e.node === unit.node && e.unit === unit.unit && e.simTimeMs === unit.atMs && e.to === unit.to), `${unit.node}/${unit.unit}`).toBe(true);
    }
    // Late answers are refused; the presenter closes the round for everyone.
    expect((await request(ana, 'quiz:answer', { id, picks: [] })).ok).toBe(false);
    const anaBoard = latest<QuizState | null>(ana, 'quiz:state');
    expect(await request(presenter, 'quiz:close', {})).toEqual({ ok: true });
    await until(() => anaBoard.count > 0 && anaBoard.value === null, 5_000, 'the round closes for the class');
  });

  it('roles: only the presenter asks, reveals and closes; the presenter does not answer; picks must exist', async () => {
    const presenter = await bootedClass();
    const viewer = await joinAs({});
    for (const [command, payload] of [['quiz:ask', { fault: STOP_EXHIBITOR }], ['quiz:reveal', {}], ['quiz:close', {}]] as const) {
      const ack = await request(viewer, command, payload);
      expect(ack.ok, command).toBe(false);
      if (!ack.ok) expect(ack.error, command).toMatch(/only the presenter/);
    }
    const asked = await request<{ quiz: QuizState }>(presenter, 'quiz:ask', { fault: STOP_EXHIBITOR });
    if (!asked.ok) throw new Error(asked.error);
    expect((await request(presenter, 'quiz:answer', { id: asked.quiz.id, picks: [] })).ok).toBe(false);
    const ghost = await request(viewer, 'quiz:answer', { id: asked.quiz.id, picks: ['master-9/dcos-exhibitor'] });
    expect(ghost.ok).toBe(false);
    if (!ghost.ok) expect(ghost.error).toMatch(/no unit 'master-9\/dcos-exhibitor'/);
    expect((await request(viewer, 'quiz:answer', { id: asked.quiz.id + 1, picks: [] })).ok).toBe(false);
    expect((await request(viewer, 'quiz:answer', { id: asked.quiz.id, picks: Array.from({ length: 65 }, () => 'master-1/dcos-exhibitor') })).ok).toBe(false);
    // An inapplicable fault cannot be asked about.
    expect((await request(presenter, 'quiz:ask', { fault: { kind: 'start', node: 'master-1', unit: 'dcos-exhibitor' } })).ok).toBe(false);
  });

  it('a late joiner sees the open round; a flood of answers is rate-limited and the class gets few count broadcasts', async () => {
    const presenter = await bootedClass();
    const asked = await request<{ quiz: QuizState }>(presenter, 'quiz:ask', { fault: STOP_EXHIBITOR });
    if (!asked.ok) throw new Error(asked.error);
    const late = await env.connected();
    const lateBoard = latest<QuizState | null>(late, 'quiz:state');
    await request(late, 'sim:join', {});
    await until(() => lateBoard.value?.id === asked.quiz.id, 5_000, 'the open round on join');
    const board = latest<QuizState | null>(presenter, 'quiz:state');
    const acks = await Promise.all(Array.from({ length: 200 }, (_, i) => request(late, 'quiz:answer', { id: asked.quiz.id, picks: [i % 2 === 0 ? 'master-1/dcos-exhibitor' : 'master-2/dcos-exhibitor'] })));
    expect(acks.filter((a) => !a.ok && /rate limit/.test(a.error)).length).toBeGreaterThan(100);
    await new Promise((resolve) => setTimeout(resolve, 400));
    // One socket is one answer however often it answers, and the count went out at most a few times.
    expect(board.value?.answers).toBe(1);
    expect(board.count).toBeLessThanOrEqual(2);
    expect(QUIZ_MAX_ANSWERS).toBeGreaterThanOrEqual(100);
  });
});

describe('narration paced by the presenter', () => {
  it('a wait step pauses the room after its narration until the presenter continues, and the log is unchanged', async () => {
    const presenter = await joinAs({ key: KEY });
    expect((await request(presenter, 'scenario:load', { name: 'zk-quorum-loss' })).ok).toBe(true);
    await request(presenter, 'sim:control', { action: 'resume' });
    const playbacks: { paused: boolean; waiting?: boolean }[] = [];
    presenter.on('sim:playback', (p) => playbacks.push(p));
    const room = env.defaultRoom();
    // At the room's 4x a 1 s tick is 4 simulated seconds: from 416 s, one 1.5 s tick would run to 422 s (in many slices
    // of the tick budget) and must stop at the narration at 420 s instead.
    env.runRoom(room, 416_000);
    expect(room.engine.simTimeMs).toBe(416_000);
    env.clock += 1_500;
    room.tick();
    expect(room.engine.simTimeMs).toBe(420_000);
    // More wall time passes, but the room waits at the narration, before the faults it announces.
    for (let i = 0; i < 30; i++) {
      env.clock += 1_000;
      room.tick();
    }
    expect(room.engine.simTimeMs).toBe(420_000);
    expect(room.playback()).toMatchObject({ paused: true, waiting: true });
    const log = room.eventLog();
    expect(log.at(-1)).toMatchObject({ type: 'narration', wait: true });
    expect(room.engine.view().faults).toEqual([]);
    await until(() => playbacks.some((p) => p.waiting === true), 5_000, 'the waiting playback');
    // A viewer cannot continue for the class.
    const viewer = await joinAs({});
    expect((await request(viewer, 'sim:control', { action: 'resume' })).ok).toBe(false);
    expect(await request(presenter, 'sim:control', { action: 'resume' })).toMatchObject({ ok: true, paused: false });
    expect(room.playback().waiting).toBeUndefined();
    env.runRoom(room, 430_000);
    expect(room.engine.view().faults.length).toBe(2);
    // Paced live or headless, the log is the same: the room's recording replays byte for byte.
    const path = join(mkdtempSync(join(tmpdir(), 'bootscope-wait-')), 'rec.json');
    writeFileSync(path, JSON.stringify(room.recording()));
    const run = await captureCli(['--scenario', path, '--format', 'ndjson']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter((l) => l.length > 0).slice(0, -1)).toEqual(room.eventLog().map(ndjsonLine));
  });
});
