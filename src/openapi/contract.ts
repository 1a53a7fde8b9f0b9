/**
 * One operation of an OpenAPI document as a contract's two schemas (`openapi: { $ref, operation }` in
 * contract.yaml): the input is the request body's schema, the output the body of the first success
 * response. Parameters, security, the other statuses and media types stay with the operation, compared by
 * the OpenAPI rules (`operationChanges`).
 */
import * as path from 'node:path';
import { SchemaError, type ResolvedSchema } from '../schema/types.js';
import { appendToken } from '../schema/pointer.js';
import { operationChanges, type OpenApiDiffOptions, type SidedChange } from './compare.js';
import { loadOpenApi, templateKey, type OpenApiLoadOptions } from './read.js';
import type { DerivedFrom, MediaType, OpenApiDocument, Operation } from './types.js';

export interface OperationContract {
  document: OpenApiDocument;
  operation: Operation;
  input: ResolvedSchema;
  output: ResolvedSchema;
  derivedFrom: DerivedFrom;
}

/** `POST /internal/sync` → the operation's pairing key (`POST /internal/sync`, `GET /a/{}`); undefined if malformed. */
export function operationKey(written: string): string | undefined {
  const m = /^\s*([A-Za-z]+)\s+(\/\S*)\s*$/.exec(written);
  if (m === null) return undefined;
  return `${(m[1] as string).toUpperCase()} ${templateKey(m[2] as string)}`;
}

/** The media type a schema is taken from: `application/json`, else the first JSON one, else the first. */
export function primaryMediaType(content: Map<string, MediaType>): string | undefined {
  const types = [...content.keys()].filter((t) => content.get(t)?.schema !== undefined);
  return (
    types.find((t) => t === 'application/json') ??
    types.find((t) => /^[^;]*[/+]json\s*(;|$)/.test(t)) ??
    types[0]
  );
}

/** Success statuses in the order they are preferred: `200`…`299`, then `2XX`. */
function successStatuses(op: Operation): string[] {
  return [...op.responses.keys()]
    .filter((s) => /^2(\d\d|XX)$/.test(s))
    .sort((a, b) => (a === '2XX' ? 1 : b === '2XX' ? -1 : Number(a) - Number(b)));
}

/**
 * Reads `file` and takes `operation` (`POST /internal/sync`; path parameter names do not matter) out of it.
 * Throws a `SchemaError` naming the document for anything wrong, an operation it does not have included.
 */
export function operationContract(
  file: string,
  operation: string,
  opts: OpenApiLoadOptions,
): OperationContract {
  const document = loadOpenApi(file, opts);
  const built = contractOf(document, operation);
  if (typeof built === 'string') throw new SchemaError(document.file, built);
  return built;
}

/**
 * `operation` of a document read, as a contract's two schemas; a string saying what is wrong when the
 * document has no such operation. An operation without a request body (or whose body has no schema) has
 * input `false`; one without a success response body has output `false`.
 */
export function contractOf(document: OpenApiDocument, operation: string): OperationContract | string {
  const key = operationKey(operation);
  if (key === undefined) {
    return `\`${operation}\` is not an operation: write the method and the path template (e.g. 'POST /internal/sync')`;
  }
  const op = document.operations.get(key);
  if (op === undefined) {
    const known = [...document.operations.values()].map((o) => `${o.method} ${o.path}`);
    return `\`${document.file}\` has no operation \`${operation}\` (${known.length === 0 ? 'it has none' : `it has: ${known.join(', ')}`})`;
  }
  const nothing = (): ResolvedSchema => ({ root: false, origins: new WeakMap(), file: document.file });
  const derivedFrom: DerivedFrom = {};

  let input: ResolvedSchema | undefined;
  const body = op.requestBody;
  const bodyType = body === undefined ? undefined : primaryMediaType(body.content);
  if (body !== undefined && bodyType !== undefined) {
    input = body.content.get(bodyType)?.schema;
    derivedFrom.input = `request body ${bodyType}`;
  }

  let output: ResolvedSchema | undefined;
  for (const status of successStatuses(op)) {
    const content = op.responses.get(status)?.content ?? new Map<string, MediaType>();
    const type = primaryMediaType(content);
    if (type === undefined) continue;
    output = content.get(type)?.schema;
    derivedFrom.output = `response ${status} ${type}`;
    break;
  }
  return {
    document,
    operation: op,
    input: input ?? nothing(),
    output: output ?? nothing(),
    derivedFrom,
  };
}

/** Whether a `$ref` of contract.yaml may name an OpenAPI document: a relative path, never a URL. */
export function isLocalDocumentRef(ref: string): boolean {
  return !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(ref) && !ref.startsWith('//') && !path.isAbsolute(ref);
}

/** A contract's operation in one tree: what the loader keeps of it. */
export interface ContractOperation {
  operation: Operation;
  derivedFrom: DerivedFrom;
}

/** An OpenAPI-level change of a contract, with a stable pointer for its fingerprint. */
export interface ContractOperationChange extends SidedChange {
  /** `/openapi/parameter/query/limit`, then the schema pointer for a schema change. */
  pointer: string;
}

/**
 * What changed in a contract's operation beyond its two schemas (compared as `input` and `output` like any
 * contract's): parameters, security, request-body and response media types, the other statuses and
 * response headers, deprecation. The input and output locations of both sides are left out here.
 */
export async function contractOperationChanges(
  before: ContractOperation,
  after: ContractOperation,
  options: OpenApiDiffOptions = {},
): Promise<ContractOperationChange[]> {
  const skip = new Set<string>();
  for (const side of [before, after])
    for (const at of [side.derivedFrom.input, side.derivedFrom.output]) if (at !== undefined) skip.add(at);
  const changes = await operationChanges(before.operation, after.operation, {
    ...options,
    skipSchemasAt: skip,
  });
  return changes.map((c) => ({
    ...c,
    pointer:
      c.change.location.split(' ').reduce((p, token) => appendToken(p, token), '/openapi') +
      (c.change.path ?? ''),
  }));
}
