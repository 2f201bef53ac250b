// The journal generator and its formats at their seam: real journalctl/glog/systemd shapes, determinism, the node
// filter building nothing for other nodes, and events it does not know producing nothing (never a throw).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runWith, SMALL } from '../engine/testing.ts';
import type { ClusterConfig, SimEvent } from '../engine/types.ts';
import { createJournalGenerator, journalEntries } from './generator.ts';
import { jsonLine, shortIsoLine } from './format.ts';
import { civilOfUs, SIM_EPOCH_MS, SIM_EPOCH_US, usOfCivil } from './time.ts';
import { readExit, exitStatusText } from './systemd.ts';

const boot = runWith(SMALL, 1, [[420_000, { kind: 'kill', node: 'master-1', unit: 'dcos-mesos-master' }], [450_000, { kind: 'stop', node: 'master-2', unit: 'dcos-marathon' }]], 600_000);
const all = [...journalEntries(SMALL, boot.log, { node: null })];

describe('simulated time 0', () => {
  it('is 2018-03-08T10:00:00Z, and the calendar round-trips', () => {
    expect(SIM_EPOCH_MS).toBe(1_520_503_200_000);
    expect(civilOfUs(SIM_EPOCH_US)).toEqual({ year: 2018, month: 3, day: 8, hour: 10, minute: 0, second: 0, micros: 0 });
    for (const us of [0, SIM_EPOCH_US, 951_782_400_123_456, 4_102_444_799_999_999]) expect(usOfCivil(civilOfUs(us))).toBe(us);
  });
});

describe('formats', () => {
  it('short-iso is `<ISO time+0000> <host> <identifier>[<pid>]: <message>`', () => {
    for (const e of all.slice(0, 500)) expect(shortIsoLine(e)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000 \S+ [\w.-]+\[\d+\]: .+$/);
    expect(shortIsoLine(all[0])).toMatch(/^2018-03-08T10:00:0\d\+0000 /);
  });

  it('json has journalctl field names, every value a string, µs timestamps, and the event it comes from', () => {
    for (const e of all.slice(0, 500)) {
      const j = JSON.parse(jsonLine(e)) as Record<string, unknown>;
      for (const v of Object.values(j)) expect(typeof v).toBe('string');
      expect(j.__REALTIME_TIMESTAMP).toMatch(/^\d{16}$/);
      expect(Number(j.__REALTIME_TIMESTAMP)).toBe(SIM_EPOCH_US + Number(j.BOOTSCOPE_SIM_MS) * 1000 + (Number(j.__REALTIME_TIMESTAMP) % 1000));
      expect(j._SYSTEMD_UNIT).toMatch(/^dcos-[a-z-]+\.service$/);
      expect(j._BOOT_ID).toMatch(/^[0-9a-f]{32}$/);
      expect(Object.keys(j)).toEqual(expect.arrayContaining(['__CURSOR', '__MONOTONIC_TIMESTAMP', '_HOSTNAME', 'SYSLOG_IDENTIFIER', 'MESSAGE', 'PRIORITY', '_PID', 'BOOTSCOPE_SEQ']));
      expect(boot.log.find((x) => x.seq === Number(j.BOOTSCOPE_SEQ))?.simTimeMs).toBe(Number(j.BOOTSCOPE_SIM_MS));
    }
  });

  it('Mesos lines are glog: severity, MMDD, µs, thread id right-aligned to 5, file:line]', () => {
    const mesos = all.filter((e) => e.identifier === 'mesos-master' || e.identifier === 'mesos-agent');
    expect(mesos.length).toBeGreaterThan(5);
    for (const e of mesos) expect(e.message).toMatch(/^[IWEF]0308 \d\d:\d\d:\d\d\.\d{6} [ \d]{5} (master|slave)\.cpp:\d+\] /);
    expect(mesos.some((e) => /master\.cpp:2257\] Elected as the leading master!$/.test(e.message))).toBe(true);
    expect(mesos.some((e) => /slave\.cpp:1480\] Registered with master master@10\.0\.0\.\d:5050; given agent ID \S+-S\d+$/.test(e.message))).toBe(true);
  });

  it('systemd says what a kill, a restart and a JVM stop look like', () => {
    const m1 = all.filter((e) => e.node === 'master-1' && e.unit === 'dcos-mesos-master' && e.simMs >= 420_000).map((e) => e.message);
    expect(m1).toContain('dcos-mesos-master.service: Main process exited, code=killed, status=9/KILL');
    expect(m1).toContain("dcos-mesos-master.service: Failed with result 'signal'.");
    expect(m1.some((m) => /^dcos-mesos-master\.service: Scheduled restart job, restart counter is at \d+\.$/.test(m))).toBe(true);
    const m2 = all.filter((e) => e.node === 'master-2' && e.unit === 'dcos-marathon' && e.simMs >= 450_000).map((e) => e.message);
    expect(m2.slice(0, 4)).toEqual([
      'Stopping Marathon: container orchestration engine...',
      'dcos-marathon.service: Main process exited, code=exited, status=143/n/a',
      "dcos-marathon.service: Failed with result 'exit-code'.",
      'Stopped Marathon: container orchestration engine.',
    ]);
  });

  it('reads a future `exit` field on unit events first, then the cause text', () => {
    expect(exitStatusText(readExit({ code: 'killed', signal: 'SIGTERM' }, 'exited (code 1)', { code: 'exited', status: 1 }))).toBe('code=killed, status=15/TERM');
    expect(exitStatusText(readExit({ status: 143 }, '', { code: 'exited', status: 1 }))).toBe('code=exited, status=143/n/a');
    expect(exitStatusText(readExit(9 as unknown, '', { code: 'exited', status: 1 }))).toBe('code=exited, status=9/n/a');
    expect(exitStatusText(readExit({ signal: 9 }, '', { code: 'exited', status: 1 }))).toBe('code=killed, status=9/KILL');
    expect(exitStatusText(readExit('weird', 'killed (SIGKILL): ...', { code: 'exited', status: 1 }))).toBe('code=killed, status=9/KILL');
    expect(exitStatusText(readExit(undefined, 'exited (code 101): ...', { code: 'exited', status: 1 }))).toBe('code=exited, status=101/n/a');
  });
});

describe('the generator', () => {
  it('is deterministic and its µs stamps strictly increase per node', () => {
    const again = [...journalEntries(SMALL, boot.log, { node: null })];
    expect(again.map(jsonLine)).toEqual(all.map(jsonLine));
    const last = new Map<string, number>();
    for (const e of all) {
      expect(e.realtimeUs).toBeGreaterThan(last.get(e.node) ?? 0);
      last.set(e.node, e.realtimeUs);
    }
  });

  it('one node alone gives exactly that node\'s lines of the whole journal; a unit filter changes no pid or stamp', () => {
    for (const node of ['master-1', 'agent-2', 'public-agent-1']) {
      const alone = [...journalEntries(SMALL, boot.log, { node })].map(jsonLine);
      expect(alone).toEqual(all.filter((e) => e.node === node).map(jsonLine));
      const unit = [...journalEntries(SMALL, boot.log, { node, unit: 'dcos-net' })].map(jsonLine);
      expect(unit).toEqual(all.filter((e) => e.node === node && e.unit === 'dcos-net').map(jsonLine));
    }
  });

  it('a one-node journal of a 2,000-agent boot holds one node\'s state and writes only its lines', () => {
    const big: ClusterConfig = { masters: 3, agents: 2_000, publicAgents: 10 };
    const run = runWith(big, 1, [], 400_000);
    for (const node of ['agent-1234', 'master-2']) {
      const g = createJournalGenerator(big, node);
      let lines = 0;
      for (const e of run.log) for (const entry of g.push(e)) {
        expect(entry.node).toBe(node);
        lines += 1;
      }
      expect(g.trackedNodes()).toBe(1);
      expect(lines).toBeGreaterThan(10);
    }
  });

  it('a powered-off node writes nothing and boots with a new _BOOT_ID and monotonic clock', () => {
    const crash = runWith(SMALL, 2, [[400_000, { kind: 'crash', node: 'agent-1' }], [500_000, { kind: 'boot', node: 'agent-1' }]], 620_000);
    const lines = [...journalEntries(SMALL, crash.log, { node: 'agent-1' })];
    expect(lines.filter((e) => e.simMs > 400_000 && e.simMs < 500_000)).toEqual([]);
    const after = lines.filter((e) => e.simMs >= 500_000);
    expect(after.length).toBeGreaterThan(5);
    expect(after[0].bootId).not.toBe(lines[0].bootId);
    expect(after[0].monotonicUs).toBe(after[0].realtimeUs - SIM_EPOCH_US - 500_000_000);
  });

  it('never throws, and writes nothing, for events and units it does not know', () => {
    const g = createJournalGenerator(SMALL, null);
    fc.assert(
      fc.property(fc.anything(), fc.string(), fc.string(), (junk, type, unit) => {
        expect(g.push(junk as SimEvent)).toEqual([]);
        const e = { seq: 1, simTimeMs: 5, type, node: 'master-1', unit, from: 'pending', to: 'x' } as unknown as SimEvent;
        for (const entry of g.push(e)) expect(entry.node).toBe('master-1');
      }),
      { numRuns: 300 },
    );
    expect(g.push({ seq: 2, simTimeMs: 6, type: 'metronome-ran', node: 'master-1' } as unknown as SimEvent)).toEqual([]);
    expect(g.push({ seq: 3, simTimeMs: 7, type: 'unit', node: 'master-99', unit: 'dcos-net', from: 'pending', to: 'starting', cause: { text: '' } })).toEqual([]);
  });
});
