// The cluster-size ceiling (architecture.md §8: 10,000 private and 1,000 public agents) at every door a size comes
// through: the CLI, a socket reset, a scenario file, POST /api/rooms and a recording upload. The limit itself is
// allowed; one more is refused with a message naming the field, the allowed range and what was sent.
import { describe, expect, it } from 'vitest';
import { MAX_AGENTS, MAX_PUBLIC_AGENTS } from '../shared/model/clusterLimits.ts';
import { RECORDING_VERSION, recordingSchema } from '../shared/protocol/recording.ts';
import { controlSchema, createRoomSchema, describeZodError, scenarioSchema } from '../shared/protocol/schemas.ts';
import { parseCliArgs } from './cli/args.ts';
import { request } from './testing/harness.ts';
import { useServerPerTest } from './testing/serverPerTest.ts';

const biggest = { masters: 5, agents: MAX_AGENTS, publicAgents: MAX_PUBLIC_AGENTS } as const;
const cases = [
  ['agents', { ...biggest, agents: MAX_AGENTS + 1 }, /agents must be a whole number from 0 to 10000, got 10001/],
  ['publicAgents', { ...biggest, publicAgents: MAX_PUBLIC_AGENTS + 1 }, /publicAgents must be a whole number from 0 to 1000, got 1001/],
] as const;

describe('cluster limits', () => {
  it('are 10,000 private and 1,000 public agents', () => {
    expect([MAX_AGENTS, MAX_PUBLIC_AGENTS]).toEqual([10_000, 1_000]);
  });

  it('the CLI takes the limit and refuses one more with a line saying so', () => {
    const ok = parseCliArgs(['--masters', '5', '--agents', '10000', '--public-agents', '1000']);
    expect(ok).toMatchObject({ kind: 'run', options: { cluster: biggest } });
    expect(parseCliArgs(['--agents', '10001'])).toEqual({ kind: 'error', error: '--agents must be from 0 to 10000, got 10001' });
    expect(parseCliArgs(['--public-agents', '1001'])).toEqual({ kind: 'error', error: '--public-agents must be from 0 to 1000, got 1001' });
  });

  const scenario = { name: 'big', title: 'Big', description: '', seed: 1, steps: [] };
  const schemas = {
    'a scenario file': (cluster: object) => scenarioSchema.safeParse({ ...scenario, cluster }),
    'a recording': (cluster: object) => recordingSchema.safeParse({ ...scenario, version: RECORDING_VERSION, untilMs: 1, cluster }),
    'a reset': (cluster: object) => controlSchema.safeParse({ action: 'reset', cluster }),
    'POST /api/rooms': (cluster: object) => createRoomSchema.safeParse({ cluster }),
  };
  for (const [door, parse] of Object.entries(schemas)) {
    it.each(cases)(`${door} takes the limit and refuses one more %s`, (_, over, message) => {
      expect(parse(biggest).success).toBe(true);
      const refused = parse(over);
      expect(refused.success).toBe(false);
      if (!refused.success) expect(describeZodError(refused.error)).toMatch(message);
    });
  }
});

describe('cluster limits over the wire', () => {
  const t = useServerPerTest();
  const post = (body: object) => fetch(`${t.server.url}/api/rooms`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

  it.each(cases)('POST /api/rooms creates the biggest room and answers 400 for one more %s', async (_, over, message) => {
    await t.start({ autoTick: false, staticDir: null });
    expect((await post({ cluster: biggest })).status).toBe(201);
    const res = await post({ cluster: over });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });

  it.each(cases)('sim:control reset takes the biggest cluster and refuses one more %s, the room untouched', async (_, over, message) => {
    await t.start({ autoTick: false, staticDir: null });
    const socket = await t.connect();
    await request(socket, 'sim:join', {});
    expect(await request(socket, 'sim:control', { action: 'reset', cluster: biggest })).toMatchObject({ ok: true });
    const refused = await request(socket, 'sim:control', { action: 'reset', cluster: over });
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(message) });
    expect(t.server.app.rooms.get('default')!.cluster).toEqual(biggest);
  });
});
