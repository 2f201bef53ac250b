// Entry point of `npm run simulate` (architecture.md §4): wires runCli to the real process.
// Owns only process concerns: stdout/stderr, colour detection, exit codes, and a quiet end on EPIPE.
import { runCli } from './cli/run.ts';
import { streamSink } from './cli/output.ts';

const color = process.stdout.isTTY === true && process.env.NO_COLOR === undefined;

runCli(process.argv.slice(2), {
  out: streamSink(process.stdout),
  err: (line) => process.stderr.write(`${line}\n`),
  color,
  // `npm run simulate` runs in the package root; INIT_CWD is where the user typed the command.
  cwd: process.env.INIT_CWD ?? process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bug, not bad input: say so on one line (the stack helps only with DEBUG set) and exit 1.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`simulate: internal error: ${message}\n`);
    if (process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 1;
  },
);
