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
   * relative to the directory, which must hold them. Default: the installed package's
   * (`node_modules/contractguard/schemas`) when it is installed there; otherwise the files get no
   * `$schema` comment, rather than one that points at nothing.
   */
  schemaBase?: string;
}

export interface InitResult {
  /** The files written, relative to the directory. */
  created: string[];
  /** Where the written `$schema` comments point (a URL or a folder); undefined when none was written. */
  schemas?: string;
}

export const DEFAULT_SCHEMA_BASE = 'node_modules/contractguard/schemas';

/** Writes the starter tree under `<dir>/<root>/`; returns the files created, relative to `dir`. */
export async function initTree(target: string | ScaffoldFs, opts: InitOptions = {}): Promise<string[]> {
  return (await initTreeWithSchemas(target, opts)).created;
}

/** `initTree`, also saying where the editor schemas were found. */
export async function initTreeWithSchemas(
  target: string | ScaffoldFs,
  opts: InitOptions = {},
): Promise<InitResult> {
  const fs = toScaffoldFs(target);
  const root = normalizeRoot(opts.root ?? 'contracts');
  const schemas = await editorSchemas(fs, opts.schemaBase);
  const files = starterTree({ schemaFor: schemaFor(root, schemas) }).map((f) => ({
    ...f,
    path: joinPath(root, f.path),
  }));

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
  return schemas === undefined ? { created } : { created, schemas };
}

const isUrl = (base: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(base);

/**
 * Where the `$schema` comments should point: `given` (a URL as is; a folder only when it holds the
 * schemas, else a refusal), or the installed package's schemas when they are there, or nowhere. A comment
 * that points at a file the repository does not have only makes the editor complain.
 */
export async function editorSchemas(fs: ScaffoldFs, given: string | undefined): Promise<string | undefined> {
  if (given !== undefined) {
    const base = given.replace(/\/+$/, '');
    if (isUrl(base)) return base;
    if (!(await fs.exists(joinPath(base, 'contract.schema.json')))) {
      throw new ScaffoldError(
        `${given} holds no contract.schema.json: give the folder of contractguard's schemas (node_modules/contractguard/schemas once it is installed) or their URL`,
      );
    }
    return normalizeRoot(base);
  }
  return (await fs.exists(joinPath(DEFAULT_SCHEMA_BASE, 'contract.schema.json')))
    ? DEFAULT_SCHEMA_BASE
    : undefined;
}

/** The `$schema` target of a file under `root` (relative to the root) for schemas at `base`. */
export function schemaFor(
  root: string,
  base: string | undefined,
): (file: string, schema: FileSchema) => string | undefined {
  return (file, schema) => {
    if (base === undefined) return undefined;
    const name = `${schema}.schema.json`;
    if (isUrl(base)) return `${base}/${name}`;
    const from = path.posix.dirname(joinPath(root, file));
    return path.posix.relative(from, joinPath(base, name));
  };
}
