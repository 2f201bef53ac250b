// The server's logger: pino, one JSON line per meaningful event; pino-pretty when stdout is a terminal so a
// teacher running `npm start` reads plain sentences. LOG_LEVEL overrides the level.
import pino, { type Logger } from 'pino';

/**
 * Presenter keys are never logged (server/presenterKey.ts): no call passes one, and this redaction is the second
 * line should a payload ever be logged whole.
 */
export const LOG_REDACT = { paths: ['key', 'presenterKey', '*.key', '*.presenterKey', 'headers["x-presenter-key"]', '*.headers["x-presenter-key"]'], censor: '[redacted]' };

export function createLogger(options: { level?: string; pretty?: boolean } = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  const pretty = options.pretty ?? process.stdout.isTTY === true;
  if (!pretty) return pino({ level, base: undefined, redact: LOG_REDACT });
  return pino({ level, base: undefined, redact: LOG_REDACT, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } });
}

/** For tests: logs nothing. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
