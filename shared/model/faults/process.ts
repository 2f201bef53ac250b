// Fault kinds that act on one unit's process (architecture.md §2): kill, stop / start, hang, delay.
// Texts name the unit as dcos-diagnostics does ("Exhibitor"), so a fault reads like an operator's sentence.
import { z } from 'zod';
import { UNIT_CATALOG, unitLabel } from '../catalog.ts';
import { roleOfNode } from '../cluster.ts';
import type { FaultSubject, MenuFacts } from './spec.ts';
import { activeOn, defineFault, nodeIdSchema, seconds, unitIdSchema } from './spec.ts';

/** The longest delay a fault may add: one hour of simulated time. */
export const MAX_DELAY_MS = 3_600_000;
/** Delay presets offered in the menu (seconds of simulated time). */
export const DELAY_PRESETS_S: readonly number[] = [30, 60, 120];


/** "Exhibitor" for dcos-exhibitor (per-role names applied); the id itself for a unit the catalog lacks. */
export function unitName(unit: string, node: string): string {
  if (UNIT_CATALOG[unit] === undefined) return unit;
  return unitLabel(unit, roleOfNode(node) ?? UNIT_CATALOG[unit].roles[0]).name;
}

const on = (f: { node: string; unit: string }) => `${unitName(f.unit, f.node)} on ${f.node}`;
const what = (f: { node: string; unit: string }) => `${f.unit} on ${f.node}`;

/** The node must be powered for anything to happen to a process on it. */
function powered(f: { node: string }, at: FaultSubject): string | null {
  return at.node !== null && !at.node.up ? `${f.node} is powered off; boot it first` : null;
}

const stateOf = (at: FaultSubject) => at.unit?.state ?? 'pending';
const isStopped = (f: { node: string; unit: string }, at: FaultSubject) => stateOf(at) === 'stopped' || activeOn(at.active, 'stop', f.node, f.unit) !== undefined;

function restartWords(facts: MenuFacts): string {
  const u = facts.unit;
  if (u === undefined) return 'systemd restarts it after its RestartSec';
  if (u.restart === 'no') return `it stays down (${u.name} has Restart=no)`;
  return `systemd restarts it after RestartSec (${u.restartSec} s for ${u.name})`;
}

const one = <K extends string>(kind: K, label: string) => (t: { node: string; unit: string }) => [{ id: kind, label, fault: { kind, node: t.node, unit: t.unit } }];
const BREAK = 'Break the process';

/**
 * The wire schema (zod) of each kind in this file. A function, not constants: only the protocol calls it, so the
 * web, which imports the entries below for its menu, never bundles zod.
 */
export function processSchemas() {
  const target = { node: nodeIdSchema(), unit: unitIdSchema() };
  return {
    kill: z.strictObject({ kind: z.literal('kill'), ...target }),
    stop: z.strictObject({ kind: z.literal('stop'), ...target }),
    start: z.strictObject({ kind: z.literal('start'), ...target }),
    hang: z.strictObject({ kind: z.literal('hang'), ...target }),
    delay: z.strictObject({
      kind: z.literal('delay'), ...target,
      ms: z.number().int('delay ms must be a whole number').min(0, 'delay ms must not be negative').max(MAX_DELAY_MS, `delay ms must be at most ${MAX_DELAY_MS} (one hour)`),
    }),
  };
}
type S = ReturnType<typeof processSchemas>;

export const PROCESS_FAULTS = {
  kill: defineFault<z.infer<S['kill']>>({
    scope: 'unit', persistent: false, undoneBy: [],
    describe: (f) => `kill ${on(f)}`,
    applicable: (f, at) => powered(f, at) ?? (['starting', 'healthy', 'unhealthy'].includes(stateOf(at)) ? null
      : `${what(f)} has no running process to kill (it is ${stateOf(at)}); kill needs starting, healthy or unhealthy`),
    menu: { group: BREAK, items: one('kill', 'Kill'), hint: (_f, facts) => `The process dies; ${restartWords(facts)}.` },
  }),
  stop: defineFault<z.infer<S['stop']>>({
    scope: 'unit', persistent: true, undoneBy: ['start'],
    describe: (f) => `stop ${on(f)}`,
    applicable: (f, at) => powered(f, at) ?? (isStopped(f, at) ? `${what(f)} is already stopped; use start` : null),
    menu: { group: BREAK, items: one('stop', 'Stop'), hint: () => 'systemctl stop: the unit stays down (no restart) until you Start it.' },
  }),
  start: defineFault<z.infer<S['start']>>({
    scope: 'unit', persistent: false, undoneBy: [],
    describe: (f) => `start ${on(f)}`,
    applicable: (f, at) => powered(f, at) ?? (isStopped(f, at) ? null
      : `${what(f)} is not stopped (it is ${stateOf(at)}); only a unit stopped by a stop fault can be started`),
    menu: { group: BREAK, items: one('start', 'Start'), hint: () => 'systemctl start: a stopped unit runs again and goes through its start gates.' },
  }),
  hang: defineFault<z.infer<S['hang']>>({
    scope: 'unit', persistent: true, undoneBy: [],
    describe: (f) => `hang ${on(f)}`,
    applicable: (f, at) => powered(f, at)
      ?? (activeOn(at.active, 'hang', f.node, f.unit) ? `${what(f)} already hangs; kill it to recover` : null)
      ?? (stateOf(at) === 'healthy' || stateOf(at) === 'starting' ? null : `${what(f)} is not running (it is ${stateOf(at)}); hang needs a starting or healthy unit`),
    menu: { group: BREAK, items: one('hang', 'Hang'), hint: () => 'The process stays up but stops answering: systemd sees it running, health checks fail.' },
  }),
  delay: defineFault<z.infer<S['delay']>>({
    scope: 'unit', persistent: true, undoneBy: [],
    describe: (f) => `delay ${on(f)} by ${seconds(f.ms)}`,
    validate: (f) => {
      const ms: unknown = f.ms;
      return typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > MAX_DELAY_MS ? `delay must be between 0 and ${MAX_DELAY_MS} ms (a whole number)` : null;
    },
    // A delay is remembered even while the node is off: it applies to the starts after the next boot.
    applicable: () => null,
    menu: {
      group: 'Delay its starts', layout: 'row',
      groupHint: 'Each start takes this much longer to become ready (like a slow Mesos-DNS) until faults are cleared; dependents wait.',
      items: (t) => DELAY_PRESETS_S.map((s) => ({ id: `delay-${s}`, label: `+${s} s`, fault: { kind: 'delay' as const, node: t.node, unit: t.unit, ms: s * 1000 } })),
      hint: (f) => `Delay: every start takes ${seconds(f.ms)} longer to become ready until faults are cleared; dependents wait.`,
    },
  }),
};
