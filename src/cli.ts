#!/usr/bin/env node
/**
 * The `contractguard` command: a table of commands, one module each under src/commands/. Each module is
 * imported only when its command runs (or for `--help`): a trivial `diff-schemas` must not pay for zod, ajv
 * or the tree pipeline, so the process starts about as fast as a bare `node` (bench/cli.bench.ts).
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

import { type CliIo, type Command, oneLine, UsageError } from './commands/common.js';
import { SchemaError } from './schema/types.js';

export type { CliIo } from './commands/common.js';

/** A command by name, and how to load its module. The order is `--help`'s. */
const COMMANDS: readonly { name: string; load: () => Promise<Command> }[] = [
  { name: 'diff', load: async () => (await import('./commands/diff.js')).diffCommand },
  { name: 'check', load: async () => (await import('./commands/check.js')).checkCommand },
  { name: 'new-version', load: async () => (await import('./commands/new-version.js')).newVersionCommand },
  { name: 'init', load: async () => (await import('./commands/init.js')).initCommand },
  {
    name: 'add-endpoint',
    load: async () => (await import('./commands/add-endpoint.js')).addEndpointCommand,
  },
  { name: 'diff-schemas', load: async () => (await import('./commands/diff-schemas.js')).diffSchemasCommand },
  { name: 'diff-openapi', load: async () => (await import('./commands/diff-openapi.js')).diffOpenApiCommand },
  { name: 'canary', load: async () => (await import('./commands/canary.js')).canaryCommand },
  { name: 'shadow-diff', load: async () => (await import('./commands/shadow-diff.js')).shadowDiffCommand },
  { name: 'catalog', load: async () => (await import('./commands/catalog.js')).catalogCommand },
  { name: 'verify', load: async () => (await import('./commands/verify.js')).verifyCommand },
];

/** `contractguard --help`: loads every command for its one-line summary (the only path that loads them all). */
export async function usage(): Promise<string> {
  const commands = await Promise.all(COMMANDS.map((c) => c.load()));
  return `Usage: contractguard <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(13)} ${c.summary}`).join('\n')}

Run "contractguard <command> --help" for a command's options.
`;
}

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
    io.stdout(await usage());
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (entry) return (await entry.load()).run(rest, io);
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
