// Rejected commands are worth a log line each (a teacher debugging a classroom reads them), but a log line must not be
// an attacker's megaphone: a review found every rejection logging the payload's own keys, 29 MB of log in 10 s.
// Invariants: a line has a fixed set of fields, each bounded: the command (one of our registered names), the socket
// id, and either our error text (control characters replaced, cut at MAX_ERROR_CHARS) or, for a payload that failed
// validation, only its zod issue codes and paths, each path segment ours or replaced by '?' (never the text of an
// unknown key or value). Process-wide at most REJECT_LOG_PER_SECOND lines a second (bursts of REJECT_LOG_BURST); the
// rest are counted, and the next line says how many were left out.
import type { Logger } from 'pino';
import type { z } from 'zod';
import { LineBudget } from '../logBudget.ts';

export const REJECT_LOG_PER_SECOND = 20;
export const REJECT_LOG_BURST = 100;
export const MAX_ERROR_CHARS = 200;
const MAX_ISSUES = 3;
const MAX_PATH_DEPTH = 4;
/** A path segment we could have written ourselves: a field name or an index. */
const SAFE_SEGMENT = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

export interface Rejection {
  /** The error sent back to the client (our own text; may quote a bounded value). */
  error: string;
  /** A payload that failed validation: its zod issues (only their codes and paths are logged). */
  issues?: readonly z.core.$ZodIssue[];
}

export type RejectLog = (socketId: string, command: string, rejection: Rejection) => void;

export function sanitiseText(text: string, max = MAX_ERROR_CHARS): string {
  const flat = text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function safePath(path: readonly PropertyKey[]): string {
  const segments = path.slice(0, MAX_PATH_DEPTH).map((s) => (typeof s === 'number' ? String(s) : typeof s === 'string' && SAFE_SEGMENT.test(s) ? s : '?'));
  return (path.length > MAX_PATH_DEPTH ? [...segments, '…'] : segments).join('.');
}

export function createRejectLog(logger: Logger, now: () => number): RejectLog {
  const budget = new LineBudget(REJECT_LOG_PER_SECOND, REJECT_LOG_BURST, now);
  return (socketId, command, rejection) => {
    const suppressed = budget.take();
    if (suppressed === null) return;
    const fields: Record<string, unknown> = { socket: sanitiseText(socketId, 40), command: sanitiseText(command, 40) };
    if (rejection.issues !== undefined) {
      fields.reason = 'invalid payload';
      fields.issues = rejection.issues.slice(0, MAX_ISSUES).map((issue) => ({ code: sanitiseText(String(issue.code), 32), path: safePath(issue.path) }));
    } else fields.error = sanitiseText(rejection.error);
    if (suppressed > 0) fields.suppressed = suppressed;
    logger.info(fields, 'command rejected');
  };
}
