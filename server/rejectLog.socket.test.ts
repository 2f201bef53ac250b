// Rejected commands are logged with bounded, sanitised fields (handlers/rejectLog.ts): a payload full of
// attacker-chosen keys and values puts none of them in the log; a long or control-character-laden error is cut and
// flattened; a flood from many sockets is capped process-wide, and the next line says how many were left out.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { request } from './testing/harness.ts';
import { createRejectLog, REJECT_LOG_BURST, sanitiseText } from './handlers/rejectLog.ts';
import { silentLogger } from './log.ts';
import { useServerPerTest } from './testing/serverPerTest.ts';

const t = useServerPerTest();

function capture() {
  const lines: string[] = [];
  return { lines, logger: pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }) };
}

describe('rejected commands in the log', () => {
  it('logs issue codes and our own paths, never the keys or values a client chose', async () => {
    const { lines, logger } = capture();
    await t.start({ logger });
    const socket = await t.connect();
    await request(socket, 'sim:join', {});
    const evil = `EVIL_${'k'.repeat(5_000)}`;
    const payload = { kind: 'clear', [evil]: 'EVIL_VALUE\n{"forged":"line"}', nested: { [`${evil}2`]: 1 } };
    const answer = await request(socket, 'fault:inject', payload);
    expect(answer.ok).toBe(false);
    const rejected = lines.filter((l) => l.includes('command rejected'));
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).not.toContain('EVIL');
    expect(rejected[0].length).toBeLessThan(400);
    const entry = JSON.parse(rejected[0]) as { command: string; reason: string; issues: Array<{ code: string; path: string }> };
    expect(entry).toMatchObject({ command: 'fault:inject', reason: 'invalid payload' });
    expect(entry.issues.length).toBeGreaterThan(0);
  });

  it('cuts and flattens an error text', () => {
    expect(sanitiseText(`a\nb\u0000c\u202ed${'x'.repeat(500)}`)).toMatch(/^a b c dx+…$/);
    expect(sanitiseText('x'.repeat(500)).length).toBe(201);
  });

  it('caps the lines process-wide and reports how many were left out', () => {
    const { lines, logger } = capture();
    let now = 0;
    const log = createRejectLog(logger, () => now);
    for (let i = 0; i < 10_000; i++) log(`socket-${i % 50}`, 'sim:control', { error: 'nope' });
    expect(lines).toHaveLength(REJECT_LOG_BURST);
    now += 1_000;
    log('socket-x', 'sim:control', { error: 'nope' });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ suppressed: 10_000 - REJECT_LOG_BURST });
    expect(createRejectLog(silentLogger(), () => 0)).toBeTypeOf('function');
  });
});
