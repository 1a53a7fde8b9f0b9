/** Loading one schema file: read it (size and depth limits), then resolve its `$ref`s inside the root. */
import * as path from 'node:path';
import type { ResolvedSchema } from './types.js';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, readSchemaDocument, toPosix } from './read.js';
import { resolveSchema } from './resolve.js';

export interface LoadOptions {
  /** The contract root: `$ref`s may not leave it; origins are relative to it. */
  root: string;
  maxBytes?: number;
  maxDepth?: number;
}

/**
 * Reads, parses and resolves one schema file. `path` is resolved against the working directory.
 * Every failure is a `SchemaError` naming the file (relative to `root`).
 */
export function loadSchemaFile(file: string, opts: LoadOptions): ResolvedSchema {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxDepth = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
  const absolute = path.resolve(file);
  const label = toPosix(path.relative(path.resolve(opts.root), absolute));
  const doc = readSchemaDocument(absolute, { file: label, maxBytes, maxDepth });
  return resolveSchema(doc, { file: absolute, root: opts.root, maxBytes, maxDepth });
}
