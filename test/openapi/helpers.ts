/** OpenAPI documents written to a temporary root and compared, as the command does. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

import { diffOpenApi } from '../../src/openapi/compare.js';
import { loadOpenApi } from '../../src/openapi/read.js';
import type { OpenApiDiff } from '../../src/openapi/types.js';

/** A temporary root removed after the file's tests. */
export function tempRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cg-openapi-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `files` (name → JSON value or text) under `root`. */
export function write(root: string, files: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(files)) {
    const path = join(root, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  }
}

let counter = 0;

/** Compares two in-memory documents (written as JSON under `root`). */
export async function compareDocs(root: string, before: unknown, after: unknown): Promise<OpenApiDiff> {
  const n = counter++;
  write(root, { [`old-${n}.json`]: before, [`new-${n}.json`]: after });
  return diffOpenApi(
    loadOpenApi(join(root, `old-${n}.json`), { root }),
    loadOpenApi(join(root, `new-${n}.json`), { root }),
  );
}
