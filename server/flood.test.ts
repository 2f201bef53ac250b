// The flood of issue 11, bounded in time: three sockets send resets to the largest cluster the schema allows (5
// masters, MAX_AGENTS agents, MAX_PUBLIC_AGENTS public agents: a 4 MB snapshot each) as fast as their command budget allows, while four clients join the
// same room, ask for snapshots and never read a byte. Without the heavy-command budgets and the outgoing budget this
// drove the heap past its limit in seconds. Here the server must stay alive, its RSS under 1.5 GB and /healthz
// answering within 2 s throughout, and the stalled readers must be dropped. A real process (node --import tsx
// server/main.ts), so RSS is the server's alone.
import { describe, expect, it } from 'vitest';
import { MAX_AGENTS, MAX_PUBLIC_AGENTS } from '../shared/protocol/schemas.ts';
import { rawClient, type RawClient } from './testing/rawSocketClient.ts';
import { sleep, useProcessCleanup } from './testing/processCleanup.ts';

const LARGEST_CLUSTER = { masters: 5, agents: MAX_AGENTS, publicAgents: MAX_PUBLIC_AGENTS };
const FLOOD_MS = 12_000;
const EXTRA_MS = 20_000;
const RSS_LIMIT_BYTES = 1.5 * 1024 ** 3;
const HEALTHZ_LIMIT_MS = 2_000;

const { later, serverInTempDir } = useProcessCleanup();

describe('flood of resets plus readers that never read', () => {
  it('stays alive with bounded RSS and a responsive /healthz, and drops the stalled readers', async () => {
    const { server, url } = await serverInTempDir('bootscope-flood');
    const clients: RawClient[] = [];
    const open = async (read: boolean) => {
      const client = await rawClient(url, { read });
      later(() => client.destroy());
      clients.push(client);
      client.emit('sim:join', { room: 'flood' });
      return client;
    };
    const flooders = [await open(true), await open(true), await open(true)];
    const stalled = [await open(false), await open(false), await open(false), await open(false)];

    const samples: Array<{ latencyMs: number; rssBytes: number }> = [];
    const deadline = Date.now() + FLOOD_MS;
    let seed = 1;
    const flood = setInterval(() => {
      for (const client of flooders) client.emit('sim:control', { action: 'reset', seed: seed++, cluster: LARGEST_CLUSTER });
      for (const client of stalled) client.emit('sim:resync', {});
    }, 50);
    later(() => clearInterval(flood));
    const droppedCount = () => server.logs().filter((l) => l.msg === 'socket dropped: it does not read what it is sent').length;
    // At least FLOOD_MS, and on (up to a limit) until every stalled reader has been dropped: on a busy machine the
    // server serves their snapshots more slowly, so their unread bytes take longer to pass the budget.
    while (Date.now() < deadline || (droppedCount() < stalled.length && Date.now() < deadline + EXTRA_MS)) {
      const asked = Date.now();
      const health = (await (await fetch(`${url}/healthz`)).json()) as { memoryRssBytes: number };
      samples.push({ latencyMs: Date.now() - asked, rssBytes: health.memoryRssBytes });
      await sleep(250);
    }
    clearInterval(flood);

    const maxRss = Math.max(...samples.map((s) => s.rssBytes));
    const maxLatency = Math.max(...samples.map((s) => s.latencyMs));
    console.log(`flood: ${samples.length} /healthz samples, max latency ${maxLatency} ms, max RSS ${Math.round(maxRss / 1_048_576)} MB`);
    expect(server.child.exitCode).toBe(null);
    expect(maxRss).toBeLessThan(RSS_LIMIT_BYTES);
    expect(maxLatency).toBeLessThan(HEALTHZ_LIMIT_MS);
    expect(droppedCount()).toBeGreaterThanOrEqual(stalled.length);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  }, 90_000);
});
