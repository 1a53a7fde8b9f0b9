/**
 * Reading an OpenAPI 3.0 / 3.1 document: the project's safe reader (size and depth limits, YAML or JSON),
 * `$ref`s of OpenAPI objects (parameters, request bodies, responses, headers, path items) followed inside
 * the document or to files under the root, never URLs; then every schema position resolved in one pass of
 * the schema resolver, in the document's dialect (3.0: draft-04 with `nullable`; 3.1: 2020-12 unless
 * `jsonSchemaDialect` says otherwise).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, readSchemaDocument, toPosix } from '../schema/read.js';
import { appendToken, parsePointer } from '../schema/pointer.js';
import { resolveSchema } from '../schema/resolve.js';
import { SchemaError, type Json, type ResolvedSchema, type SchemaValue } from '../schema/types.js';
import type {
  MediaType,
  OpenApiDocument,
  OpenApiVersion,
  Operation,
  Parameter,
  RequestBody,
  Response,
} from './types.js';

export interface OpenApiLoadOptions {
  /** `$ref`s may not leave it; files are named relative to it. */
  root: string;
  maxBytes?: number;
  maxDepth?: number;
  /**
   * Reads and parses a document by its absolute path (default: from disk). A reader serving documents that
   * are not on disk (a git tree, see src/load) passes `realpath` as the identity, so nothing on disk takes
   * part; a document it does not have is an error it throws.
   */
  readDocument?: (absPath: string) => Json;
  /** Maps an absolute path to its real path (default: the file system's). */
  realpath?: (absPath: string) => string;
}

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const DIALECT_30 = 'http://json-schema.org/draft-04/schema#';
const DIALECT_31 = 'https://json-schema.org/draft/2020-12/schema';
const MAX_REF_CHAIN = 64;

type Obj = { [key: string]: Json };

/** A value in one of the documents: the real path of its file and its pointer there. */
interface At {
  value: Json;
  file: string;
  pointer: string;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The pairing key of a path template: parameter names do not matter, `{id}` and `{customerId}` are one. */
export function templateKey(template: string): string {
  return template.replace(/\{[^{}]*\}/g, '{}');
}

/** Names of the path parameters in a template, in order. */
function templateNames(template: string): string[] {
  return Array.from(template.matchAll(/\{([^{}]*)\}/g), (m) => m[1] ?? '');
}

export function loadOpenApi(file: string, opts: OpenApiLoadOptions): OpenApiDocument {
  return new Reader(path.resolve(file), opts).read();
}

class Reader {
  private readonly root: string;
  private readonly realRoot: string;
  private readonly maxBytes: number;
  private readonly maxDepth: number;
  private readonly docs = new Map<string, Json>();
  /** Schema positions to resolve, in order; `$defs` keys of the resolver's input. */
  private readonly slots: string[] = [];
  private readonly main: string;
  private readonly label: string;
  private readonly realpath: (absPath: string) => string;
  private readonly readDocument: ((absPath: string) => Json) | undefined;

  constructor(absolute: string, opts: OpenApiLoadOptions) {
    this.realpath = opts.realpath ?? ((p) => fs.realpathSync(p));
    this.readDocument = opts.readDocument;
    this.root = path.resolve(opts.root);
    this.realRoot = this.realpath(this.root);
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxDepth = opts.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.main = this.realpath(absolute);
    this.label = this.labelOf(this.main);
  }

  private labelOf(real: string): string {
    return toPosix(path.relative(this.realRoot, real)) || path.basename(real);
  }

  private fail(at: { file: string; pointer: string }, problem: string): SchemaError {
    return new SchemaError(this.labelOf(at.file), problem, at.pointer);
  }

  private doc(real: string): Json {
    let doc = this.docs.get(real);
    if (doc === undefined) {
      doc =
        this.readDocument === undefined
          ? readSchemaDocument(real, {
              file: this.labelOf(real),
              maxBytes: this.maxBytes,
              maxDepth: this.maxDepth,
            })
          : this.readDocument(real);
      this.docs.set(real, doc);
    }
    return doc;
  }

  read(): OpenApiDocument {
    const raw = this.doc(this.main);
    const top: At = { value: raw, file: this.main, pointer: '' };
    if (!isObj(raw)) throw this.fail(top, 'expected an OpenAPI document (an object)');
    const declared = raw['openapi'];
    const version: OpenApiVersion | undefined =
      typeof declared === 'string' && /^3\.0(\.|$)/.test(declared)
        ? '3.0'
        : typeof declared === 'string' && /^3\.1(\.|$)/.test(declared)
          ? '3.1'
          : undefined;
    if (version === undefined) {
      const what =
        typeof raw['swagger'] === 'string'
          ? `Swagger ${raw['swagger']}; convert it to OpenAPI 3 first`
          : declared === undefined
            ? 'no `openapi` field'
            : `openapi: ${JSON.stringify(declared)}`;
      throw this.fail(
        { file: this.main, pointer: '/openapi' },
        `not an OpenAPI 3.0 or 3.1 document (${what})`,
      );
    }
    const globalSecurity = raw['security'];
    const schemes = this.securitySchemes(top);
    const operations = new Map<string, Operation>();
    const pending: { op: Operation; fill: (schemas: (name: string) => ResolvedSchema) => void }[] = [];
    const paths = this.child(top, 'paths');
    if (paths !== undefined && isObj(paths.value)) {
      for (const template of Object.keys(paths.value)) {
        const item = this.deref(this.child(paths, template) as At);
        if (!isObj(item.value)) continue;
        const shared = this.child(item, 'parameters');
        for (const method of METHODS) {
          const opAt = this.child(item, method);
          if (opAt === undefined || !isObj(opAt.value)) continue;
          const built = this.operation(method, template, opAt, shared, globalSecurity, schemes);
          operations.set(`${method.toUpperCase()} ${templateKey(template)}`, built.op);
          pending.push(built);
        }
      }
    }
    const schemas = this.resolveSlots(raw, version);
    for (const p of pending) p.fill(schemas);
    return { version, file: this.label, operations };
  }

  /** `components/securitySchemes`, each scheme as what a client must do to satisfy it. */
  private securitySchemes(top: At): Map<string, string> {
    const out = new Map<string, string>();
    const components = this.child(top, 'components');
    const schemes = components === undefined ? undefined : this.child(components, 'securitySchemes');
    if (schemes === undefined || !isObj(schemes.value)) return out;
    for (const name of Object.keys(schemes.value)) {
      const scheme = this.deref(this.child(schemes, name) as At).value;
      if (isObj(scheme)) out.set(name, describeScheme(scheme));
    }
    return out;
  }

  private child(at: At, key: string): At | undefined {
    if (!isObj(at.value) || !Object.prototype.hasOwnProperty.call(at.value, key)) return undefined;
    return { value: at.value[key] as Json, file: at.file, pointer: appendToken(at.pointer, key) };
  }

  /** Follows a Reference Object (`$ref`, siblings ignored) to what it names; chains and cycles handled. */
  private deref(start: At): At {
    let at = start;
    const seen: string[] = [];
    while (isObj(at.value) && typeof at.value['$ref'] === 'string') {
      const here = `${this.labelOf(at.file)}#${at.pointer}`;
      if (seen.includes(here) || seen.length >= MAX_REF_CHAIN) {
        throw this.fail(
          start,
          `$ref cycle: ${[...seen, here].join(' → ')} (these $refs only lead to each other)`,
        );
      }
      seen.push(here);
      at = this.target(at, at.value['$ref']);
    }
    return at;
  }

  private target(at: At, ref: string): At {
    const where = { file: at.file, pointer: appendToken(at.pointer, '$ref') };
    const hash = ref.indexOf('#');
    const refPath = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? '' : ref.slice(hash + 1);
    if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(refPath) || refPath.startsWith('//')) {
      throw this.fail(
        where,
        `refusing to fetch remote $ref '${ref}'; contractguard never fetches, vendor the document into the root`,
      );
    }
    let file = at.file;
    if (refPath !== '') {
      let decoded: string;
      try {
        decoded = decodeURIComponent(refPath);
      } catch {
        throw this.fail(where, `$ref '${ref}' has malformed percent-encoding`);
      }
      const lexical = path.resolve(path.dirname(at.file), decoded);
      if (!inside(this.realRoot, lexical) && !inside(this.root, lexical)) {
        throw this.fail(where, `$ref '${ref}' leaves the root ${this.root}`);
      }
      if (this.readDocument === undefined && !fs.existsSync(lexical)) {
        throw this.fail(where, `$ref '${ref}' points at a file that does not exist`);
      }
      file = this.realpath(lexical);
      if (!inside(this.realRoot, file)) {
        throw this.fail(where, `$ref '${ref}' leaves the root ${this.root} (through a symbolic link)`);
      }
      try {
        this.doc(file);
      } catch (error) {
        if (error instanceof SchemaError || !(error instanceof Error)) throw error;
        throw this.fail(where, `$ref '${ref}': ${error.message}`);
      }
    }
    let tokens: string[] | undefined;
    try {
      tokens = parsePointer(decodeURIComponent(fragment));
    } catch {
      tokens = undefined;
    }
    if (tokens === undefined) throw this.fail(where, `$ref '${ref}' holds an invalid JSON pointer`);
    let current: At = { value: this.doc(file), file, pointer: '' };
    for (const token of tokens) {
      const next = Array.isArray(current.value)
        ? /^(0|[1-9]\d*)$/.test(token) && Number(token) < current.value.length
          ? {
              value: current.value[Number(token)] as Json,
              file,
              pointer: appendToken(current.pointer, token),
            }
          : undefined
        : this.child(current, token);
      if (next === undefined) throw this.fail(where, `$ref '${ref}' points at nothing`);
      current = next;
    }
    return current;
  }

  /** Records a schema position; the name it will be found under once resolved. */
  private slot(at: At): string {
    const name = String(this.slots.length);
    const fragment = `#${at.pointer
      .split('/')
      .map((t) => encodeURIComponent(t))
      .join('/')}`;
    this.slots.push(
      at.file === this.main
        ? fragment
        : `${toPosix(path.relative(path.dirname(this.main), at.file))}${fragment}`,
    );
    return name;
  }

  /** One pass of the schema resolver over every schema position, in the document's dialect. */
  private resolveSlots(raw: Obj, version: OpenApiVersion): (name: string) => ResolvedSchema {
    const dialect =
      version === '3.0'
        ? DIALECT_30
        : typeof raw['jsonSchemaDialect'] === 'string'
          ? raw['jsonSchemaDialect']
          : DIALECT_31;
    const defs: Obj = {};
    this.slots.forEach((ref, i) => (defs[String(i)] = { $ref: ref }));
    // The document itself is the resolver's root, so `#/components/…` and `#/paths/…` pointers hold.
    const wrapper: Obj = { ...raw, $schema: dialect, $defs: defs };
    delete wrapper['$id'];
    const resolved = resolveSchema(wrapper, {
      file: this.main,
      root: this.realRoot,
      maxBytes: this.maxBytes,
      maxDepth: this.maxDepth,
      ...(this.readDocument === undefined
        ? {}
        : { readDocument: this.readDocument, realpath: this.realpath }),
    });
    const out = (resolved.root as { $defs: Record<string, SchemaValue> }).$defs;
    return (name) => {
      const schema = out[name] as SchemaValue;
      // The classifier reads the dialect from the root: give each position the document's.
      let root: SchemaValue = schema;
      if (typeof schema === 'object' && schema['$schema'] === undefined) {
        root = { ...schema, $schema: dialect };
        const origin = resolved.origins.get(schema);
        if (origin !== undefined) resolved.origins.set(root, origin);
      }
      return { root, origins: resolved.origins, file: this.label };
    };
  }

  private schemaOf(holder: At): ((s: (name: string) => ResolvedSchema) => ResolvedSchema) | undefined {
    const schema = this.child(holder, 'schema');
    if (schema === undefined) return undefined;
    const name = this.slot(schema);
    return (s) => s(name);
  }

  private content(holder: At): {
    map: Map<string, MediaType>;
    fills: ((s: (n: string) => ResolvedSchema) => void)[];
  } {
    const map = new Map<string, MediaType>();
    const fills: ((s: (n: string) => ResolvedSchema) => void)[] = [];
    const content = this.child(holder, 'content');
    if (content !== undefined && isObj(content.value)) {
      for (const type of Object.keys(content.value)) {
        const media: MediaType = {};
        map.set(type.toLowerCase(), media);
        const get = this.schemaOf(this.child(content, type) as At);
        if (get !== undefined) fills.push((s) => (media.schema = get(s)));
      }
    }
    return { map, fills };
  }

  private operation(
    method: string,
    template: string,
    opAt: At,
    shared: At | undefined,
    globalSecurity: Json | undefined,
    schemes: Map<string, string>,
  ): { op: Operation; fill: (s: (name: string) => ResolvedSchema) => void } {
    const value = opAt.value as Obj;
    const fills: ((s: (n: string) => ResolvedSchema) => void)[] = [];
    const names = templateNames(template);
    const op: Operation = {
      method: method.toUpperCase(),
      path: template,
      deprecated: value['deprecated'] === true,
      parameters: new Map(),
      responses: new Map(),
      security: securityKeys(value['security'] ?? globalSecurity ?? null),
      securitySchemes: new Map(),
    };
    for (const alternative of op.security) {
      for (const name of parseAlternative(alternative).keys()) {
        const scheme = schemes.get(name);
        if (scheme !== undefined) op.securitySchemes.set(name, scheme);
      }
    }
    const sunset = value['x-sunset'];
    if (typeof sunset === 'string') op.sunset = sunset;
    if (typeof value['operationId'] === 'string') op.operationId = value['operationId'];
    if (typeof value['summary'] === 'string') op.summary = value['summary'];

    // Path-item parameters first; the operation's own override them (same name and location).
    for (const list of [shared, this.child(opAt, 'parameters')]) {
      if (list === undefined || !Array.isArray(list.value)) continue;
      list.value.forEach((_, i) => {
        const p = this.deref({
          value: (list.value as Json[])[i] as Json,
          file: list.file,
          pointer: appendToken(list.pointer, i),
        });
        if (!isObj(p.value)) return;
        const where = p.value['in'];
        const name = p.value['name'];
        if (typeof name !== 'string' || !['path', 'query', 'header', 'cookie'].includes(String(where)))
          return;
        const location = where as Parameter['in'];
        const style = typeof p.value['style'] === 'string' ? p.value['style'] : defaultStyle(location);
        const param: Parameter = {
          in: location,
          name,
          required: location === 'path' || p.value['required'] === true,
          style,
          explode: typeof p.value['explode'] === 'boolean' ? p.value['explode'] : style === 'form',
        };
        const get = this.schemaOf(p) ?? this.firstContentSchema(p);
        if (get !== undefined) fills.push((s) => (param.schema = get(s)));
        const key =
          location === 'path'
            ? `path:${names.indexOf(name) < 0 ? name : names.indexOf(name)}`
            : `${location}:${location === 'header' ? name.toLowerCase() : name}`;
        op.parameters.set(key, param);
      });
    }

    const bodyAt = this.child(opAt, 'requestBody');
    if (bodyAt !== undefined) {
      const body = this.deref(bodyAt);
      const { map, fills: more } = this.content(body);
      const requestBody: RequestBody = {
        required: isObj(body.value) && body.value['required'] === true,
        content: map,
      };
      op.requestBody = requestBody;
      fills.push(...more);
    }

    const responses = this.child(opAt, 'responses');
    if (responses !== undefined && isObj(responses.value)) {
      for (const status of Object.keys(responses.value)) {
        const r = this.deref(this.child(responses, status) as At);
        const { map, fills: more } = this.content(r);
        const response: Response = { content: map, headers: new Map() };
        fills.push(...more);
        const headers = this.child(r, 'headers');
        if (headers !== undefined && isObj(headers.value)) {
          for (const name of Object.keys(headers.value)) {
            if (name.toLowerCase() === 'content-type') continue; // the spec says to ignore it
            const h = this.deref(this.child(headers, name) as At);
            const header: { name: string; required: boolean; schema?: ResolvedSchema } = {
              name,
              required: isObj(h.value) && h.value['required'] === true,
            };
            const get = this.schemaOf(h) ?? this.firstContentSchema(h);
            if (get !== undefined) fills.push((s) => (header.schema = get(s)));
            response.headers.set(name.toLowerCase(), header);
          }
        }
        op.responses.set(status.toUpperCase(), response);
      }
    }
    return { op, fill: (s) => fills.forEach((f) => f(s)) };
  }

  /** A parameter or header described by `content` (one media type) rather than `schema`. */
  private firstContentSchema(holder: At): ((s: (n: string) => ResolvedSchema) => ResolvedSchema) | undefined {
    const content = this.child(holder, 'content');
    if (content === undefined || !isObj(content.value)) return undefined;
    const first = Object.keys(content.value)[0];
    return first === undefined ? undefined : this.schemaOf(this.child(content, first) as At);
  }
}

function defaultStyle(location: Parameter['in']): string {
  return location === 'query' || location === 'cookie' ? 'form' : 'simple';
}

/**
 * What a client must do to satisfy a security scheme, as one comparable line: its type and, by type, where
 * the credential goes (`apiKey in header x-api-key`; header names are case-insensitive), the HTTP scheme
 * (`http bearer`), the OAuth 2 flows and their URLs, the OpenID Connect URL. Descriptions, `bearerFormat`
 * and the scopes' descriptions are documentation and left out.
 */
function describeScheme(scheme: { [key: string]: Json }): string {
  const text = (v: Json | undefined): string => (typeof v === 'string' ? v : '');
  const type = text(scheme['type']);
  switch (type) {
    case 'apiKey': {
      const where = text(scheme['in']);
      const name = text(scheme['name']);
      return `apiKey in ${where} ${where === 'header' ? name.toLowerCase() : name}`;
    }
    case 'http':
      return `http ${text(scheme['scheme']).toLowerCase()}`;
    case 'oauth2': {
      const flows = isObj(scheme['flows']) ? scheme['flows'] : {};
      const parts = Object.keys(flows)
        .sort()
        .map((flow) => {
          const f = flows[flow];
          const urls = ['authorizationUrl', 'tokenUrl']
            .map((k) => (isObj(f) ? text(f[k]) : ''))
            .filter((u) => u !== '');
          return `${flow}(${urls.join(' ')})`;
        });
      return `oauth2 ${parts.join(' ')}`;
    }
    case 'openIdConnect':
      return `openIdConnect ${text(scheme['openIdConnectUrl'])}`;
    default:
      return type;
  }
}

/** `{}`, `api_key`, `api_key + oauth(read write)` → scheme → scopes. */
export function parseAlternative(key: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  if (key === '{}') return out;
  for (const part of key.split(' + ')) {
    const m = /^([^(]*)(?:\((.*)\))?$/.exec(part);
    out.set(m?.[1] ?? part, new Set(m?.[2]?.split(' ') ?? []));
  }
  return out;
}

/** Security alternatives as canonical keys: `{}` is anonymous, `api_key + oauth(read write)` a conjunction. */
function securityKeys(security: Json): string[] {
  if (!Array.isArray(security) || security.length === 0) return ['{}'];
  const keys = security.map((alt) => {
    if (!isObj(alt)) return '{}';
    const parts = Object.keys(alt)
      .sort()
      .map((scheme) => {
        const scopes = alt[scheme];
        const list = Array.isArray(scopes) ? scopes.map(String).sort() : [];
        return list.length === 0 ? scheme : `${scheme}(${list.join(' ')})`;
      });
    return parts.length === 0 ? '{}' : parts.join(' + ');
  });
  return [...new Set(keys)];
}

function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}
