/**
 * What `diff-schemas` and `diff-openapi` share: the `--semantics`/`--format` flags and loading OLD and NEW, where
 * every way a file can be unusable (missing, a directory, outside `--root`, unreadable, invalid) becomes one
 * line that names the side and the file as typed.
 */
import { statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Semantics } from '../diff/types.js';
import { SchemaError } from '../schema/types.js';
import { oneOf, UsageError } from './common.js';

export type Format = 'text' | 'json' | 'markdown';
export type Side = 'OLD' | 'NEW';

export function semanticsAndFormat(
  values: { semantics?: string | undefined; format?: string | undefined },
  command: string,
): { semantics: Semantics; format: Format } {
  const semantics =
    oneOf<Semantics>(
      '--semantics',
      values.semantics ?? 'pragmatic',
      ['pragmatic', 'strict'],
      'pragmatic or strict',
      command,
    ) ?? 'pragmatic';
  const format =
    oneOf<Format>(
      '--format',
      values.format ?? 'text',
      ['text', 'json', 'markdown'],
      'text, json or markdown',
      command,
    ) ?? 'text';
  return { semantics, format };
}

export interface LoadSide<T> {
  /** What the file should be, for "… is a directory, not a schema file". */
  what: string;
  read(path: string, root: string): T;
  /** The line for an invalid file; the root is the one it was read under. */
  invalid(err: SchemaError, root: string): string;
}

export function loadSide<T>(
  side: Side,
  typed: string,
  root: string | undefined,
  cwd: string,
  how: LoadSide<T>,
): T {
  const path = resolve(cwd, typed);
  let stat: Stats | undefined;
  try {
    stat = statSync(path, { throwIfNoEntry: false });
  } catch (err) {
    throw new UsageError(`${side}: cannot read ${typed}: ${systemReason(err, how.what)}`);
  }
  if (stat === undefined) throw new UsageError(`${side}: no such file ${typed}`);
  if (stat.isDirectory()) throw new UsageError(`${side}: ${typed} is a directory, not ${how.what}`);
  const fileRoot = root ?? dirname(path);
  const inside = relative(fileRoot, path);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new UsageError(`${side}: ${typed} is outside --root ${relative(cwd, fileRoot) || '.'}`);
  }
  try {
    return how.read(path, fileRoot);
  } catch (err) {
    if (err instanceof SchemaError) throw new UsageError(how.invalid(err, fileRoot));
    if (systemCode(err) !== undefined)
      throw new UsageError(`${side}: cannot read ${typed}: ${systemReason(err, how.what)}`);
    throw err;
  }
}

function systemCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

function systemReason(err: unknown, what: string): string {
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOTDIR: 'a part of the path is not a directory',
    ELOOP: 'too many symbolic links',
    ENAMETOOLONG: 'the path is too long',
    EISDIR: `it is a directory, not ${what}`,
  };
  const code = systemCode(err);
  return code === undefined ? 'unreadable' : (reasons[code] ?? code);
}
