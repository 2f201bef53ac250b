// zod schemas for everything a client, an HTTP query or a scenario file can send. Types derive from them;
// nothing reaches the engine without passing through here.
import { z } from 'zod';
import { SNAPSHOT_ENCODINGS } from './packedSnapshot.ts';
import { faultSchemas } from '../model/faults/registry.ts';
import { nodeIdSchema, unitIdSchema } from '../model/faults/spec.ts';
import { TASK_STATES, UNIT_STATES, type TaskState, type UnitState } from '../model/vocabulary.ts';
import type { ScriptCondition } from '../engine/scriptFacts.ts';
import { MAX_AGENTS, MAX_PUBLIC_AGENTS } from '../model/clusterLimits.ts';

export { MAX_DELAY_MS } from '../model/faults/process.ts';

export const SPEED_MIN = 0.25;
export const SPEED_MAX = 100;
export { MAX_AGENTS, MAX_PUBLIC_AGENTS };
export const ROOM_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;

const nodeId = nodeIdSchema();
const unitId = unitIdSchema();

/** Every fault kind's payload, one member per registry entry (shared/model/faults/registry.ts). */
export const faultSchema = z.discriminatedUnion('kind', faultSchemas());

/** A node count 0..max whose refusal names the field, the limit and what was sent. */
function agentCount(field: string, max: number) {
  const allowed = `${field} must be a whole number from 0 to ${max}`;
  return z.number({ error: allowed }).int({ error: (i) => `${allowed}, got ${String(i.input)}` })
    .min(0, { error: (i) => `${allowed}, got ${String(i.input)}` })
    .max(max, { error: (i) => `${allowed}, got ${String(i.input)}` });
}

export const clusterConfigSchema = z.strictObject({
  masters: z.union([z.literal(1), z.literal(3), z.literal(5)], { error: 'masters must be 1, 3 or 5' }),
  agents: agentCount('agents', MAX_AGENTS),
  publicAgents: agentCount('publicAgents', MAX_PUBLIC_AGENTS),
});

export const seedSchema = z.number().int().min(0).max(2 ** 31 - 1);

export const controlSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('pause') }),
  z.strictObject({ action: z.literal('resume') }),
  z.strictObject({ action: z.literal('step') }),
  /** Run on to the next mark (fault, leader, quorum, health, narration) or SKIP_MAX_MS, whichever comes first. */
  z.strictObject({ action: z.literal('skip') }),
  z.strictObject({ action: z.literal('speed'), speed: z.number().min(SPEED_MIN).max(SPEED_MAX) }),
  z.strictObject({ action: z.literal('reset'), seed: seedSchema.optional(), cluster: clusterConfigSchema.optional() }),
]);

export const roomNameSchema = z.string().regex(ROOM_NAME_PATTERN, 'room names are 1-32 characters: a-z, 0-9 and -');
/** A presenter key as sent (server/presenterKey.ts compares it in constant time); bounded, never echoed. */
export const presenterKeySchema = z.string().min(1, 'key must not be empty').max(256, 'key is too long');
/** `snapshotEncoding: 'deflate-raw'`: this socket accepts `sim:packedSnapshot` (packedSnapshot.ts); absent or 'json': plain snapshots. */
export const joinSchema = z.strictObject({
  room: roomNameSchema.optional(),
  key: presenterKeySchema.optional(),
  name: z.lazy(() => displayNameSchema).optional(),
  snapshotEncoding: z.enum(SNAPSHOT_ENCODINGS).optional(),
});
export const scenarioLoadSchema = z.strictObject({ name: z.string().min(1).max(64) });
/** `at`: explain the unit as it was at that simulated moment of the current epoch (the room checks at <= now). */
export const explainSchema = z.strictObject({
  node: nodeId,
  unit: unitId,
  at: z.number().int('at must be a whole number of milliseconds').min(0, 'at must not be negative').max(Number.MAX_SAFE_INTEGER).optional(),
});
export const resyncSchema = z.strictObject({}).optional();
/** sim:preview's horizon bounds (architecture.md §6); the engine checks the same numbers (shared/engine/preview.ts). */
export const PREVIEW_MAX_HORIZON_MS = 1_800_000;
export const previewSchema = z.strictObject({
  fault: faultSchema,
  horizonMs: z.number().int().min(1, 'horizonMs must be at least 1 ms').max(PREVIEW_MAX_HORIZON_MS, `horizonMs must be at most ${PREVIEW_MAX_HORIZON_MS} ms (30 min)`).optional(),
});

/** A fact a scenario step waits for (shared/engine/scriptFacts.ts): "when the cluster is healthy, say ...". */
export const scriptConditionSchema = z.discriminatedUnion('fact', [
  z.strictObject({ fact: z.literal('cluster'), is: z.enum(['healthy', 'unhealthy', 'unknown']) }),
  z.strictObject({ fact: z.literal('node'), node: nodeId, is: z.enum(['healthy', 'unhealthy', 'unknown']) }),
  z.strictObject({ fact: z.literal('quorum'), is: z.enum(['ok', 'lost']) }),
  z.strictObject({ fact: z.literal('dns'), name: z.enum(['leader.mesos', 'marathon.mesos']), is: z.enum(['resolves', 'fails']) }),
  z.strictObject({ fact: z.literal('leader'), role: z.enum(['mesos', 'marathon']), is: z.enum(['elected', 'none']) }),
  z.strictObject({ fact: z.literal('agent'), node: nodeId, is: z.enum(['registered', 'disconnected', 'unreachable']) }),
  z.strictObject({ fact: z.literal('unit'), node: nodeId, unit: unitId, is: z.enum(UNIT_STATES as [UnitState, ...UnitState[]]) }),
  z.strictObject({ fact: z.literal('task'), is: z.enum(TASK_STATES as [TaskState, ...TaskState[]]), service: z.string().min(1).max(64).optional() }),
]);

const scenarioStepShape = {
  atMs: z.number().int().min(0),
  when: scriptConditionSchema.optional(),
  fault: faultSchema.optional(),
  say: z.string().min(1).max(500).optional(),
  /** Pause a live room after this step's narration until the presenter continues (→); needs `say`. */
  wait: z.boolean().optional(),
};
const STEP_NEEDS = 'a step needs a fault, a say, or both';
const WAIT_NEEDS = 'a step with wait needs a say: the class must read what it waits on';
export const scenarioStepSchema = z.strictObject(scenarioStepShape).refine((s) => s.fault !== undefined || s.say !== undefined, STEP_NEEDS).refine((s) => s.wait !== true || s.say !== undefined, WAIT_NEEDS);

/**
 * A display name a viewer picks (shown as `by.name` on their faults): text only (React escapes it), so control
 * characters are the only ones refused; trimmed, 1-32 characters.
 */
export const DISPLAY_NAME_MAX = 32;
export const displayNameSchema = z.string().max(1_000, 'name is too long')
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'name must not be empty').max(DISPLAY_NAME_MAX, `name must be at most ${DISPLAY_NAME_MAX} characters`)
    .regex(/^[^\p{Cc}]*$/u, 'name must not contain control characters'));
/** Who applied a fault (architecture.md §7; the engine's FaultBy). */
export const faultBySchema = z.strictObject({
  role: z.enum(['presenter', 'viewer', 'scenario']),
  name: displayNameSchema.optional(),
});
/** `viewer:name`: the display name this socket's faults carry as `by.name`. */
export const viewerNameSchema = z.strictObject({ name: displayNameSchema });
/** `room:policy` (presenter only): what the audience of a class room may do. */
export const roomPolicySchema = z.strictObject({ studentsMayInject: z.boolean().optional() });
export type RoomPolicyRequest = z.infer<typeof roomPolicySchema>;
export type ViewerNameRequest = z.input<typeof viewerNameSchema>;
/** POST /api/rooms: a new class room; `scenario` (a built-in's name) brings its own cluster and seed. */
export const createRoomSchema = z.strictObject({
  name: roomNameSchema.optional(),
  cluster: clusterConfigSchema.optional(),
  seed: seedSchema.optional(),
  scenario: z.string().min(1).max(64).optional(),
}).refine((r) => r.scenario === undefined || (r.cluster === undefined && r.seed === undefined), 'a scenario brings its own cluster and seed: give scenario, or cluster and seed, not both');

/** A recording's step may say who applied its fault (a room records it; replay puts it back on the event). */
export const recordingStepSchema = z.strictObject({ ...scenarioStepShape, by: faultBySchema.optional() })
  .refine((s) => s.fault !== undefined || s.say !== undefined, STEP_NEEDS).refine((s) => s.wait !== true || s.say !== undefined, WAIT_NEEDS);

export const scenarioSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]{1,64}$/),
  title: z.string().min(1).max(120),
  description: z.string().max(2000),
  cluster: clusterConfigSchema,
  seed: seedSchema,
  /** How long the scenario runs headless (CLI default for --until-ms). */
  durationMs: z.number().int().positive().max(24 * 3_600_000).optional(),
  steps: z.array(scenarioStepSchema).max(500),
});

export type FaultInput = z.infer<typeof faultSchema>;
export type ControlCommand = z.infer<typeof controlSchema>;
export type JoinRequest = z.input<typeof joinSchema>;
export type ScenarioLoadRequest = z.infer<typeof scenarioLoadSchema>;
export type PreviewRequest = z.infer<typeof previewSchema>;

/** A moment of the room's current epoch, in simulated ms (the room checks it is not in the future). */
const momentSchema = z.number().int('simTimeMs must be a whole number of milliseconds').min(0, 'simTimeMs must not be negative').max(Number.MAX_SAFE_INTEGER);
export const rewindSchema = z.strictObject({ simTimeMs: momentSchema });
export const forkSchema = z.strictObject({ simTimeMs: momentSchema.optional() }).optional();
export type RewindRequest = z.infer<typeof rewindSchema>;
/** A bookmark's name: shown as text (React escapes it), so control characters are the only ones refused. */
export const BOOKMARK_NAME_MAX = 60;
export const bookmarkAddSchema = z.strictObject({
  name: z.string().max(1_000, 'name is too long')
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'name must not be empty').max(BOOKMARK_NAME_MAX, `name must be at most ${BOOKMARK_NAME_MAX} characters`)
      .regex(/^[^\p{Cc}]*$/u, 'name must not contain control characters')),
  atMs: z.number().int('atMs must be a whole number of milliseconds').min(0, 'atMs must not be negative').max(Number.MAX_SAFE_INTEGER).optional(),
});
export type BookmarkAddRequest = z.input<typeof bookmarkAddSchema>;
export type ExplainRequest = z.infer<typeof explainSchema>;
export type ForkRequest = z.infer<typeof forkSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioStep = z.infer<typeof scenarioStepSchema>;

// Two-way check: the schema accepts exactly the conditions the script player understands.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const conditionSchemaMatchesType: Same<z.infer<typeof scriptConditionSchema>, ScriptCondition> = true;
void conditionSchemaMatchesType;

/** One readable line from a zod error: "ms: delay ms must not be negative". */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
