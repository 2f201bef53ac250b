// SIGTERM under load (issue 11: it took 11 s): three sockets flood resets to a large cluster while a fourth watches,
// and the process still exits 0 within 3 s, every socket told why (server:closing) before it is disconnected, and
// the rooms stored: a server started again on the same DATA_DIR has them.
import { describe, expect, it } from 'vitest';
import { connectClient, request, type ClientSocket } from './testing/harness.ts';
import { startServerProcess } from './testing/serverProcess.ts';
import { sleep, useProcessCleanup } from './testing/processCleanup.ts';

const { later, started, serverInTempDir } = useProcessCleanup();

describe('shutdown under load', () => {
  it('exits 0 within 3 s on SIGTERM while resets flood in, telling every socket why, with the rooms stored', async () => {
    const { server, url, dir } = await serverInTempDir('bootscope-shutdown');

    const sockets: ClientSocket[] = [];
    const reasons: string[] = [];
    for (let i = 0; i < 4; i++) {
      const socket = await connectClient(url);
      sockets.push(socket);
      later(() => socket.disconnect());
      socket.on('server:closing', ({ reason }) => reasons.push(reason));
      expect((await request(socket, 'sim:join', { room: i === 3 ? 'watched' : 'flooded' })).ok).toBe(true);
    }
    expect((await request(sockets[3]!, 'fault:inject', { kind: 'crash', node: 'agent-1' })).ok).toBe(true);
    // Three floods of resets to a 2,000-agent cluster, each within its socket's 20 commands a second.
    let flooding = true;
    const floods = sockets.slice(0, 3).map(async (socket, i) => {
      while (flooding && socket.connected) {
        socket.emit('sim:control', { action: 'reset', seed: i + 1, cluster: { masters: 3, agents: 2_000, publicAgents: 10 } }, () => undefined);
        await sleep(50);
      }
    });
    await sleep(2_000);

    const signalled = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exit).toBe(0);
    const tookMs = Date.now() - signalled;
    flooding = false;
    await Promise.all(floods);
    expect(tookMs).toBeLessThan(3_000);
    expect(server.output()).toMatch(/shutting down/);
    expect(reasons.length).toBe(4);
    expect(reasons[0]).toMatch(/restarting/);

    // What was stored comes back.
    const again = started(startServerProcess({ DATA_DIR: dir }));
    const againUrl = await again.url;
    const health = (await (await fetch(`${againUrl}/healthz`)).json()) as { rooms: Array<{ name: string }> };
    expect(health.rooms.map((r) => r.name).sort()).toEqual(['default', 'flooded', 'watched']);
    const view = (await (await fetch(`${againUrl}/api/rooms/watched/view?at=0`)).json()) as { view: unknown };
    expect(view.view).toBeDefined();
    again.child.kill('SIGTERM');
    expect(await again.exit).toBe(0);
  }, 60_000);
});
