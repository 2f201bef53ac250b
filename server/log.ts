// The server's logger: pino, one JSON line per meaningful event; pino-pretty when stdout is a terminal so a
// teacher running `npm start` reads plain sentences. LOG_LEVEL overrides the level.
import pino, { type Logger } from 'pino';

export function createLogger(options: { level?: string; pretty?: boolean } = {}): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  const pretty = options.pretty ?? process.stdout.isTTY === true;
  if (!pretty) return pino({ level, base: undefined });
  return pino({ level, base: undefined, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } });
}

/** For tests: logs nothing. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
