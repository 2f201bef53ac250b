// Command-line arguments of `npm run simulate` (architecture.md §4), parsed strictly.
// Invariant: every rejection is ONE readable line saying what was wrong and what is allowed; nothing throws.
import { parseArgs } from 'node:util';
import { MAX_AGENTS, MAX_PUBLIC_AGENTS } from '../../shared/protocol/schemas.ts';
import type { ClusterConfig } from '../../shared/engine/types.ts';

export type OutputFormat = 'text' | 'ndjson';

/** Long enough for a full boot of any supported cluster (the engine boots 3 masters in a few minutes). */
export const DEFAULT_UNTIL_MS = 600_000;
/** One simulated week: beyond this a run is a typo, not a lesson. */
export const MAX_UNTIL_MS = 7 * 24 * 3_600_000;
export const MAX_SEED = 2 ** 31 - 1;

export interface CliOptions {
  cluster: ClusterConfig;
  seed: number;
  scenario: string | null;
  /** null: the scenario's durationMs, else DEFAULT_UNTIL_MS. */
  untilMs: number | null;
  format: OutputFormat;
  /** Flags the user typed that a scenario would override (reported on stderr). */
  explicitClusterFlags: string[];
  /** --journal <node>[/<unit>]: print that node's journal instead of the event log (journal.ts). */
  journal?: { node: string; unit: string | null; format: 'short-iso' | 'json' };
}

export type ParsedArgs = { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'error'; error: string };

export const USAGE = `usage: npm run simulate -- [options]

Runs a DC/OS cluster boot headless, as fast as the CPU allows, and prints the event log and a summary.

  --masters N         1, 3 or 5 (default 3)
  --agents N          private agents, 0..${MAX_AGENTS} (default 2)
  --public-agents N   public agents, 0..${MAX_PUBLIC_AGENTS} (default 1)
  --seed N            0..${MAX_SEED} (default 1); same seed, same log
  --scenario NAME|FILE  a built-in scenario name, a scenario JSON file or a room's recording
                      (GET /api/rooms/<room>/recording; sets cluster and seed)
  --until-ms N        simulated milliseconds to run, 1..${MAX_UNTIL_MS} (default: the recording's
                      untilMs, the scenario's durationMs, else ${DEFAULT_UNTIL_MS})
  --format F          text (default) or ndjson
  --journal NODE[/UNIT]  print that node's journal (journalctl -o short-iso) instead of the event log
  --journal-format F  short-iso (default) or json (journalctl -o json), with --journal
  -h, --help          this text

exit codes: 0 ok, 2 bad arguments or invalid scenario`;

const OPTIONS = {
  masters: { type: 'string' },
  agents: { type: 'string' },
  'public-agents': { type: 'string' },
  seed: { type: 'string' },
  scenario: { type: 'string' },
  'until-ms': { type: 'string' },
  format: { type: 'string' },
  journal: { type: 'string' },
  'journal-format': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const ALLOWED = Object.keys(OPTIONS).map((k) => `--${k}`).join(', ');

class ArgError extends Error {}

function integer(flag: string, raw: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(raw.trim())) throw new ArgError(`--${flag} must be a whole number from ${min} to ${max}, got '${raw}'`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ArgError(`--${flag} must be from ${min} to ${max}, got ${value}`);
  return value;
}

/** node:util's messages are long and mention positionals; say it our way. */
function describeParseError(error: unknown, argv: readonly string[]): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = /'([^']+)'/.exec(message)?.[1] ?? '?';
    return `unknown option '${name}'; allowed: ${ALLOWED}`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const name = /'([^']+)'/.exec(message)?.[1] ?? argv.find((a) => !a.startsWith('-')) ?? '?';
    return `unexpected argument '${name}'; options take the form --name value (see --help)`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = /--?[a-z-]+/.exec(message)?.[0] ?? 'an option';
    return `${name} needs a value (see --help)`;
  }
  return `${message.split('\n')[0]} (see --help)`;
}

/**
 * node:util reads `--agents -1` as two options; glue a negative number to its flag so the range check can
 * say what is allowed instead of a confusing "needs a value".
 */
function glueNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : '';
    const option = (OPTIONS as Record<string, { type: string }>)[name];
    if (option?.type === 'string' && i + 1 < argv.length && /^-\d/.test(argv[i + 1])) {
      out.push(`${argv[i]}=${argv[i + 1]}`);
      i += 1;
    } else out.push(argv[i]);
  }
  return out;
}

export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let values: Partial<Record<keyof typeof OPTIONS, string | boolean>>;
  try {
    values = parseArgs({ args: glueNegativeValues(argv), options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return { kind: 'error', error: describeParseError(error, argv) };
  }
  if (values.help === true) return { kind: 'help' };
  const str = (k: keyof typeof OPTIONS): string | undefined => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  try {
    const mastersRaw = str('masters');
    let masters: 1 | 3 | 5 = 3;
    if (mastersRaw !== undefined) {
      if (!['1', '3', '5'].includes(mastersRaw.trim())) throw new ArgError(`--masters must be 1, 3 or 5 (a ZooKeeper quorum needs an odd count), got '${mastersRaw}'`);
      masters = Number(mastersRaw.trim()) as 1 | 3 | 5;
    }
    const agents = str('agents') === undefined ? 2 : integer('agents', str('agents')!, 0, MAX_AGENTS);
    const publicAgents = str('public-agents') === undefined ? 1 : integer('public-agents', str('public-agents')!, 0, MAX_PUBLIC_AGENTS);
    const seed = str('seed') === undefined ? 1 : integer('seed', str('seed')!, 0, MAX_SEED);
    const untilMs = str('until-ms') === undefined ? null : integer('until-ms', str('until-ms')!, 1, MAX_UNTIL_MS);
    const format = str('format') ?? 'text';
    if (format !== 'text' && format !== 'ndjson') throw new ArgError(`--format must be text or ndjson, got '${format}'`);
    const scenario = str('scenario');
    if (scenario !== undefined && scenario.trim() === '') throw new ArgError('--scenario needs a built-in scenario name or a file path');
    const journal = parseJournalFlags(str('journal'), str('journal-format'));
    return {
      kind: 'run',
      options: {
        cluster: { masters, agents, publicAgents },
        seed,
        scenario: scenario ?? null,
        untilMs,
        format,
        ...(journal !== null ? { journal } : {}),
        explicitClusterFlags: (['masters', 'agents', 'public-agents', 'seed'] as const).filter((k) => values[k] !== undefined).map((k) => `--${k}`),
      },
    };
  } catch (error) {
    if (error instanceof ArgError) return { kind: 'error', error: error.message };
    throw error;
  }
}

/** `--journal master-1/dcos-mesos-master --journal-format json`; the node is checked against the cluster later. */
function parseJournalFlags(journal: string | undefined, format: string | undefined): NonNullable<CliOptions['journal']> | null {
  if (journal === undefined) {
    if (format !== undefined) throw new ArgError('--journal-format needs --journal <node>[/<unit>]');
    return null;
  }
  const m = /^([a-z0-9][a-z0-9-]{0,63})(?:\/([a-z0-9][a-z0-9.-]{0,71}))?$/.exec(journal.trim());
  if (!m) throw new ArgError(`--journal must be <node>[/<unit>], e.g. master-1 or master-1/dcos-mesos-master, got '${journal.slice(0, 80)}'`);
  const f = format ?? 'short-iso';
  if (f !== 'short-iso' && f !== 'json') throw new ArgError(`--journal-format must be short-iso or json, got '${f.slice(0, 32)}'`);
  return { node: m[1], unit: m[2] ?? null, format: f };
}
