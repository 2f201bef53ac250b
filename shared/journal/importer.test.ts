// The importer on journals in the real formats (fixtures/): journalctl -o json with its real field names and types
// (systemd's lines under UNIT= with _SYSTEMD_UNIT=init.scope, a MESSAGE as a byte array, kernel and sshd lines), the
// systemd 219 wordings of CentOS 7, glog lines of another Mesos 1.5 build (other line numbers), a truncated line, a
// wall-clock step back (NTP), short-iso text in three time zones with journalctl's "-- ... --" notes; and a fuzz.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createImporter, importJournalText, MAX_KEPT_UNRECOGNISED, MAX_LINE_CHARS } from './importer.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const brief = (r: ReturnType<typeof importJournalText>) => r.facts.map(({ kind, unit, to, atMs }) => `${atMs} ${kind} ${unit} ${to}`);

describe('journalctl -o json of a DC/OS master', () => {
  const result = importJournalText(fixture('dcos-master.journal.ndjson'));

  it('recognises systemd (both wordings), ZooKeeper, Mesos and Marathon lines; times from __MONOTONIC_TIMESTAMP', () => {
    expect(result.format).toBe('json');
    expect(brief(result)).toEqual([
      '5000 unit dcos-exhibitor starting',
      '5100 unit dcos-exhibitor healthy',
      '250500 quorum dcos-exhibitor formed',
      '5200 unit dcos-mesos-master starting',
      '5300 unit dcos-mesos-master waiting',
      '20300 unit dcos-mesos-master starting',
      '262000 unit dcos-mesos-master healthy',
      '262500 leader dcos-mesos-master mesos',
      // The wall clock stepped back an hour before this line; the monotonic clock did not.
      '410000 unit dcos-mesos-dns healthy',
      '412000 leader dcos-marathon marathon',
    ]);
    expect(new Set(result.facts.map((f) => f.node))).toEqual(new Set(['ip-10-0-4-17.us-west-2.compute.internal']));
  });

  it('counts and keeps every line it does not know: other services, bytes, a truncated line', () => {
    expect(result.unrecognised).toBe(7);
    expect(result.unrecognisedLines).toHaveLength(7);
    expect(result.unrecognisedLines.some((l) => l.includes('"SYSLOG_IDENTIFIER":"sshd"'))).toBe(true);
    expect(result.unrecognisedLines.some((l) => !l.endsWith('}'))).toBe(true);
    expect(result.journalLines).toBe(21);
  });
});

describe('journalctl -o short-iso of a DC/OS agent', () => {
  const result = importJournalText(fixture('dcos-agent.short-iso.txt'));

  it('reads +0100, +05:30 and Z stamps, skips journalctl notes, times from the first line', () => {
    expect(result.format).toBe('short-iso');
    expect(brief(result)).toEqual([
      '0 unit dcos-mesos-slave starting',
      '266000 unit dcos-mesos-slave healthy',
      '268000 agent dcos-mesos-slave registered',
      '316000 agent dcos-mesos-slave disconnected',
      '348123 agent dcos-mesos-slave registered',
      '1125000 unit dcos-mesos-slave failed',
    ]);
    expect(result.unrecognised).toBe(4);
  });

  it('maps host names to nodes when asked (a room maps IPs to its node ids)', () => {
    const mapped = importJournalText(fixture('dcos-agent.short-iso.txt'), { nodeOf: () => 'public-agent-1' });
    expect(mapped.facts[0]).toMatchObject({ node: 'public-agent-1', unit: 'dcos-mesos-slave' });
    expect(mapped.facts.find((f) => f.kind === 'agent')?.unit).toBe('dcos-mesos-slave-public');
  });
});

describe('untrusted input', () => {
  it('no journal at all: nothing recognised, every line counted, at most MAX_KEPT_UNRECOGNISED kept', () => {
    const r = importJournalText(Array.from({ length: 500 }, (_, i) => `hello ${i}`).join('\n'));
    expect(r.journalLines).toBe(0);
    expect(r.unrecognised).toBe(500);
    expect(r.unrecognisedLines).toHaveLength(MAX_KEPT_UNRECOGNISED);
  });

  it('a line over the cap is cut and counted, never parsed', () => {
    const importer = createImporter();
    importer.feed(`{"MESSAGE":"Started Mesos DNS: domain name based service discovery.","__REALTIME_TIMESTAMP":"1","SYSLOG_IDENTIFIER":"systemd","x":"${'a'.repeat(MAX_LINE_CHARS)}"}`);
    const r = importer.finish();
    expect(r.facts).toEqual([]);
    expect(r.unrecognised).toBe(1);
    expect(r.unrecognisedLines[0].length).toBeLessThanOrEqual(500);
  });

  it('fuzz: any lines, json-ish or not, never throw and keep the counts consistent', () => {
    const jsonish = fc.record({
      MESSAGE: fc.oneof(fc.string(), fc.array(fc.integer({ min: -5, max: 300 })), fc.constant(null), fc.constantFrom('Started Mesos DNS: domain name based service discovery.', 'I1207 10:15:33.512345  3341 master.cpp:2145] Elected as the leading master!')),
      __REALTIME_TIMESTAMP: fc.oneof(fc.string(), fc.bigInt({ min: 0n, max: 10n ** 17n }).map(String)),
      __MONOTONIC_TIMESTAMP: fc.oneof(fc.string(), fc.nat().map(String)),
      SYSLOG_IDENTIFIER: fc.constantFrom('systemd', 'mesos-master', 'java', 'x', ''),
      _HOSTNAME: fc.string(),
      _SYSTEMD_UNIT: fc.constantFrom('dcos-mesos-master.service', 'init.scope', '', 'dcos-exhibitor.service'),
      _BOOT_ID: fc.string(),
    }, { requiredKeys: [] }).map((o) => JSON.stringify(o));
    const line = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), jsonish, fc.constantFrom('2018-12-07T11:11:14+0100 h systemd[1]: Started Mesos Agent: distributed systems kernel agent.', '2018-13-45T99:99:99+9999 h x: y', '{', '-- Reboot --'));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const r = importJournalText(lines.join('\n'));
        expect(r.facts.length + r.unrecognised).toBeLessThanOrEqual(lines.join('\n').split('\n').length);
        for (const f of r.facts) expect(Number.isFinite(f.atMs) && f.atMs >= 0).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
