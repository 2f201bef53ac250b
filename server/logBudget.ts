// A process-wide budget for warning lines (issue 18, item 8: uploads whose steps were refused wrote 185,000 warning
// lines in 20 s). Every `warn` (and `error`) line of the app's logger, and of its child loggers, draws from one token
// bucket: WARN_LOG_PER_SECOND lines a second, bursts of WARN_LOG_BURST. A line past the budget is counted, not
// written, and the next line that is written carries `suppressed: <n>`. The rejected-command lines (info level,
// handlers/rejectLog.ts) have their own bucket of the same kind (LineBudget). Lines below warn are not budgeted:
// they are off at the default LOG_LEVEL or bounded by their own budgets.
import type { Logger } from 'pino';
import { TokenBucket } from './rateLimit.ts';

export const WARN_LOG_PER_SECOND = 20;
export const WARN_LOG_BURST = 100;

/** A line budget: take() says whether this line may be written and how many were left out before it. */
export class LineBudget {
  private readonly bucket: TokenBucket;
  private suppressed = 0;

  constructor(perSecond: number, burst: number, now: () => number) {
    this.bucket = new TokenBucket(perSecond, burst, now);
  }

  /** null: leave the line out (counted); otherwise the count of lines left out since the last one written. */
  take(): number | null {
    if (!this.bucket.take()) {
      this.suppressed += 1;
      return null;
    }
    const left = this.suppressed;
    this.suppressed = 0;
    return left;
  }
}

const BUDGETED = new Set<PropertyKey>(['warn', 'error']);

/** `logger` with its warn and error lines (its children's too) under one LineBudget. */
export function budgetedLogger(logger: Logger, now: () => number, budget = new LineBudget(WARN_LOG_PER_SECOND, WARN_LOG_BURST, now)): Logger {
  const wrap = (target: Logger): Logger =>
    new Proxy(target, {
      get(obj, key, receiver) {
        const value = Reflect.get(obj, key, receiver) as unknown;
        if (key === 'child' && typeof value === 'function') {
          return (...args: unknown[]) => wrap((value as (...a: unknown[]) => Logger).apply(obj, args));
        }
        if (!BUDGETED.has(key) || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (!obj.isLevelEnabled(key as 'warn')) return;
          const left = budget.take();
          if (left === null) return;
          if (left > 0) {
            const [first, ...rest] = args;
            if (typeof first === 'object' && first !== null && !(first instanceof Error)) return (value as (...a: unknown[]) => void).apply(obj, [{ ...first, suppressed: left }, ...rest]);
            return (value as (...a: unknown[]) => void).apply(obj, [{ suppressed: left, ...(first instanceof Error ? { err: first } : {}) }, ...(first instanceof Error ? rest : args)]);
          }
          return (value as (...a: unknown[]) => void).apply(obj, args);
        };
      },
    });
  return wrap(logger);
}
