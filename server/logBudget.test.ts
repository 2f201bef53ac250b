// Issue 18, item 8: warning lines are under one process-wide budget, and an upload's refused steps are one line.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetedLogger, WARN_LOG_BURST } from './logBudget.ts';
import { startManualClockServer, type ManualClockServer } from './testing/manualClockServer.ts';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, logger: pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }) };
}

describe('budgetedLogger', () => {
  it('writes a burst of warnings, counts the rest, and says how many on the next line written', () => {
    let now = 0;
    const { lines, logger } = capture();
    const log = budgetedLogger(logger, () => now);
    const child = log.child({ part: 'x' });
    for (let i = 0; i < 1000; i++) (i % 2 === 0 ? log : child).warn({ i }, 'flood');
    expect(lines).toHaveLength(WARN_LOG_BURST);
    log.info('info lines are not budgeted');
    expect(lines).toHaveLength(WARN_LOG_BURST + 1);
    now += 60_000;
    log.warn({ k: 1 }, 'after');
    expect(lines.at(-1)).toMatchObject({ msg: 'after', k: 1, suppressed: 1000 - WARN_LOG_BURST });
  });
});

describe('an upload whose steps the engine refuses', () => {
  let server: ManualClockServer;
  const { lines, logger } = capture();
  beforeAll(async () => {
    server = await startManualClockServer(undefined, { logger });
    server.app.rooms.getOrCreate('source');
    server.app.rooms.getOrCreate('target');
  });
  afterAll(() => server.close());

  it('logs one line for the first refused step and one summary line, not one per step', async () => {
    const source = server.app.rooms.get('source')!;
    const recording = source.recording();
    // The same agent crashed 400 times: every crash after the first is refused by the engine.
    const steps = Array.from({ length: 400 }, (_, i) => ({ atMs: 1000 + i, fault: { kind: 'crash' as const, node: 'agent-1' } }));
    const body = JSON.stringify({ ...recording, steps, untilMs: 5000 });
    const res = await fetch(`${server.url}/api/rooms/target/recording`, { method: 'POST', body, headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(200);
    const target = server.app.rooms.get('target')!;
    target.control({ action: 'speed', speed: 50 });
    server.drive(target, 100);
    const rejected = lines.filter((l) => String(l.msg).startsWith('scenario step rejected'));
    expect(rejected).toHaveLength(1);
    const reset = target.loadScenario({ ...recording, steps: [] } as never);
    expect(reset).toBeNull();
    const summary = lines.filter((l) => String(l.msg).startsWith('scenario steps rejected in all'));
    expect(summary).toHaveLength(1);
    expect(summary[0]!.rejected).toBeGreaterThan(100);
  });
});
