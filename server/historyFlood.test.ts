// sim:history under a flood (issue 10's budgets): a big room's history is paged by four sockets asking as fast as they
// can and two that ask and never read a byte. Every page is up to ~1.5 MB, so without its budgets (per socket, per
// address, and no page for a socket with 8 MB unread) this queues gigabytes. Here the server must stay alive, its RSS
// bounded and /healthz answering within 2 s, the refused requests must get an error ack, and a stalled reader must not
// be sent more than HISTORY_MAX_UNREAD_BYTES and a page. A real process (node --import tsx server/main.ts), so RSS is the server's alone.
import { describe, expect, it } from 'vitest';
import type { HistoryPage } from '../shared/protocol/history.ts';
import { connectClient, request, until, Viewer, type ClientSocket } from './testing/harness.ts';
import { rawClient } from './testing/rawSocketClient.ts';
import { sleep, useProcessCleanup } from './testing/processCleanup.ts';

const ROOM = 'history-flood';
const FLOOD_MS = 8_000;
const RSS_LIMIT_BYTES = 1024 ** 3;
const HEALTHZ_LIMIT_MS = 2_000;

const { later, serverInTempDir } = useProcessCleanup();

describe('flood of sim:history', () => {
  it('stays responsive with bounded RSS; refused pages get an error ack', async () => {
    const { server, url } = await serverInTempDir('bootscope-history-flood');
    const connect = async (): Promise<ClientSocket> => {
      const socket = await connectClient(url);
      later(() => socket.disconnect());
      return socket;
    };

    // A room of 3 + 2,000 agents with history well past a snapshot's window.
    const driver = await connect();
    const watch = new Viewer(driver);
    expect((await request(driver, 'sim:join', { room: ROOM })).ok).toBe(true);
    expect((await request(driver, 'sim:control', { action: 'reset', cluster: { masters: 3, agents: 2_000, publicAgents: 0 } })).ok).toBe(true);
    await request(driver, 'sim:control', { action: 'speed', speed: 100 });
    await until(() => watch.lastSeq > 40_000, 60_000, 'the room to have 40,000 events');
    await request(driver, 'sim:control', { action: 'pause' });
    const late = await connect();
    const lateView = new Viewer(late);
    expect((await request(late, 'sim:join', { room: ROOM })).ok).toBe(true);
    await until(() => lateView.snapshots.length > 0, 10_000, 'the late snapshot');
    const beforeSeq = lateView.snapshots[0]!.events[0]!.seq;
    expect(lateView.snapshots[0]!.historyTrimmed).toBeGreaterThan(0);

    const flooders = [late, await connect(), await connect(), await connect()];
    for (const s of flooders.slice(1)) expect((await request(s, 'sim:join', { room: ROOM })).ok).toBe(true);
    const stalled = await Promise.all([0, 1].map(async () => {
      const client = await rawClient(url, { read: false });
      later(() => client.destroy());
      client.emit('sim:join', { room: ROOM });
      return client;
    }));
    const answers = { ok: 0, refused: 0, errors: new Set<string>() };
    let bytes = 0;
    const samples: Array<{ latencyMs: number; rssBytes: number }> = [];
    const deadline = Date.now() + FLOOD_MS;
    const flood = setInterval(() => {
      for (const s of flooders) {
        void request<HistoryPage>(s, 'sim:history', { beforeSeq }).then((ack) => {
          if (ack.ok) {
            answers.ok += 1;
            bytes += JSON.stringify(ack.events).length;
          } else {
            answers.refused += 1;
            answers.errors.add(ack.error.replace(/\d+/g, 'N'));
          }
        }, () => undefined);
      }
      for (const c of stalled) c.emit('sim:history', { beforeSeq });
    }, 5);
    later(() => clearInterval(flood));
    const dropped = () => server.logs().filter((l) => l.msg === 'socket dropped: it does not read what it is sent').length;
    while (Date.now() < deadline) {
      const asked = Date.now();
      const health = (await (await fetch(`${url}/healthz`)).json()) as { memoryRssBytes: number };
      samples.push({ latencyMs: Date.now() - asked, rssBytes: health.memoryRssBytes });
      await sleep(250);
    }
    clearInterval(flood);
    await sleep(500);

    const maxRss = Math.max(...samples.map((s) => s.rssBytes));
    const maxLatency = Math.max(...samples.map((s) => s.latencyMs));
    console.log(`history flood: ${answers.ok} pages (${Math.round(bytes / 1_048_576)} MB) served, ${answers.refused} refused (${[...answers.errors].join(' | ')}); ` +
      `${samples.length} /healthz samples, max latency ${maxLatency} ms, max RSS ${Math.round(maxRss / 1_048_576)} MB; ${dropped()} stalled reader(s) dropped`);
    expect(server.child.exitCode).toBe(null);
    expect(maxRss).toBeLessThan(RSS_LIMIT_BYTES);
    expect(maxLatency).toBeLessThan(HEALTHZ_LIMIT_MS);
    expect(answers.refused).toBeGreaterThan(0);
    expect([...answers.errors].some((e) => /rate limit/.test(e))).toBe(true);
    // The per-socket budget holds: bursts plus the rate over the flood, for each of the four.
    expect(answers.ok).toBeLessThanOrEqual(4 * (5 + 2 * (FLOOD_MS / 1_000 + 2)));
    expect(answers.ok).toBeGreaterThan(0);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  }, 120_000);
});
