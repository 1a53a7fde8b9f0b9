/**
 * `contractguard init --from-openapi FILE`: one endpoint per operation of an OpenAPI 3.0/3.1 document, each
 * with endpoint.yaml and a v1 whose contract.yaml takes its schemas from the document
 * (`openapi: { $ref, operation }`). A document outside the contract root is copied under it (contracts
 * may only `$ref` files there). Never overwrites: when any file it would write exists, it writes nothing.
 */
import * as path from 'node:path';
import { KEBAB_PATTERN, OWNER_PATTERN } from '../model/schemas.js';
import { METHODS } from '../openapi/read.js';
import { parseSchemaText } from '../schema/read.js';
import { SchemaError } from '../schema/types.js';
import { PLACEHOLDER_OWNER } from './add-endpoint.js';
import { joinPath, normalizeRoot, ScaffoldError, toScaffoldFs, type ScaffoldFs } from './fs.js';
import { editorSchemas, schemaFor } from './init.js';
import type { FileSchema } from './templates.js';

export interface FromOpenApiOptions {
  /** The contract root inside the directory. Default `contracts`. */
  root?: string;
  /** As `add-endpoint`'s: default the placeholder `@your-org/your-team`. */
  owner?: string;
  /** As `init`'s: where editors find the file schemas. */
  schemaBase?: string;
}

export interface FromOpenApiResult {
  /** The files written, relative to the directory. */
  created: string[];
  /** The document the contracts refer to, relative to the directory (the copy, when it was copied). */
  document: string;
  /** One per endpoint written: its name and the operation. */
  endpoints: { name: string; operation: string }[];
  /** Operations not scaffolded, and why. */
  skipped: { operation: string; reason: string }[];
}

/** Methods an endpoint.yaml can name: contractguard endpoints take a JSON body. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Found {
  method: string;
  path: string;
  operationId?: string;
  summary?: string;
}

export async function initFromOpenApi(
  target: string | ScaffoldFs,
  file: string,
  opts: FromOpenApiOptions = {},
): Promise<FromOpenApiResult> {
  const fs = toScaffoldFs(target);
  const root = normalizeRoot(opts.root ?? 'contracts');
  const source = path.posix.normalize(file.replaceAll('\\', '/'));
  if (source === '..' || source.startsWith('../') || path.posix.isAbsolute(source)) {
    throw new ScaffoldError(`${file} is outside the repository: copy the OpenAPI document into it first`);
  }
  let text: string;
  try {
    text = await fs.readFile(source);
  } catch {
    throw new ScaffoldError(`${file}: no such file (--from-openapi names the OpenAPI document)`);
  }
  const operations = readOperations(text, source);

  const inRoot = root === '.' || source.startsWith(`${root}/`);
  const document = inRoot ? source : joinPath(root, 'openapi', path.posix.basename(source));
  const owner = opts.owner ?? PLACEHOLDER_OWNER;
  if (!OWNER_PATTERN.test(owner)) {
    throw new ScaffoldError(
      `--owner must be a GitHub team or user (@org/team or @user), not ${JSON.stringify(owner)}`,
    );
  }
  const base = await editorSchemas(fs, opts.schemaBase);
  const header = (rel: string, schema: FileSchema): string => {
    const at = schemaFor(root, base)(rel, schema);
    return at === undefined ? '' : `# yaml-language-server: $schema=${at}\n`;
  };

  const files: { path: string; text: string }[] = [];
  if (!inRoot) files.push({ path: document, text });
  const endpoints: FromOpenApiResult['endpoints'] = [];
  const skipped: FromOpenApiResult['skipped'] = [];
  const taken = new Set<string>(['consumers']);
  for (const op of operations) {
    const operation = `${op.method} ${op.path}`;
    if (!BODY_METHODS.has(op.method)) {
      skipped.push({
        operation,
        reason: `contractguard endpoints take a JSON body (${[...BODY_METHODS].join(', ')})`,
      });
      continue;
    }
    const name = uniqueName(endpointName(op), taken);
    taken.add(name);
    endpoints.push({ name, operation });
    const ref = path.posix.relative(joinPath(root, name, 'v1'), document);
    const endpointRel = `${name}/endpoint.yaml`;
    const contractRel = `${name}/v1/contract.yaml`;
    files.push({
      path: joinPath(root, endpointRel),
      text:
        header(endpointRel, 'endpoint') +
        [
          `# ${operation}${op.summary === undefined ? '' : `: ${op.summary.replace(/\s+/g, ' ')}`}`,
          '# Scaffolded from the OpenAPI document; formats: docs/design.md §1, docs/openapi.md.',
          `name: ${name}`,
          `owner: ${quote(owner)} # a GitHub user or team: approves breaking changes to this endpoint`,
          `route: ${quote(routeOf(op.path))} # the operation's path with the major in it: adjust to how majors are served`,
          `method: ${op.method}`,
          'aliases: { prod: 1, latest: 1 }',
          '',
        ].join('\n'),
    });
    files.push({
      path: joinPath(root, contractRel),
      text:
        header(contractRel, 'contract') +
        [
          `# ${name} v1: its input is the operation's request body, its output the body of its first success`,
          '# response; parameters, security and the other responses are compared by the OpenAPI rules.',
          `endpoint: ${name}`,
          'version: 1.0.0',
          `owner: ${quote(owner)}`,
          'status: active',
          `openapi: { $ref: ${quote(ref)}, operation: ${quote(operation)} }`,
          '',
        ].join('\n'),
    });
  }
  if (endpoints.length === 0) {
    const why =
      skipped.length === 0
        ? 'it has no operations'
        : `its operations (${skipped.map((s) => s.operation).join(', ')}) take no JSON body: contractguard endpoints are ${[...BODY_METHODS].join(', ')}`;
    throw new ScaffoldError(`${file}: nothing to scaffold, ${why}; nothing was written`);
  }

  const existing: string[] = [];
  for (const f of files) if (await fs.exists(f.path)) existing.push(f.path);
  for (const { name } of endpoints) {
    const folder = joinPath(root, name);
    if (!existing.some((e) => e.startsWith(`${folder}/`)) && (await fs.exists(folder))) existing.push(folder);
  }
  if (existing.length > 0) {
    throw new ScaffoldError(
      `refusing to overwrite ${existing.join(', ')}; nothing was written (move ${existing.length === 1 ? 'it' : 'them'} away, or pass another --root)`,
    );
  }
  const created: string[] = [];
  for (const f of files) {
    await fs.createFile(f.path, f.text);
    created.push(f.path);
  }
  return { created, document, endpoints, skipped };
}

/** The operations of a document, in the document's order; a `ScaffoldError` when it is not OpenAPI 3. */
function readOperations(text: string, file: string): Found[] {
  let doc: unknown;
  try {
    doc = parseSchemaText(text, { file });
  } catch (error) {
    if (error instanceof SchemaError) throw new ScaffoldError(error.message);
    throw error;
  }
  const obj = (v: unknown): Record<string, unknown> | undefined =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  const top = obj(doc);
  const version = top?.['openapi'];
  if (top === undefined || typeof version !== 'string' || !/^3\.[01](\.|$)/.test(version)) {
    throw new ScaffoldError(
      `${file}: not an OpenAPI 3.0 or 3.1 document (${top?.['swagger'] !== undefined ? 'Swagger 2; convert it to OpenAPI 3 first' : 'no `openapi: 3.x` field'})`,
    );
  }
  const found: Found[] = [];
  for (const [template, item] of Object.entries(obj(top['paths']) ?? {})) {
    for (const method of METHODS) {
      const op = obj(obj(item)?.[method]);
      if (op === undefined) continue;
      const entry: Found = { method: method.toUpperCase(), path: template };
      if (typeof op['operationId'] === 'string') entry.operationId = op['operationId'];
      if (typeof op['summary'] === 'string') entry.summary = op['summary'];
      found.push(entry);
    }
  }
  return found;
}

/**
 * `syncCustomers` → `sync-customers`; FastAPI's generated `sync_customers_internal_sync_post` (the function's
 * name, then the path and the method) → `sync-customers`; without an `operationId`, the method and path.
 */
export function endpointName(op: { method: string; path: string; operationId?: string }): string {
  const words = (s: string): string[] =>
    s
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w !== '');
  let id = op.operationId;
  const fastApiSuffix = `${op.path.replace(/\W/g, '_')}_${op.method.toLowerCase()}`;
  if (id !== undefined && id.endsWith(fastApiSuffix) && id.length > fastApiSuffix.length)
    id = id.slice(0, -fastApiSuffix.length);
  const fromId = id === undefined ? [] : words(id);
  const parts =
    fromId.length > 0 ? fromId : [op.method.toLowerCase(), ...words(op.path.replace(/\{[^{}]*\}/g, ' '))];
  const name = parts.join('-').slice(0, 60).replace(/-+$/, '');
  return KEBAB_PATTERN.test(name) ? name : 'endpoint';
}

function uniqueName(name: string, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  for (let i = 2; ; i++) if (!taken.has(`${name}-${i}`)) return `${name}-${i}`;
}

/** The route of an endpoint holds `{major}`: a `v1` segment of the path becomes `v{major}`, else one is appended. */
export function routeOf(template: string): string {
  if (template.includes('{major}')) return template;
  const versioned = template.replace(/\/v\d+(?=\/|$)/, '/v{major}');
  return versioned !== template ? versioned : `${template.replace(/\/+$/, '')}/v{major}`;
}

/** A YAML scalar in single quotes. */
function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
