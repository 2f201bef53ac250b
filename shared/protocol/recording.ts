// A recording (architecture.md §6): a scenario file (the same zod schema, shared/protocol/schemas.ts) plus
// `version` and `untilMs`, holding every command that changed a room's simulation at the simulated time it took
// effect. The engine turns it back into the room's whole event log. A room writes only concrete steps (no `when`,
// no @symbolic nodes: those were resolved when they fired), so replaying one is exact; a hand-written recording may
// still use them, it is then just a scenario with a fixed end.
import { z } from 'zod';
import { recordingStepSchema, scenarioSchema } from './schemas.ts';

export const RECORDING_VERSION = 1;
/**
 * A room's commands over one epoch. Rooms stop taking clicks at MAX_USER_COMMANDS, which leaves room for a
 * scenario's own steps (at most 500 per scenario), so a room's recording always fits its schema.
 */
export const MAX_RECORDING_STEPS = 5_000;
export const MAX_USER_COMMANDS = MAX_RECORDING_STEPS - 500;

export const recordingSchema = scenarioSchema.extend({
  version: z.literal(RECORDING_VERSION, { error: `version must be ${RECORDING_VERSION} (the only recording format so far)` }),
  steps: z.array(recordingStepSchema).max(MAX_RECORDING_STEPS),
  /** The simulated time the recording was taken at: the CLI's default --until-ms. */
  untilMs: z.number().int().min(0),
});

export type Recording = z.infer<typeof recordingSchema>;
/** What a room records: a command at the simulated time it took effect. */
export type RecordedStep = Pick<Recording['steps'][number], 'atMs' | 'fault' | 'say' | 'by' | 'wait'>;

/** A JSON value is meant as a recording (not a plain scenario) when it says which recording version it is. */
export function looksLikeRecording(json: unknown): boolean {
  return typeof json === 'object' && json !== null && !Array.isArray(json) && 'version' in json;
}
