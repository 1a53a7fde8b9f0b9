#!/usr/bin/env node
/** The `contractguard` command: a table of commands, one module each under src/commands/. */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

import { canaryCommand } from './commands/canary.js';
import { checkCommand } from './commands/check.js';
import { type CliIo, type Command, oneLine, UsageError } from './commands/common.js';
import { diffCommand } from './commands/diff.js';
import { diffSchemasCommand } from './commands/diff-schemas.js';
import { initCommand } from './commands/init.js';
import { newVersionCommand } from './commands/new-version.js';
import { shadowDiffCommand } from './commands/shadow-diff.js';
import { SchemaError } from './schema/types.js';

export type { CliIo } from './commands/common.js';

const COMMANDS: readonly Command[] = [
  diffCommand,
  checkCommand,
  newVersionCommand,
  initCommand,
  diffSchemasCommand,
  canaryCommand,
  shadowDiffCommand,
];

export const USAGE = `Usage: contractguard <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(13)} ${c.summary}`).join('\n')}

Run "contractguard <command> --help" for a command's options.
`;

const KNOWN = `the known commands are ${COMMANDS.map((c) => c.name).join(', ')} (see "contractguard --help")`;

/** Runs the command line `argv` (without `node` and the script) and returns the exit code. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    if (err instanceof UsageError || err instanceof SchemaError) {
      io.stderr(`${oneLine(err.message)}\n`);
      return 2;
    }
    if (process.env.CONTRACTGUARD_DEBUG === '1') {
      io.stderr(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    } else {
      const what = err instanceof Error ? err.message : String(err);
      io.stderr(
        `contractguard: internal error: ${oneLine(what)} (set CONTRACTGUARD_DEBUG=1 for details; please report it)\n`,
      );
    }
    return 2;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError(`contractguard: missing command; ${KNOWN}`);
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command) return command.run(rest, io);
  if (name.startsWith('-')) throw new UsageError(`contractguard: missing command before ${name}; ${KNOWN}`);
  throw new UsageError(`contractguard: unknown command ${JSON.stringify(name)}; ${KNOWN}`);
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  // A reader that stops early (`| head`) closes the pipe: not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') return;
    process.stderr.write(`contractguard: cannot write the report: ${oneLine(err.message)}\n`);
    process.exitCode = 2;
  });
  run(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 2;
    },
  );
}
