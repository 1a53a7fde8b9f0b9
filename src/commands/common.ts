/** What every command shares: one-line usage errors, option parsing in the CLI's own words, outputs. */
import { statSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { showInvisible } from '../report/invisible.js';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Directory that relative paths on the command line are read from. */
  cwd: string;
  /** Whether stdout is a terminal that shows colour (`--format text` only). */
  color?: boolean;
}

/** A problem with the command line or the input: reported as one line, exit code 2. */
export class UsageError extends Error {}

export interface Command {
  name: string;
  /** One line for `contractguard --help`. */
  summary: string;
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with `--help` built in and its errors said in the CLI's terms. */
export function parseOptions<O extends Options>(argv: string[], options: O, command: string) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    throw new UsageError(`${describeParseError(err)}; ${helpHint(command)}`);
  }
}

export function helpHint(command: string): string {
  return `see "contractguard ${command} --help"`;
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

export function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  hint: string,
  command: string,
): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be ${hint}, not ${JSON.stringify(value)}; ${helpHint(command)}`);
}

export function existingDirectory(path: string, flag: string, typed: string): string {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) throw new UsageError(`${flag}: no such directory ${typed}`);
  if (!stat.isDirectory()) throw new UsageError(`${flag}: ${typed} is not a directory`);
  return path;
}

/** One line for stderr; control and bidirectional characters (from file names, refs) shown as `\u202E`. */
export function oneLine(text: string): string {
  return showInvisible(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());
}

/** Every command's `--help`: prints its usage; true when it did (the command is then done, exit 0). */
export function showedHelp(
  values: { help?: boolean | string | (boolean | string)[] },
  usage: string,
  io: CliIo,
) {
  if (values.help !== true) return false;
  io.stdout(usage);
  return true;
}

/** For commands that take only options. */
export function noArguments(positionals: readonly string[], command: string): void {
  if (positionals.length) {
    throw new UsageError(
      `${command} takes no arguments, only options (got ${positionals[0]}); ${helpHint(command)}`,
    );
  }
}

/** `--repo DIR` (default: the working directory), checked to exist. */
export function repoDir(typed: string | undefined, cwd: string): string {
  return existingDirectory(resolvePath(cwd, typed ?? '.'), '--repo', typed ?? '.');
}
