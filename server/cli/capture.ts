// Runs the CLI in-process and captures what it would print: for tests and for rewriting golden logs.
// Same code path as `npm run simulate` except the process wiring in server/cli.ts.
import { runCli } from './run.ts';
import { stringSink } from './output.ts';

export interface CapturedRun {
  code: number;
  stdout: string;
  /** stderr lines, without newlines. */
  stderr: string[];
}

export async function captureCli(argv: readonly string[]): Promise<CapturedRun> {
  const out = stringSink();
  const stderr: string[] = [];
  const code = await runCli(argv, { out, err: (line) => stderr.push(line), color: false });
  return { code, stdout: out.text(), stderr };
}

/** ndjson output split into parsed objects (the last one is the summary). */
export function parseNdjson(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
