// The two output formats of architecture.md §10, exactly as journalctl prints them:
// - short-iso (journalctl -o short-iso): `<ISO time> <hostname> <identifier>[<pid>]: <message>`, time in the
//   systemd 219 form `2018-03-08T10:00:12+0000` (UTC);
// - json (journalctl -o json): one object per line, every value a string, __REALTIME_TIMESTAMP and
//   __MONOTONIC_TIMESTAMP in µs, plus BOOTSCOPE_SIM_MS and BOOTSCOPE_SEQ (the event the line comes from).
// Deviation from journald, on purpose (the contract asks for it): systemd's own lines carry
// _SYSTEMD_UNIT=<unit>.service like the service's lines (journald would write init.scope there and put the unit
// in UNIT=, which is also written), so `journalctl -u` and a filter on _SYSTEMD_UNIT read the same lines.
import { shortIsoTime } from './time.ts';
import type { JournalEntry } from './types.ts';

export type JournalFormat = 'short-iso' | 'json';
export const JOURNAL_FORMATS: readonly JournalFormat[] = ['short-iso', 'json'];

export function shortIsoLine(e: JournalEntry): string {
  return `${shortIsoTime(e.realtimeUs)} ${e.hostname} ${e.identifier}[${e.pid}]: ${e.message}`;
}

const hex = (n: number) => n.toString(16);

export function jsonLine(e: JournalEntry): string {
  const fromSystemd = e.identifier === 'systemd' && e.pid === 1;
  const record: Record<string, string> = {
    __CURSOR: `s=${e.bootId.slice(0, 16)}${e.bootId.slice(16)};i=${hex(e.index + 1)};b=${e.bootId};m=${hex(e.monotonicUs)};t=${hex(e.realtimeUs)};x=${hex((e.index * 2654435761) >>> 0)}`,
    __REALTIME_TIMESTAMP: String(e.realtimeUs),
    __MONOTONIC_TIMESTAMP: String(e.monotonicUs),
    _BOOT_ID: e.bootId,
    PRIORITY: String(e.priority),
    SYSLOG_FACILITY: '3',
    _UID: '0',
    _GID: '0',
    _TRANSPORT: e.transport,
    _HOSTNAME: e.hostname,
    SYSLOG_IDENTIFIER: e.identifier,
    _PID: String(e.pid),
    _COMM: fromSystemd ? 'systemd' : e.identifier.replace(/\.(sh|py)$/, '').slice(0, 15),
    MESSAGE: e.message,
    _SYSTEMD_UNIT: `${e.unit}.service`,
  };
  if (fromSystemd) record.UNIT = `${e.unit}.service`;
  record.BOOTSCOPE_SIM_MS = String(e.simMs);
  record.BOOTSCOPE_SEQ = String(e.seq);
  return JSON.stringify(record);
}

export function formatEntry(e: JournalEntry, format: JournalFormat): string {
  return format === 'json' ? jsonLine(e) : shortIsoLine(e);
}
