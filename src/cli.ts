#!/usr/bin/env node
import { realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

import { diffSchemas } from './diff/index.js';
import type { DiffResult, Direction, Semantics } from './diff/types.js';
import { renderJson } from './render/json.js';
import { renderMarkdown } from './render/markdown.js';
import { renderText } from './render/text.js';
import { loadSchemaFile } from './schema/load.js';
import { SchemaError, type ResolvedSchema } from './schema/types.js';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Directory that relative paths on the command line are read from. */
  cwd: string;
}

type Format = 'text' | 'json' | 'markdown';

export const USAGE = `Usage: contractguard <command> [options]

Commands:
  diff-schemas  Compare two JSON Schema files and classify every change as
                breaking, dangerous, additive or none.

Run "contractguard <command> --help" for a command's options.
`;

export const DIFF_SCHEMAS_USAGE = `Usage: contractguard diff-schemas --direction input|output [options] OLD NEW

Compare two JSON Schema files and classify every change as breaking,
dangerous, additive or none, for the clients of the endpoint.

Arguments:
  OLD  the schema before the change (e.g. from the base branch)
  NEW  the schema after the change

Options:
  --direction input|output      required: what the schema describes
                                  input:  requests the endpoint accepts
                                  output: responses it returns
  --semantics pragmatic|strict  pragmatic (default): properties a schema does
                                  not declare are outside the contract
                                strict: compare exactly the sets of values
                                  each schema admits
  --format text|json|markdown   output format (default: text)
  --root DIR                    directory $refs may resolve within (default:
                                  the directory of each schema file)
  -h, --help                    show this help

Exit codes:
  0  the schemas were compared (whatever the verdict)
  2  bad usage, or a schema file is missing or invalid
`;

const DIRECTION_HINT = 'input (requests the endpoint accepts) or output (responses it returns)';
const HELP_HINT = 'see "contractguard diff-schemas --help"';

/** A problem with the command line or the input files: reported as one line, exit code 2. */
class UsageError extends Error {}

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
  const [command, ...rest] = argv;
  if (command === undefined) {
    throw new UsageError(
      'contractguard: missing command; the known command is diff-schemas (see "contractguard --help")',
    );
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (command === 'diff-schemas') return diffSchemasCommand(rest, io);
  if (command.startsWith('-')) {
    throw new UsageError(
      `contractguard: missing command before ${command}; the known command is diff-schemas (see "contractguard --help")`,
    );
  }
  throw new UsageError(
    `contractguard: unknown command ${JSON.stringify(command)}; the known command is diff-schemas (see "contractguard --help")`,
  );
}

async function diffSchemasCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help === true) {
    io.stdout(DIFF_SCHEMAS_USAGE);
    return 0;
  }
  const direction = oneOf<Direction>('--direction', values.direction, ['input', 'output'], DIRECTION_HINT);
  const semantics =
    oneOf<Semantics>(
      '--semantics',
      values.semantics ?? 'pragmatic',
      ['pragmatic', 'strict'],
      'pragmatic or strict',
    ) ?? 'pragmatic';
  const format =
    oneOf<Format>(
      '--format',
      values.format ?? 'text',
      ['text', 'json', 'markdown'],
      'text, json or markdown',
    ) ?? 'text';
  if (direction === undefined)
    throw new UsageError(`--direction is required: ${DIRECTION_HINT}; ${HELP_HINT}`);
  if (positionals.length !== 2) {
    throw new UsageError(
      `diff-schemas needs two schema files, OLD and NEW, but got ${positionals.length}; ` +
        'usage: contractguard diff-schemas --direction input|output [options] OLD NEW',
    );
  }
  const [oldArg = '', newArg = ''] = positionals;

  const root =
    values.root === undefined ? undefined : existingDirectory(resolve(io.cwd, values.root), values.root);
  const oldSchema = load('OLD', oldArg, root, io.cwd);
  const newSchema = load('NEW', newArg, root, io.cwd);

  const result: DiffResult = await diffSchemas(oldSchema, newSchema, { direction, semantics });
  const labels = {
    direction,
    semantics,
    oldLabel: oldArg,
    newLabel: newArg,
    schemaFiles: [oldSchema.file, newSchema.file],
  };
  io.stdout(
    format === 'json'
      ? renderJson(result)
      : format === 'markdown'
        ? renderMarkdown(result, labels)
        : renderText(result, labels),
  );
  return 0;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        direction: { type: 'string' },
        semantics: { type: 'string' },
        format: { type: 'string' },
        root: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(`${describeParseError(err)}; ${HELP_HINT}`);
  }
}

/** parseArgs' own messages span lines and talk about its API; say the same thing in the CLI's terms. */
function describeParseError(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  const option = /'(-{1,2}[^' ]+)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option !== undefined) return `unknown option ${option}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option !== undefined) {
    return option === '--help' || option === '-h' ? `${option} takes no value` : `${option} needs a value`;
  }
  return oneLine(message);
}

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  hint: string,
): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be ${hint}, not ${JSON.stringify(value)}; ${HELP_HINT}`);
}

function existingDirectory(path: string, typed: string): string {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) throw new UsageError(`--root: no such directory ${typed}`);
  if (!stat.isDirectory()) throw new UsageError(`--root: ${typed} is not a directory`);
  return path;
}

/** Loads one side, turning every way a file can be unusable into a one-line message that names it. */
function load(side: 'OLD' | 'NEW', typed: string, root: string | undefined, cwd: string): ResolvedSchema {
  const path = resolve(cwd, typed);
  let stat: Stats | undefined;
  try {
    stat = statSync(path, { throwIfNoEntry: false });
  } catch (err) {
    throw new UsageError(`${side}: cannot read ${typed}: ${systemReason(err)}`);
  }
  if (stat === undefined) throw new UsageError(`${side}: no such file ${typed}`);
  if (stat.isDirectory()) throw new UsageError(`${side}: ${typed} is a directory, not a schema file`);
  const schemaRoot = root ?? dirname(path);
  const inside = relative(schemaRoot, path);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new UsageError(`${side}: ${typed} is outside --root ${relative(cwd, schemaRoot) || '.'}`);
  }
  try {
    return loadSchemaFile(path, { root: schemaRoot });
  } catch (err) {
    if (err instanceof SchemaError) throw new UsageError(locate(err, schemaRoot, cwd));
    if (systemCode(err) !== undefined)
      throw new UsageError(`${side}: cannot read ${typed}: ${systemReason(err)}`);
    throw err;
  }
}

/**
 * A SchemaError names its file relative to the schema root, which by default is the file's own directory;
 * two sides both called `schema.json` would be indistinguishable. Name the file as seen from the working directory.
 */
function locate(err: SchemaError, schemaRoot: string, cwd: string): string {
  if (err.file === '' || !err.message.startsWith(err.file)) return err.message;
  const shown = relative(cwd, resolve(schemaRoot, err.file)) || err.file;
  return shown + err.message.slice(err.file.length);
}

function systemCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

function systemReason(err: unknown): string {
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOTDIR: 'a part of the path is not a directory',
    ELOOP: 'too many symbolic links',
    ENAMETOOLONG: 'the path is too long',
    EISDIR: 'it is a directory, not a schema file',
  };
  const code = systemCode(err);
  return code === undefined ? 'unreadable' : (reasons[code] ?? code);
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
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
  }).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 2;
    },
  );
}
