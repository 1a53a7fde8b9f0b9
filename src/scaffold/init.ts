/**
 * `contractguard init`: writes a starter contract tree (templates in ./templates.ts). Never overwrites: when
 * any file it would write exists, it refuses and writes nothing.
 */
import * as path from 'node:path';
import { joinPath, normalizeRoot, ScaffoldError, toScaffoldFs, type ScaffoldFs } from './fs.js';
import { starterTree, type FileSchema } from './templates.js';

export { ScaffoldError, nodeFs, type ScaffoldFs } from './fs.js';

export interface InitOptions {
  /** The contract root inside the directory. Default `contracts`. */
  root?: string;
  /**
   * Where the editor finds the file schemas (`<base>/contract.schema.json`, …): a URL, or a folder
   * relative to the directory. Default `node_modules/contractguard/schemas` (the installed package).
   */
  schemaBase?: string;
}

export const DEFAULT_SCHEMA_BASE = 'node_modules/contractguard/schemas';

/** Writes the starter tree under `<dir>/<root>/`; returns the files created, relative to `dir`. */
export async function initTree(target: string | ScaffoldFs, opts: InitOptions = {}): Promise<string[]> {
  const fs = toScaffoldFs(target);
  const root = normalizeRoot(opts.root ?? 'contracts');
  const base = (opts.schemaBase ?? DEFAULT_SCHEMA_BASE).replace(/\/+$/, '');
  const isUrl = /^[a-z][a-z0-9+.-]*:/i.test(base);

  const schemaFor = (file: string, schema: FileSchema): string => {
    const name = `${schema}.schema.json`;
    if (isUrl) return `${base}/${name}`;
    const from = path.posix.dirname(joinPath(root, file));
    return path.posix.relative(from, joinPath(base, name));
  };
  const files = starterTree({ schemaFor }).map((f) => ({ ...f, path: joinPath(root, f.path) }));

  if (root !== '.' && (await fs.exists(root)) && (await fs.list(root)) === undefined) {
    throw new ScaffoldError(`${root} exists and is not a folder; nothing was written`);
  }
  const existing = [];
  for (const file of files) if (await fs.exists(file.path)) existing.push(file.path);
  if (existing.length > 0) {
    throw new ScaffoldError(
      `refusing to overwrite ${existing.join(', ')}; nothing was written ` +
        `(move ${existing.length === 1 ? 'it' : 'them'} away, or pass another --root)`,
    );
  }

  const created: string[] = [];
  for (const file of files) {
    await fs.createFile(file.path, file.text);
    created.push(file.path);
  }
  return created;
}
