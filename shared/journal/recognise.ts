// The registry read backwards: which template a line is, and the fact it proves. Shared by the importer and the
// generator's own tests (the round trip). systemd's lines are told apart by their text and, for "Stopped", by what
// the same unit said just before (a "Scheduled restart job" makes the next "Stopped" part of a restart, no fact).
// Also accepted (never generated): systemd 219's wordings as CentOS 7 journals of DC/OS 1.11 nodes print them
// ("main process exited, ...", "Unit X entered failed state.", "X holdoff time over, scheduling restart.") [not
// read from source: the systemd repository is over the fetch size limit; matched loosely, see docs/journal.md].
import type { Role } from '../model/vocabulary.ts';
import { UNIT_CATALOG } from '../model/catalog.ts';
import { unitDescription } from './generator.ts';
import { stripPrefix } from './layout.ts';
import { EXEC_IDENTIFIERS, PROCESS_REGISTRY } from './processes.ts';
import type { JournalFactBody } from './types.ts';

const ROLES: Role[] = ['master', 'agent', 'agent_public'];
let byDescription: Map<string, string> | null = null;

/** Description= -> unit id, over every unit of the catalog and role (names differ by role for dcos-diagnostics). */
export function unitOfDescription(desc: string): string | null {
  if (byDescription === null) {
    byDescription = new Map();
    for (const unit of Object.keys(UNIT_CATALOG)) for (const role of ROLES) byDescription.set(unitDescription(unit, role), unit);
  }
  return byDescription.get(desc) ?? null;
}

/** SYSLOG_IDENTIFIER -> unit, for short-iso text (json lines carry _SYSTEMD_UNIT). Ambiguous names are left out. */
export function unitOfIdentifier(identifier: string, message: string, publicAgent: boolean): string | null {
  if (identifier === 'mesos-agent') return publicAgent ? 'dcos-mesos-slave-public' : 'dcos-mesos-slave';
  if (identifier === 'java' && /^\[myid:/.test(message)) return 'dcos-exhibitor';
  for (const [unit, spec] of Object.entries(PROCESS_REGISTRY)) if (spec.identifier === identifier && identifier !== 'java') return unit;
  const matches = Object.entries(EXEC_IDENTIFIERS).filter(([, id]) => id === identifier);
  return matches.length === 1 ? matches[0][0] : null;
}

export interface Recognised {
  template: string;
  unit: string;
  fact: JournalFactBody | null;
}

/** Per (node, unit) memory of the last systemd line, for "Stopped" and "Main process exited". */
export type RecogniseState = Map<string, string>;

const SYSTEMD_FORMS: { template: string; re: RegExp; unitFrom: 'desc' | 'id' }[] = [
  { template: 'systemd.starting', re: /^Starting (.+)\.\.\.$/s, unitFrom: 'desc' },
  { template: 'systemd.started', re: /^Started (.+)\.$/s, unitFrom: 'desc' },
  { template: 'systemd.failed-to-start', re: /^Failed to start (.+)\.$/s, unitFrom: 'desc' },
  { template: 'systemd.stopping', re: /^Stopping (.+)\.\.\.$/s, unitFrom: 'desc' },
  { template: 'systemd.stopped', re: /^Stopped (.+)\.$/s, unitFrom: 'desc' },
  { template: 'systemd.main-exited', re: /^([\w@.\\-]+)\.service: [Mm]ain process exited, code=\w+, status=\d+\/\S+$/, unitFrom: 'id' },
  { template: 'systemd.control-exited', re: /^([\w@.\\-]+)\.service: [Cc]ontrol process exited, code=\w+,? status=\d+/, unitFrom: 'id' },
  { template: 'systemd.failed-result', re: /^([\w@.\\-]+)\.service: Failed with result '[\w-]+'\.$/, unitFrom: 'id' },
  { template: 'systemd.restart-scheduled', re: /^([\w@.\\-]+)\.service: Scheduled restart job, restart counter is at \d+\.$/, unitFrom: 'id' },
  { template: 'systemd.restart-scheduled', re: /^([\w@.\\-]+)\.service (?:holdoff|hold-off) time over, scheduling restart\.$/, unitFrom: 'id' },
  { template: 'systemd.failed-state', re: /^Unit ([\w@.\\-]+)\.service entered failed state\.$/, unitFrom: 'id' },
  { template: 'systemd.failed-state', re: /^([\w@.\\-]+)\.service failed\.$/, unitFrom: 'id' },
];

function systemdFact(template: string, unit: string, key: string, state: RecogniseState): JournalFactBody | null {
  const last = state.get(key);
  state.set(key, template);
  switch (template) {
    case 'systemd.starting':
      return { kind: 'unit', unit, to: 'starting' };
    case 'systemd.started':
      return { kind: 'unit', unit, to: 'healthy' };
    case 'systemd.failed-to-start':
      return { kind: 'unit', unit, to: 'waiting' };
    case 'systemd.main-exited':
      return last === 'systemd.stopping' ? (state.set(key, 'systemd.stopping'), null) : { kind: 'unit', unit, to: 'failed' };
    case 'systemd.failed-result':
      if (last === 'systemd.stopping') state.set(key, 'systemd.stopping');
      return null;
    case 'systemd.stopped':
      return last === 'systemd.restart-scheduled' ? null : { kind: 'unit', unit, to: 'stopped' };
    default:
      return null;
  }
}

/**
 * Which template wrote `message`; `unitHint` is the unit the line names in its fields (json: UNIT or _SYSTEMD_UNIT),
 * null for short-iso text. Returns null for a line no template knows (another service, a truncated line, ...).
 */
export function recogniseLine(node: string, identifier: string, message: string, unitHint: string | null, state: RecogniseState, publicAgent = false): Recognised | null {
  if (identifier === 'systemd') {
    for (const form of SYSTEMD_FORMS) {
      const m = form.re.exec(message);
      if (!m) continue;
      const unit = form.unitFrom === 'desc' ? unitOfDescription(m[1]) ?? (unitHint !== null && UNIT_CATALOG[unitHint] ? unitHint : null) : m[1];
      if (unit === null || !UNIT_CATALOG[unit]) return null;
      return { template: form.template, unit, fact: systemdFact(form.template, unit, `${node}/${unit}`, state) };
    }
    return null;
  }
  const body = stripPrefix(message);
  const unit = unitHint !== null && PROCESS_REGISTRY[unitHint] ? unitHint : unitOfIdentifier(identifier, message, publicAgent);
  const spec = unit !== null ? PROCESS_REGISTRY[unit] : undefined;
  if (!spec || unit === null) return null;
  for (const r of spec.recognise) {
    const m = r.re.exec(body);
    if (m) return { template: r.template, unit, fact: r.fact ? r.fact(m) : null };
  }
  return null;
}
