// A room's stored record (architecture.md §8): what brings a room back after a crash or a restart. Its heart is the
// room's recording (issue 6, shared/protocol/recording.ts), the one history format: the deterministic engine turns it
// back into the same events with the same seq. Around it, what the recording does not say: the epoch (so (epoch, seq)
// keeps naming the same events), the rest of a loaded scenario and where its player stands, playback, the presenter
// key's digest (never the key, presenterKey.ts), the policy, bookmarks and where a fork came from.
// Invariants: a record is validated in full before anything is built from it; restoring replays the recording to
// its untilMs on a fresh engine exactly as the CLI would, so a replay that refuses a recorded step is an error, not a
// half-restored room.
import { z } from 'zod';
import { createScriptPlayer, SYMBOLIC_NODES, type ScriptCursor } from '../../../shared/engine/script.ts';
import type { SimEvent } from '../../../shared/engine/types.ts';
import { MAX_RECORDING_STEPS, recordingSchema } from '../../../shared/protocol/recording.ts';
import { describeZodError, recordingStepSchema, roomNameSchema, SPEED_MAX, SPEED_MIN } from '../../../shared/protocol/schemas.ts';
import { MAX_BOOKMARKS } from '../bookmarks.ts';
import type { BranchStart } from '../history/branch.ts';
import type { EngineFactory } from '../../deps.ts';
import type { DurableRoomState, Simulation, StoredRoom } from '../types.ts';

/** Marks a file as ours, and which shape it has; a later shape gets a new version and a reader for the old one. */
export const ROOM_RECORD_FORMAT = 'bootscope-room';
export const ROOM_RECORD_VERSION = 1;

const cursorSchema = z.strictObject({
  nextStep: z.number().int().min(0),
  bound: z.partialRecord(z.enum(SYMBOLIC_NODES), z.string().min(1).max(64)).optional(),
  armed: z.literal(true).optional(),
});

export const roomRecordSchema = z.strictObject({
  format: z.literal(ROOM_RECORD_FORMAT),
  version: z.literal(ROOM_RECORD_VERSION),
  room: roomNameSchema,
  epoch: z.number().int().min(0),
  recording: recordingSchema,
  scenario: z.strictObject({ name: z.string().min(1).max(64), title: z.string().max(200), description: z.string().max(4_000) }).nullable(),
  script: z.array(recordingStepSchema).max(MAX_RECORDING_STEPS),
  cursor: cursorSchema,
  paused: z.boolean(),
  speed: z.number().min(SPEED_MIN).max(SPEED_MAX),
  presenterKeyDigest: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  studentsMayInject: z.boolean(),
  bookmarks: z.array(z.strictObject({ id: z.number().int().min(1), name: z.string().min(1).max(200), atMs: z.number().int().min(0) })).max(MAX_BOOKMARKS),
  nextBookmarkId: z.number().int().min(1),
  forkOf: z.strictObject({ room: roomNameSchema, atMs: z.number().int().min(0) }).nullable(),
  /** Wall clock of the write (for people reading the directory; restoring does not depend on it). */
  savedAt: z.string().max(40),
});

export type RoomRecord = z.infer<typeof roomRecordSchema>;

/** The record of `room` as it stands now. */
export function roomRecord(room: StoredRoom, savedAtWallMs: number): RoomRecord {
  const state: DurableRoomState = room.durableState();
  return {
    format: ROOM_RECORD_FORMAT,
    version: ROOM_RECORD_VERSION,
    room: room.name,
    ...state,
    script: state.script.map((s) => ({ ...s })),
    cursor: { ...state.cursor },
    savedAt: new Date(savedAtWallMs).toISOString(),
  };
}

export type ParsedRecord = { ok: true; record: RoomRecord } | { ok: false; error: string };

export function parseRoomRecord(json: unknown): ParsedRecord {
  const parsed = roomRecordSchema.safeParse(json);
  if (!parsed.success) return { ok: false, error: `not a room record: ${describeZodError(parsed.error)}` };
  const record = parsed.data;
  if (record.cursor.nextStep > record.script.length) return { ok: false, error: `cursor.nextStep ${record.cursor.nextStep} is past the script's ${record.script.length} steps` };
  return { ok: true, record };
}

export interface RestoredRoom {
  start: BranchStart;
  sim: Simulation;
  state: Omit<DurableRoomState, 'recording' | 'scenario' | 'script'>;
}

/**
 * Replays the record's recording to its untilMs on a fresh engine (exactly what `npm run simulate --scenario rec.json`
 * does), giving the engine, the recorded steps and every event up to then with their original seq.
 */
export function restoreFromRecord(record: RoomRecord, createEngine: EngineFactory): RestoredRoom {
  const { recording } = record;
  const engine = createEngine({ cluster: recording.cluster, seed: recording.seed });
  const advance = createScriptPlayer(recording.steps).advanceTo(engine, recording.untilMs);
  if (advance.errors.length > 0) throw new Error(`the recording does not replay: ${advance.errors[0].error}`);
  const events: SimEvent[] = advance.events;
  const steps = recording.steps.map((s) => ({ ...s }));
  const cursor: ScriptCursor = record.cursor;
  return {
    start: { atMs: recording.untilMs, engine, steps, events },
    sim: { cluster: recording.cluster, seed: recording.seed, scenario: record.scenario, script: record.script },
    state: {
      epoch: record.epoch,
      cursor,
      paused: record.paused,
      speed: record.speed,
      presenterKeyDigest: record.presenterKeyDigest,
      studentsMayInject: record.studentsMayInject,
      bookmarks: record.bookmarks,
      nextBookmarkId: record.nextBookmarkId,
      forkOf: record.forkOf,
    },
  };
}
