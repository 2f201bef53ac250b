// Scenario files: the built-in teaching scenarios in scenarios/*.json and user files given to the CLI, which may
// also be a room's recording (shared/protocol/recording.ts: a scenario with `version` and `untilMs`).
// Invariants:
// - Nothing reaches the engine unvalidated: JSON syntax, then the zod schema (unknown keys rejected), then every
//   step's fault checked against the scenario's own cluster (unknown node/unit) by the engine's validateFault.
// - Every failure is one readable line naming the file and what is allowed; nothing here throws on bad input.
// - Built-ins are read from disk on each call (small files) so a teacher's edit shows up without a restart.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeZodError, scenarioSchema, type Scenario } from '../shared/protocol/schemas.ts';
import { looksLikeRecording, recordingSchema, type Recording } from '../shared/protocol/recording.ts';
import type { ScenarioInfo } from '../shared/protocol/messages.ts';
import type { ClusterConfig, Fault } from '../shared/engine/types.ts';
import { validateFault } from '../shared/engine/index.ts';
import { isSymbolicNode } from '../shared/engine/script.ts';

export type { Scenario };
/** A recording is a scenario too (every consumer of a scenario can play one); only the CLI reads its untilMs. */
export type ScenarioResult = { ok: true; scenario: Scenario | Recording } | { ok: false; error: string };

/** Where the built-in scenarios live (repo root /scenarios). */
export const SCENARIO_DIR = fileURLToPath(new URL('../scenarios/', import.meta.url));
/** Teaching order for the UI menu; built-ins not listed here follow alphabetically. */
export const BUILTIN_ORDER = [
  'healthy-boot',
  'zk-single-failure',
  'zk-quorum-loss',
  'slow-mesos-dns',
  'leader-failover',
  'leader-failover-5000',
  'agent-partition',
  'master-crash',
];
/** Scenario files are hand-written lessons; anything bigger is a mistake (or an attack on the server). */
export const MAX_SCENARIO_BYTES = 256 * 1024;
/** A recording holds up to MAX_RECORDING_STEPS machine-written steps (about 100-600 bytes each). */
export const MAX_RECORDING_BYTES = 4 * 1024 * 1024;
const NAME_PATTERN = /^[a-z0-9-]{1,64}$/;

/** Checks one fault against a cluster: null when the engine would accept it, else why not. */
export type FaultCheck = (cluster: ClusterConfig, fault: Fault) => string | null;

/** The engine's own check (unknown node, unit not on that node, bad delay), so files and clicks agree. */
export const checkFaultWithEngine: FaultCheck = validateFault;

/** Parse and validate scenario text; `source` names it in errors ("scenarios/x.json", "my.json"). */
export function parseScenario(text: string, source: string, checkFault: FaultCheck = checkFaultWithEngine): ScenarioResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ok: false, error: `${source} is not valid JSON (${why}); a scenario is a JSON object, see scenarios/healthy-boot.json` };
  }
  const parsed = parseScenarioOrRecording(json);
  if (!parsed.ok) return { ok: false, error: `${source} is not a valid ${parsed.kind}: ${parsed.error}` };
  const { scenario, endKey, endMs } = parsed;
  if (endKey === 'durationMs' && text.length > MAX_SCENARIO_BYTES) {
    return { ok: false, error: `${source} is ${text.length} characters; scenario files may be at most ${MAX_SCENARIO_BYTES} (recordings ${MAX_RECORDING_BYTES})` };
  }
  for (const [i, step] of scenario.steps.entries()) {
    if (endMs !== undefined && step.atMs > endMs) {
      return { ok: false, error: `${source} step ${i + 1}: atMs ${step.atMs} is after ${endKey} ${endMs}; steps must fall within the run` };
    }
    if (step.fault === undefined) continue;
    // A role name (@mesos-leader, ...) always means a master: check the unit against master-1.
    const concrete = step.fault.kind !== 'clear' && isSymbolicNode(step.fault.node) ? { ...step.fault, node: 'master-1' } : step.fault;
    const problem = checkFault(scenario.cluster, concrete);
    if (problem !== null) {
      return { ok: false, error: `${source} step ${i + 1} (atMs ${step.atMs}): ${problem}` };
    }
  }
  return { ok: true, scenario };
}

type Parsed =
  | { ok: true; scenario: Scenario | Recording; endKey: 'untilMs' | 'durationMs'; endMs: number | undefined }
  | { ok: false; kind: 'recording' | 'scenario'; error: string };

/** A file that names a recording `version` is held to the recording schema, anything else to the scenario's. */
function parseScenarioOrRecording(json: unknown): Parsed {
  if (looksLikeRecording(json)) {
    const r = recordingSchema.safeParse(json);
    return r.success ? { ok: true, scenario: r.data, endKey: 'untilMs', endMs: r.data.untilMs } : { ok: false, kind: 'recording', error: describeZodError(r.error) };
  }
  const s = scenarioSchema.safeParse(json);
  return s.success ? { ok: true, scenario: s.data, endKey: 'durationMs', endMs: s.data.durationMs } : { ok: false, kind: 'scenario', error: describeZodError(s.error) };
}

export function loadScenarioFile(path: string, checkFault: FaultCheck = checkFaultWithEngine): ScenarioResult {
  let text: string;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return { ok: false, error: `${path} is not a file; give a scenario JSON file or a built-in name (${builtinNames().join(', ')})` };
    if (stat.size > MAX_RECORDING_BYTES) return { ok: false, error: `${path} is ${stat.size} bytes; scenario files may be at most ${MAX_SCENARIO_BYTES}, recordings ${MAX_RECORDING_BYTES}` };
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable' : `cannot be read (${code ?? 'error'})`;
    return { ok: false, error: `scenario file ${path} ${why}; built-in scenarios: ${builtinNames().join(', ')}` };
  }
  return parseScenario(text, path, checkFault);
}

/** Names of the built-in scenarios, in teaching order. */
export function builtinNames(): string[] {
  let files: string[];
  try {
    files = readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  const names = files.map((f) => basename(f, '.json')).filter((n) => NAME_PATTERN.test(n));
  const rank = (n: string) => {
    const i = BUILTIN_ORDER.indexOf(n);
    return i === -1 ? BUILTIN_ORDER.length : i;
  };
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function loadBuiltinScenario(name: string, checkFault: FaultCheck = checkFaultWithEngine): ScenarioResult {
  if (!NAME_PATTERN.test(name) || !builtinNames().includes(name)) {
    return { ok: false, error: `unknown scenario '${name.slice(0, 64)}'; built-in scenarios: ${builtinNames().join(', ')}` };
  }
  const result = loadScenarioFile(join(SCENARIO_DIR, `${name}.json`), checkFault);
  if (result.ok && result.scenario.name !== name) {
    return { ok: false, error: `scenarios/${name}.json names itself '${result.scenario.name}'; the name must match the file name` };
  }
  return result;
}

/** The built-ins that load and validate, for menus (a broken file is skipped, not fatal to the server). */
export function listScenarios(): ScenarioInfo[] {
  const out: ScenarioInfo[] = [];
  for (const name of builtinNames()) {
    const r = loadBuiltinScenario(name);
    if (r.ok) out.push({ name: r.scenario.name, title: r.scenario.title, description: r.scenario.description });
  }
  return out;
}

/**
 * CLI: a built-in name, else a path to a file. Relative paths resolve against `baseDir`: `npm run` starts
 * scripts in the package root, so the CLI passes the directory the user typed the command in (INIT_CWD).
 */
export function resolveScenario(nameOrFile: string, baseDir: string = process.cwd(), checkFault: FaultCheck = checkFaultWithEngine): ScenarioResult {
  if (NAME_PATTERN.test(nameOrFile) && builtinNames().includes(nameOrFile)) return loadBuiltinScenario(nameOrFile, checkFault);
  const path = isAbsolute(nameOrFile) ? nameOrFile : resolve(baseDir, nameOrFile);
  if (existsSync(path)) return loadScenarioFile(path, checkFault);
  if (NAME_PATTERN.test(nameOrFile)) return loadBuiltinScenario(nameOrFile, checkFault);
  return loadScenarioFile(path, checkFault);
}
