// systemd's own journal lines about a service (PID 1, SYSLOG_IDENTIFIER=systemd), and how a process exit reads.
// Sources (format strings copied, nothing paraphrased):
//   systemd/systemd src/core/job.c job_get_status_message_format (v23x, code index id 342627887):
//     "Started %s.", "Failed to start %s.", "Stopped %s." with %s = unit_description(u); logged at LOG_INFO / LOG_ERR.
//   systemd/systemd src/core/unit.c unit_get_status_message_format: "Starting %s...", "Stopping %s..." [the
//     systemd mirror is over the fetch size limit; this file was not read here: the two strings are the begin-job
//     formats as every journal excerpt in the code index shows them, e.g. "Starting onedrive.service - ...".]
//   systemd/systemd src/core/service.c (commit 8017ed7e, code index id 81568516 / 200097665):
//     service_sigchld_event: "Main process exited, code=%s, status=%i/%s" (LOG_NOTICE when not clean);
//     "Control process exited, code=%s status=%i" for ExecStartPre [same function, same file];
//     service_enter_dead: "Failed with result '%s'." (log_unit_warning); service_enter_restart:
//     "Scheduled restart job, restart counter is at %u." (LOG_INFO, with N_RESTARTS=%u).
//     LOG_UNIT_MESSAGE prefixes "<unit id>: " to every one of these.
//   systemd/systemd src/shared/exit-status.c: exit status names (0 SUCCESS, 1 FAILURE, 2 INVALIDARGUMENT, ...,
//     7 NOTRUNNING, 203 EXEC); any other status prints "n/a" (strna). is_clean_exit: SIGHUP, SIGINT, SIGTERM and
//     SIGPIPE are clean deaths (logged at debug only); SIGKILL is not.
import type { JournalFactBody, TemplateLine } from './types.ts';
import { PRIORITY } from './types.ts';

/** How a main process ended: an exit status, or the signal that killed it. */
export type ExitStatus = { code: 'exited'; status: number } | { code: 'killed' | 'dumped'; signal: string };

const SIGNALS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, ILL: 4, TRAP: 5, ABRT: 6, BUS: 7, FPE: 8, KILL: 9, USR1: 10, SEGV: 11, USR2: 12, PIPE: 13, ALRM: 14, TERM: 15 };
const SIGNAL_NAMES: Record<number, string> = Object.fromEntries(Object.entries(SIGNALS).map(([k, v]) => [v, k]));
const EXIT_NAMES: Record<number, string> = {
  0: 'SUCCESS', 1: 'FAILURE', 2: 'INVALIDARGUMENT', 3: 'NOTIMPLEMENTED', 4: 'NOPERMISSION', 5: 'NOTINSTALLED', 6: 'NOTCONFIGURED', 7: 'NOTRUNNING', 203: 'EXEC',
};
const CLEAN_SIGNALS: ReadonlySet<string> = new Set(['HUP', 'INT', 'TERM', 'PIPE']);

export function exitStatusText(exit: ExitStatus): string {
  if (exit.code === 'exited') return `code=exited, status=${exit.status}/${EXIT_NAMES[exit.status] ?? 'n/a'}`;
  return `code=${exit.code}, status=${SIGNALS[exit.signal] ?? 0}/${exit.signal}`;
}

/** systemd's ServiceResult for an unclean exit: `exit-code`, `signal` or `core-dump`. */
export function serviceResult(exit: ExitStatus): string {
  return exit.code === 'exited' ? 'exit-code' : exit.code === 'dumped' ? 'core-dump' : 'signal';
}

export function isCleanExit(exit: ExitStatus): boolean {
  return exit.code === 'exited' ? exit.status === 0 : CLEAN_SIGNALS.has(exit.signal);
}

/**
 * An exit as an event states it. Data-driven on purpose: a future `exit` field on unit events (any of
 * `{code:'exited', status}`, `{code:'killed', signal:'TERM'|15}`, `{status}`, `{signal}`, a bare number) wins; else
 * the cause text ("killed (SIGKILL): ...", "exited (code 103): ...", "exited: ..."); else `fallback`.
 */
export function readExit(raw: unknown, causeText: string, fallback: ExitStatus): ExitStatus {
  const fromField = exitFromField(raw);
  if (fromField) return fromField;
  const killed = /\bkilled \(SIG([A-Z0-9]+)\)/.exec(causeText);
  if (killed) return { code: 'killed', signal: killed[1] };
  const code = /\bexited \(code (\d{1,3})\)/.exec(causeText);
  if (code) return { code: 'exited', status: Number(code[1]) };
  if (/^exited\b/.test(causeText)) return { code: 'exited', status: 1 };
  return fallback;
}

function signalName(v: unknown): string | null {
  if (typeof v === 'number' && Number.isInteger(v)) return SIGNAL_NAMES[v] ?? null;
  if (typeof v === 'string') {
    const name = v.toUpperCase().replace(/^SIG/, '');
    return /^[A-Z0-9]{1,8}$/.test(name) ? name : null;
  }
  return null;
}

function exitFromField(raw: unknown): ExitStatus | null {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw <= 255) return { code: 'exited', status: raw };
  if (raw === null || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const signal = signalName(r.signal);
  if (signal !== null) return { code: r.code === 'dumped' ? 'dumped' : 'killed', signal };
  const status = r.status ?? r.exitCode ?? (typeof r.code === 'number' ? r.code : undefined);
  if (typeof status === 'number' && Number.isInteger(status) && status >= 0 && status <= 255) return { code: 'exited', status };
  return null;
}

const sd = (template: string, message: string, priority: number, fact?: JournalFactBody): TemplateLine => ({
  template: `systemd.${template}`, message, priority, from: 'systemd', transport: 'journal', ...(fact ? { fact } : {}),
});

/** The systemd lines, keyed by what happened to the unit. `desc`: the unit's Description=; `id`: `<unit>.service`. */
export const SYSTEMD = {
  starting: (unit: string, desc: string) => sd('starting', `Starting ${desc}...`, PRIORITY.info, { kind: 'unit', unit, to: 'starting' }),
  started: (unit: string, desc: string) => sd('started', `Started ${desc}.`, PRIORITY.info, { kind: 'unit', unit, to: 'healthy' }),
  controlFailed: (id: string) => sd('control-exited', `${id}: Control process exited, code=exited status=1`, PRIORITY.notice),
  failedToStart: (unit: string, desc: string) => sd('failed-to-start', `Failed to start ${desc}.`, PRIORITY.err, { kind: 'unit', unit, to: 'waiting' }),
  failedResult: (id: string, result: string) => sd('failed-result', `${id}: Failed with result '${result}'.`, PRIORITY.warning),
  mainExited: (unit: string, id: string, exit: ExitStatus, fact: boolean) =>
    sd('main-exited', `${id}: Main process exited, ${exitStatusText(exit)}`, PRIORITY.notice, fact ? { kind: 'unit', unit, to: 'failed' } : undefined),
  restartScheduled: (id: string, n: number) => sd('restart-scheduled', `${id}: Scheduled restart job, restart counter is at ${n}.`, PRIORITY.info),
  stopping: (desc: string) => sd('stopping', `Stopping ${desc}...`, PRIORITY.info),
  stopped: (unit: string, desc: string, fact: boolean) => sd('stopped', `Stopped ${desc}.`, PRIORITY.info, fact ? { kind: 'unit', unit, to: 'stopped' } : undefined),
};
