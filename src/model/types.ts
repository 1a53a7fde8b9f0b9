/**
 * The contract tree as data (DESIGN §1). These interfaces are the shapes after validation; the file schemas
 * in `src/model/schemas.ts` (zod) must produce exactly these types, and `schemas/*.schema.json` are
 * generated from them for editors.
 */
import type { ResolvedSchema } from '../schema/types.js';
import type { Semantics, SeverityOverrides } from '../diff/types.js';
import type { DerivedFrom, Operation } from '../openapi/types.js';

/** Where something is written: file relative to the repository root, 1-based line and column. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export type VersionStatus = 'active' | 'deprecated' | 'retired';

/**
 * `{ $ref: ./input.schema.json }` in contract.yaml, an inline schema, or (`input` only) `{ windmill:
 * f/crm/sync_customers }`: the argument schema of a Windmill script, read from its `.script.yaml` at the
 * same ref (docs/windmill.md).
 */
export type SchemaRef = { $ref: string } | { windmill: string } | Record<string, unknown> | boolean;

export interface Retries {
  max: number;
  backoff?: 'none' | 'fixed' | 'linear' | 'exponential';
  jitter?: boolean;
}

export interface SideEffects {
  writes?: string[];
  idempotent?: boolean;
  idempotencyKey?: string;
  retries?: Retries;
  dedupe?: { key: string; windowSeconds: number };
  /** Response fields that differ between two identical calls by design (`customers[].syncedAt`). */
  volatile?: string[];
}

export interface Operational {
  timeoutMs?: number;
  rateLimit?: { requests: number; perSeconds: number };
  pagination?: Pagination;
  /** Runs at the same time (in `windowSeconds`, when given); more wait in a queue. */
  concurrency?: { limit: number; windowSeconds?: number };
  /** `sync`: the response is the result; `async`: a job id to poll; `stream`: server-sent events. */
  responseMode?: 'sync' | 'async' | 'stream';
}

/** Where a major is served when that differs per major (a Windmill HTTP trigger's route). */
export interface HttpRoute {
  route: string;
  method: string;
}

/** Paging behaviour; the `*Field`s are dotted paths into the request or response body. */
export interface Pagination {
  defaultPageSize?: number;
  maxPageSize?: number;
  order?: string;
  /** Request field that asks for a page. */
  cursorField?: string;
  /** Response field with the next page's cursor; null or absent on the last page. */
  nextCursorField?: string;
  /** Response field with the page's items. */
  itemsField?: string;
  /** Request field that sets the page size. */
  pageSizeField?: string;
}

export interface ErrorCode {
  code: string;
  status: number;
  retryable?: boolean;
}

export interface Auth {
  roles?: string[];
  /** How callers authenticate (`none`, `api_key`, `basic_http`, `windmill`, …). */
  scheme?: string;
}

/** `openapi:` in contract.yaml: one operation of an OpenAPI document, in place of `input` and `output`. */
export interface OpenApiRef {
  /** The document, relative to contract.yaml. */
  $ref: string;
  /** `POST /internal/sync`. */
  operation: string;
}

/** `<endpoint>/v<N>/contract.yaml`: one immutable major version. */
export interface ContractFile {
  endpoint: string;
  /** Semver; its major must equal the folder's. */
  version: string;
  owner: string;
  status: VersionStatus;
  deprecation?: { date: string; replacement?: number };
  /** Required unless `openapi` is given (validation says so). */
  input?: SchemaRef;
  /** Required unless `openapi` is given (validation says so). */
  output?: SchemaRef;
  openapi?: OpenApiRef;
  sideEffects?: SideEffects;
  operational?: Operational;
  errors?: ErrorCode[];
  /** Where an error response body carries its code (dotted path; default `code`). */
  errorCodeField?: string;
  auth?: Auth;
  http?: HttpRoute;
}

export type HttpMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RollbackWhen {
  /** `above`: limit on the candidate's rate; `aboveBaselineBy`: limit on candidate − baseline (docs/canary.md). */
  errorRate?: { above?: number; aboveBaselineBy?: number };
  p95LatencyMs?: { above?: number; aboveRatioToBaseline?: number };
  p99LatencyMs?: { above?: number; aboveRatioToBaseline?: number };
  business?: { metric: string; above?: number; below?: number; aboveAbs?: number }[];
}

export interface CanaryPolicy {
  check: string;
  strategy: 'header' | 'shadow' | 'segment';
  minDuration?: string;
  minRequests?: number;
  rollbackWhen?: RollbackWhen;
  /** Default statistical (docs/canary.md). */
  judgement?: 'statistical' | 'threshold';
  prometheus?: CanaryPrometheus;
  promote?: { alias: string };
}

/** `canary.prometheus`: overrides of the OpenTelemetry defaults for `canary collect`. */
export interface CanaryPrometheus {
  histogram?: string;
  unit?: 'seconds' | 'milliseconds';
  labels?: { route?: string; method?: string; status?: string };
  selectors?: Record<string, string>;
  business?: Record<string, string>;
}

/** `<endpoint>/endpoint.yaml`. */
export interface EndpointFile {
  name: string;
  owner: string;
  /** Contains `{major}`, e.g. `/internal/syncCustomers/v{major}`. */
  route: string;
  /** Default POST; the request is the JSON body. */
  method?: HttpMethod;
  versionHeader?: string;
  aliases?: Record<string, number>;
  canary?: CanaryPolicy;
}

export type ConsumerKind = 'dashboard' | 'job' | 'slack-command' | 'pipeline' | 'service' | 'other';

export interface ConsumerUse {
  endpoint: string;
  version: number;
  expects?: SchemaRef;
  fixtures?: { request?: string; response?: string }[];
}

/** `consumers/<name>.yaml`. */
export interface ConsumerFile {
  name: string;
  owner: string;
  kind: ConsumerKind;
  uses: ConsumerUse[];
}

/** `contractguard.yaml` (every key optional; defaults in `DEFAULT_POLICY`). */
export interface PolicyFile {
  semantics?: Semantics;
  failOn?: 'breaking' | 'dangerous' | 'never';
  requireMinorBump?: 'error' | 'warning' | 'off';
  deprecationWindowDays?: number;
  approvers?: string[];
  /** Severity overrides by rule id (schema or contract rule) and side. */
  rules?: SeverityOverrides;
  canary?: { trustedApps?: string[] };
}

export type Policy = Required<Omit<PolicyFile, 'canary'>> & { canary: { trustedApps: string[] } };

export const DEFAULT_POLICY: Policy = {
  semantics: 'pragmatic',
  failOn: 'breaking',
  requireMinorBump: 'error',
  deprecationWindowDays: 90,
  approvers: [],
  rules: {},
  canary: { trustedApps: ['github-actions'] },
};

// ---- the loaded tree --------------------------------------------------------------------------------

/** One major version of an endpoint, loaded: the contract file and its resolved schemas. */
export interface LoadedVersion {
  endpoint: string;
  major: number;
  /** Path of contract.yaml relative to the repository root. */
  file: string;
  contract: ContractFile;
  input: ResolvedSchema;
  output: ResolvedSchema;
  /**
   * For a version backed by an OpenAPI operation (`openapi:` in contract.yaml): the document (relative to
   * the repository root), the operation as read, and where in it `input` and `output` come from.
   */
  openapi?: { file: string; operation: Operation; derivedFrom: DerivedFrom };
  /**
   * Parts of `contract` read from files other than contract.yaml (a Windmill script's metadata, its HTTP
   * trigger): the contract pointer (`/operational/timeoutMs`), the file (relative to the repository root)
   * and the pointer there (`/timeout`). Changes at or below `pointer` are shown there.
   */
  sources?: { pointer: string; file: string; at: string }[];
  /** For a version backed by a Windmill script (`input: { windmill: … }`): its path and `.script.yaml`. */
  windmill?: { script: string; file: string };
}

export interface LoadedEndpoint {
  name: string;
  /** Path of endpoint.yaml relative to the repository root. */
  file: string;
  endpoint: EndpointFile;
  /** By major. */
  versions: Map<number, LoadedVersion>;
}

export interface LoadedConsumer {
  file: string;
  consumer: ConsumerFile;
  /**
   * The resolved `expects` schema of each use, by the index in `consumer.uses`; undefined where a use has
   * none or it does not resolve (a problem then says why). Absent when the set was not built by the loader.
   */
  expects?: (ResolvedSchema | undefined)[];
  /**
   * Requests written inline where the consumer calls (a Windmill flow step's static `input_transforms`, a
   * schedule's `args`), checked as fixtures of `uses[use]`. Absent for consumers/*.yaml.
   */
  requests?: InlineRequest[];
  /**
   * Calls the implementation directly rather than over its HTTP route (a Windmill flow step or schedule
   * runs the script): route, method, authentication and response-mode changes do not reach it.
   */
  direct?: boolean;
}

/** A request a discovered consumer sends, as written in its own file. */
export interface InlineRequest {
  /** Index in `consumer.uses`. */
  use: number;
  /** What it is, for messages: `step sync of flow f/ops/nightly_sync`. */
  label: string;
  /** The arguments written as values. */
  value: Record<string, unknown>;
  /** File (relative to the repository root) and JSON pointer of the arguments object there. */
  file: string;
  pointer: string;
  /** Pointer of each argument's value in `file`. */
  args: Record<string, string>;
  /** Arguments given by an expression (never evaluated): not checked. */
  unchecked: string[];
}

/** A problem in the tree: a file that does not parse or validate, a dangling ref, a bad alias. */
export interface TreeProblem {
  file: string;
  line?: number;
  column?: number;
  /** Dotted field path inside the file, when the problem is about one field (`deprecation.date`). */
  field?: string;
  message: string;
}

/**
 * An endpoint or one of its majors whose files are in the tree but cannot be read (a YAML mistake, a field
 * the schema does not know, a `$ref` that does not resolve): it is left out of `endpoints`, and nothing may
 * be concluded from that absence — not a removal, not a dangling alias, not a consumer on a missing major.
 */
export interface UnreadablePart {
  endpoint: string;
  /** The major; absent when the endpoint itself (its endpoint.yaml) cannot be read, and so none of its majors. */
  major?: number;
  /** Why, first the one to fix first (each is also in `ContractSet.problems`). */
  problems: TreeProblem[];
}

/** Everything under the contract root at one ref. */
export interface ContractSet {
  /** The contract root relative to the repository root, e.g. `contracts`. */
  root: string;
  policy: Policy;
  /** Path of contractguard.yaml when present. */
  policyFile?: string;
  endpoints: Map<string, LoadedEndpoint>;
  consumers: LoadedConsumer[];
  problems: TreeProblem[];
  /** Endpoints and majors present but unreadable (see `UnreadablePart`); absent when the loader did not build the set. */
  unreadable?: UnreadablePart[];
  /** Maps a file and JSON pointer to a line and column (for reports); undefined when unknown. */
  position(file: string, pointer: string): SourcePosition | undefined;
  /**
   * The text of a file under the root (say, a consumer's fixture), by its path relative to the repository
   * root; undefined when it does not exist or cannot be used. Absent when the set was not built by the loader.
   */
  text?(file: string): string | undefined;
}
