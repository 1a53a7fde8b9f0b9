/** The OpenAPI model contractguard compares: operations paired by method and path template. */
import type { Severity } from '../diff/types.js';
import type { ResolvedSchema } from '../schema/types.js';

export type OpenApiVersion = '3.0' | '3.1';

/** A schema position of the document, resolved (its `$ref`s replaced) and ready for the classifier. */
export type SchemaSlot = ResolvedSchema;

export interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  /** As written; path parameters are paired by their place in the template, not their name. */
  name: string;
  required: boolean;
  style: string;
  explode: boolean;
  schema?: SchemaSlot;
}

export interface MediaType {
  schema?: SchemaSlot;
}

export interface RequestBody {
  required: boolean;
  content: Map<string, MediaType>;
}

export interface Response {
  content: Map<string, MediaType>;
  /** By lowercase name (header names are case-insensitive). */
  headers: Map<string, { name: string; required: boolean; schema?: SchemaSlot }>;
}

export interface Operation {
  method: string;
  /** The path template as written, e.g. `/customers/{customerId}`. */
  path: string;
  deprecated: boolean;
  /** `operationId`, when given (names a scaffolded endpoint). */
  operationId?: string;
  /** `summary`, when given. */
  summary?: string;
  /** `x-sunset` as written (a date), when present. */
  sunset?: string;
  /** By pairing key: `query:limit`, `header:x-trace` (lowercase), `path:0` (place in the template). */
  parameters: Map<string, Parameter>;
  requestBody?: RequestBody;
  /** By status code as written (`200`, `4XX`, `default`). */
  responses: Map<string, Response>;
  /** The effective security alternatives, each as a canonical key (`{}` for anonymous). */
  security: string[];
  /**
   * The definitions of the security schemes those alternatives name, by name, each as what a client must
   * do (`apiKey in header x-api-key`, `http bearer`); a scheme not defined in the document is absent.
   */
  securitySchemes: Map<string, string>;
}

/** Where in an operation the schemas of a contract built from it come from (`request body application/json`). */
export interface DerivedFrom {
  /** Absent when the operation has no request body with a schema: the input is then `false`. */
  input?: string;
  /** Absent when no success response has a body with a schema: the output is then `false`. */
  output?: string;
}

export interface OpenApiDocument {
  version: OpenApiVersion;
  /** The file, relative to the root. */
  file: string;
  /** By pairing key `GET /customers/{}`. */
  operations: Map<string, Operation>;
}

/** One classified difference between two OpenAPI documents. */
export interface OpenApiChange {
  rule: string;
  severity: Severity;
  /** `GET /customers/{customerId}` (the new side's template, or the old one for a removal). */
  operation: string;
  /** Where in the operation: `parameter query limit`, `request body application/json`, `response 200`… */
  location: string;
  /** For a schema change: the JSON pointer inside that schema. */
  path?: string;
  message: string;
  /** Where the changed node is written, when known. */
  origin?: { file: string; pointer: string };
}

export interface OpenApiDiff {
  verdict: Severity;
  changes: OpenApiChange[];
}
