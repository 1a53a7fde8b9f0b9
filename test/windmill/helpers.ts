/** Shared setup of the Windmill tests: a temporary copy of examples/windmill, and reading its files. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import { tempDir, writeFiles } from '../load/helpers.js';

export const EXAMPLE = fileURLToPath(new URL('../../examples/windmill/', import.meta.url));

/** A temporary copy of examples/windmill, then `changes` (path → text, or `null` to delete). */
export function example(changes: Record<string, string | null> = {}): string {
  const dir = tempDir();
  fs.cpSync(EXAMPLE, dir, { recursive: true });
  writeFiles(dir, changes);
  return dir;
}

/** The text of `file` (relative to `dir`). */
export const text = (dir: string, file: string): string => fs.readFileSync(path.join(dir, file), 'utf8');

/** A temporary copy of examples/windmill with the first `from` in `file` replaced by `to`. */
export function exampleEditing(file: string, from: string, to: string): string {
  const dir = example();
  writeFiles(dir, { [file]: text(dir, file).replace(from, to) });
  return dir;
}
