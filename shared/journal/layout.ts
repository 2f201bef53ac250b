// A process line's logging prefix, written (generator) and read back (importer). One function per library.
import type { LineStyle } from './processes.ts';
import { glogTime, goLogTime, logbackTime } from './time.ts';

/** `body` as its logging library prints it at `unixUs` from thread `tid`. */
export function renderLine(layout: LineStyle, body: string, unixUs: number, tid: number): string {
  switch (layout.style) {
    // glog: `%c%02d%02d %02d:%02d:%02d.%06d %5u %s:%d] ` (src/raw_logging.cc DoRawLog, which "should match the
    // specification in base/logging.h"; code index id 14857218812): severity, MMDD, time with µs, thread id in 5, file:line.
    case 'glog':
      return `${layout.sev}${glogTime(unixUs)} ${String(tid).padStart(5)} ${layout.file}:${layout.line}] ${body}`;
    case 'go':
      return `${layout.prefix}: ${goLogTime(unixUs)} ${layout.file}:${layout.line}: ${body}`;
    case 'logback':
      return `[${logbackTime(unixUs)}] ${layout.level.padEnd(5)} ${body} (${layout.logger}:${layout.thread})`;
    case 'log4j':
      return `[myid:${layout.myid}] ${layout.level.padEnd(5)} [${layout.thread}:${layout.cls}@${layout.line}] - ${body}`;
  }
}

const GLOG = /^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ [^\s:\]]+:\d+\] (.*)$/s;
const GO = /^(?:ERROR|VERBOSE|VERY VERBOSE): \d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(?:\.\d+)? [^\s:]+:\d+: (.*)$/s;
const LOGBACK = /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}\] (?:TRACE|DEBUG|INFO|WARN|ERROR) +(.*) \([^()\s]+:[^()]*\)$/s;
const LOG4J = /^\[myid:[^\]]*\] (?:TRACE|DEBUG|INFO|WARN|ERROR|FATAL) +\[.*?@\d+\] - (.*)$/s;

/** The body of a line whatever library wrote it (the line itself when no known prefix matches). */
export function stripPrefix(message: string): string {
  for (const re of [GLOG, GO, LOGBACK, LOG4J]) {
    const m = re.exec(message);
    if (m) return m[1];
  }
  return message;
}
