/**
 * `contractguard add-endpoint NAME`: a new endpoint folder in an existing (or new) contract tree — its
 * endpoint.yaml and a v1 with contract.yaml and two schemas (templates in ./templates.ts). Never overwrites.
 */
import { KEBAB_PATTERN, OWNER_PATTERN, ROUTE_PATTERN } from '../model/schemas.js';
import { joinPath, normalizeRoot, ScaffoldError, toScaffoldFs, type ScaffoldFs } from './fs.js';
import { editorSchemas, schemaFor } from './init.js';
import { endpointTree, type FileSchema } from './templates.js';

export interface AddEndpointOptions {
  /** The contract root inside the directory. Default `contracts`. */
  root?: string;
  /**
   * Who owns the endpoint and approves its breaking changes. Default: a placeholder that approves nothing
   * (`@your-org/your-team`): a guessed owner could approve breaking changes it never saw.
   */
  owner?: string;
  /** Default `/internal/<nameInCamelCase>/v{major}`. */
  route?: string;
  /** As `contractguard init`'s: a URL, or a folder that holds the schemas; default as there. */
  schemaBase?: string;
}

export interface AddEndpointResult {
  /** The files written, relative to the directory. */
  created: string[];
  /** Whether `owner` is the placeholder, still to be set. */
  placeholderOwner: boolean;
}

export const PLACEHOLDER_OWNER = '@your-org/your-team';

/** `sync-customers` → `/internal/syncCustomers/v{major}`, the convention of the example tree. */
export function defaultRoute(name: string): string {
  const camel = name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return `/internal/${camel}/v{major}`;
}

export async function addEndpoint(
  target: string | ScaffoldFs,
  name: string,
  opts: AddEndpointOptions = {},
): Promise<AddEndpointResult> {
  const fs = toScaffoldFs(target);
  const root = normalizeRoot(opts.root ?? 'contracts');
  if (!KEBAB_PATTERN.test(name)) {
    throw new ScaffoldError(
      `endpoint name ${JSON.stringify(name)} must be lowercase words joined by hyphens, e.g. sync-customers (it names the folder and the endpoint)`,
    );
  }
  if (name === 'consumers') {
    throw new ScaffoldError('`consumers` is the folder of the consumer files: name the endpoint differently');
  }
  const owner = opts.owner ?? PLACEHOLDER_OWNER;
  if (!OWNER_PATTERN.test(owner)) {
    throw new ScaffoldError(
      `--owner must be a GitHub team or user (@org/team or @user), not ${JSON.stringify(owner)}`,
    );
  }
  const route = opts.route ?? defaultRoute(name);
  if (!ROUTE_PATTERN.test(route)) {
    throw new ScaffoldError(
      `--route must start with / and hold {major} (e.g. ${defaultRoute(name)}), not ${JSON.stringify(route)}`,
    );
  }
  const folder = joinPath(root, name);
  if (await fs.exists(folder)) {
    throw new ScaffoldError(
      `${folder} already exists; nothing was written (a new major of it: \`contractguard new-version ${name}\`)`,
    );
  }
  const base = await editorSchemas(fs, opts.schemaBase);
  const files = endpointTree({
    name,
    owner,
    route,
    schemaFor: await siblingsFirst(fs, root, schemaFor(root, base)),
  });
  const created: string[] = [];
  for (const file of files) {
    const at = joinPath(root, file.path);
    await fs.createFile(at, file.text);
    created.push(at);
  }
  return { created, placeholderOwner: opts.owner === undefined };
}

const HEADER = /^# yaml-language-server: \$schema=(\S+)/;

/**
 * The `$schema` comments the tree's other endpoints already use, when they have them (same depth, so the
 * same text is right for the new files); otherwise `fallback`.
 */
async function siblingsFirst(
  fs: ScaffoldFs,
  root: string,
  fallback: (file: string, schema: FileSchema) => string | undefined,
): Promise<(file: string, schema: FileSchema) => string | undefined> {
  const found = new Map<FileSchema, string>();
  for (const entry of (await fs.list(root)) ?? []) {
    if (!entry.dir || entry.name === 'consumers') continue;
    const endpointFile = joinPath(root, entry.name, 'endpoint.yaml');
    if (!found.has('endpoint')) await remember(fs, endpointFile, 'endpoint', found);
    for (const version of (await fs.list(joinPath(root, entry.name))) ?? []) {
      if (!version.dir || !/^v[1-9]\d*$/.test(version.name) || found.has('contract')) continue;
      await remember(fs, joinPath(root, entry.name, version.name, 'contract.yaml'), 'contract', found);
    }
    if (found.has('endpoint') && found.has('contract')) break;
  }
  return (file, schema) => found.get(schema) ?? fallback(file, schema);
}

async function remember(fs: ScaffoldFs, file: string, schema: FileSchema, found: Map<FileSchema, string>) {
  const text = await fs.readFile(file).catch(() => '');
  const target = HEADER.exec(text)?.[1];
  if (target !== undefined) found.set(schema, target);
}
