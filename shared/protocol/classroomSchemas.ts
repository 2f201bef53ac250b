// Payloads of the classroom commands (issue 9): `ui:follow`, `quiz:ask`, `quiz:answer`, `quiz:reveal`, `quiz:close`.
// Every one is bounded here (lengths, counts) so a hostile client cannot make the server hold or rebroadcast much.
import { z } from 'zod';
import { nodeIdSchema, unitIdSchema } from '../model/faults/spec.ts';
import { PREVIEW_MAX_HORIZON_MS, faultSchema } from './schemas.ts';
import { FOLLOW_PANELS } from './classroom.ts';

/** Units one viewer may pick in one answer: more than any role runs, far fewer than a flood needs. */
export const QUIZ_MAX_PICKS = 64;

const momentOrLive = z.number().int('cursorMs must be a whole number of milliseconds').min(0).max(Number.MAX_SAFE_INTEGER).nullable();

export const followSchema = z.strictObject({
  selected: z.strictObject({ node: nodeIdSchema(), unit: unitIdSchema() }).nullable(),
  cursorMs: momentOrLive,
  panels: z.array(z.enum(FOLLOW_PANELS)).max(FOLLOW_PANELS.length),
});

export const quizAskSchema = z.strictObject({ fault: faultSchema });

const unitRefSchema = z.string().max(130).regex(/^[^/]{1,64}\/[^/]{1,64}$/, 'a pick is "node/unit", e.g. "master-1/dcos-exhibitor"');
export const quizAnswerSchema = z.strictObject({
  id: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  picks: z.array(unitRefSchema).max(QUIZ_MAX_PICKS, `pick at most ${QUIZ_MAX_PICKS} units`),
});

/** `horizonMs`: how far ahead "what happened" looks (default 5 simulated minutes, like sim:preview). */
export const quizRevealSchema = z.strictObject({
  horizonMs: z.number().int().min(1).max(PREVIEW_MAX_HORIZON_MS).optional(),
}).optional();

export const quizCloseSchema = z.strictObject({}).optional();

export type FollowRequest = z.infer<typeof followSchema>;
export type QuizAskRequest = z.infer<typeof quizAskSchema>;
export type QuizAnswerRequest = z.infer<typeof quizAnswerSchema>;
export type QuizRevealRequest = z.infer<typeof quizRevealSchema>;
