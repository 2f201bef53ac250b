// Takeover benchmark (issue 11, REDIS_URL): two server processes and a redis-server of their own. A runs a room (3
// masters, 100 agents, a fault injected) that a viewer connected to B watches; A is stopped, and the time from the
// stop to the viewer's snapshot from B (the room restored from its record in Redis) is reported: after SIGKILL (the
// lease must run out: LEASE_MS) and after SIGTERM (A lets go of its leases on the way out). Skipped without
// Debian's redis-server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as connect } from 'socket.io-client';
import { connectClient, request, until, Viewer, type ClientSocket } from '../server/testing/harness.ts';
import { redisAvailable, startRedis } from '../server/testing/redisServer.ts';
import { startServerProcess } from '../server/testing/serverProcess.ts';

async function takeover(signal: 'SIGKILL' | 'SIGTERM'): Promise<number> {
  const redis = await startRedis();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bootscope-bench-cluster-'));
  const a = startServerProcess({ REDIS_URL: redis.url, DATA_DIR: path.join(dir, 'a') });
  const b = startServerProcess({ REDIS_URL: redis.url, DATA_DIR: path.join(dir, 'b') });
  const sockets: ClientSocket[] = [];
  try {
    const starter = await connectClient(await a.url);
    sockets.push(starter);
    await request(starter, 'sim:join', { room: 'bench' });
    await request(starter, 'sim:control', { action: 'reset', seed: 1, cluster: { masters: 3, agents: 100, publicAgents: 0 } });
    await request(starter, 'fault:inject', { kind: 'crash', node: 'agent-1' });
    const socket = connect(await b.url, { transports: ['websocket'], forceNew: true, reconnection: false }) as ClientSocket;
    sockets.push(socket);
    const viewer = new Viewer(socket);
    await until(() => socket.connected, 5_000, 'connect');
    await request(socket, 'sim:join', { room: 'bench' });
    await until(() => viewer.snapshots.length === 1, 5_000, 'snapshot');
    const stoppedAt = performance.now();
    a.child.kill(signal);
    await until(() => viewer.snapshots.length >= 2, 30_000, 'takeover');
    return Math.round(performance.now() - stoppedAt);
  } finally {
    for (const s of sockets) s.disconnect();
    a.child.kill('SIGKILL');
    b.child.kill('SIGKILL');
    redis.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchCluster(): Promise<Record<string, unknown>> {
  if (!redisAvailable()) {
    console.log('cluster: SKIPPED (no /usr/bin/redis-server; apt-get install redis-server)');
    return { skipped: true };
  }
  const killedMs = await takeover('SIGKILL');
  const stoppedMs = await takeover('SIGTERM');
  console.table([
    { row: 'takeover after the owner is killed (kill -9)', value: `${killedMs} ms (lease 5 s, renewed every 1.67 s)` },
    { row: 'takeover after the owner stops (SIGTERM)', value: `${stoppedMs} ms (leases released on the way out)` },
  ]);
  return { takeoverAfterKillMs: killedMs, takeoverAfterStopMs: stoppedMs };
}
