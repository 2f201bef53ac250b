// Write before ack (issue 18, item 3), with real processes: a server on a temp DATA_DIR is killed with SIGKILL the
// moment an ack arrives (the kill is sent from the ack callback itself), then started again on the same directory.
// Every acked fault and bookmark must be in the restored room. Before the fix the ack went out before the record was
// written (next tick) and most of them were lost. Bounded: a handful of rounds, generous timeouts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, request } from './testing/harness.ts';
import { startServerProcess, type ServerProcess } from './testing/serverProcess.ts';

const ROUNDS = 4;
const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const step of cleanup.splice(0)) step();
});

function started(env: Record<string, string>): ServerProcess {
  const server = startServerProcess(env);
  cleanup.push(() => server.child.kill('SIGKILL'));
  return server;
}

describe('write before ack', () => {
  it('an acked fault or bookmark survives a kill -9 sent the moment its ack arrives', { timeout: 180_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bootscope-ack-'));
    cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const units = ['dcos-exhibitor', 'dcos-mesos-master', 'dcos-marathon', 'dcos-metronome', 'dcos-cosmos'];
    for (let round = 0; round < ROUNDS; round++) {
      const server = started({ DATA_DIR: dir });
      const url = await server.url;
      const client = await connectClient(url);
      cleanup.push(() => client.disconnect());
      expect((await request(client, 'sim:join', { room: 'acked' })).ok).toBe(true);
      const unit = units[round % units.length]!;
      // The bookmark's ack is awaited normally; the fault's ack kills the server before anything else can run here.
      expect((await request(client, 'bookmark:add', { name: `round-${round}` })).ok).toBe(true);
      const acked = await new Promise<boolean>((resolve) => {
        const raw = client as unknown as { emit(event: string, ...args: unknown[]): void };
        raw.emit('fault:inject', { kind: 'stop', node: 'master-1', unit }, (ack: { ok: boolean }) => {
          server.child.kill('SIGKILL');
          resolve(ack.ok);
        });
      });
      expect(acked).toBe(true);
      await server.exit;
      client.disconnect();

      const again = started({ DATA_DIR: dir });
      const againUrl = await again.url;
      const recording = (await (await fetch(`${againUrl}/api/rooms/acked/recording`)).json()) as { steps: Array<{ fault?: { unit?: string } }> };
      expect(recording.steps.some((s) => s.fault?.unit === unit), `round ${round}: the acked stop of ${unit} is in the restored recording`).toBe(true);
      const viewer = await connectClient(againUrl);
      const join = (await request(viewer, 'sim:join', { room: 'acked' })) as { ok: boolean };
      expect(join.ok).toBe(true);
      const bookmarks = await new Promise<Array<{ name: string }>>((resolve) => {
        viewer.once('sim:snapshot', (s) => resolve(s.bookmarks ?? []));
        request(viewer, 'sim:resync', {}).catch(() => undefined);
      });
      expect(bookmarks.map((b) => b.name)).toContain(`round-${round}`);
      viewer.disconnect();
      again.child.kill('SIGKILL');
      await again.exit;
    }
  });
});
