/**
 * The contract tree as data (DESIGN §1). These interfaces are the shapes after validation; the file schemas
 * in `src/model/schemas.ts` (zod) must produce exactly these types, and `schemas/*.schema.json` are
 * generated from them for editors.
 */
import type { ResolvedSchema } from '../schema/types.js';
import type { Severity, Semantics, Direction } from '../diff/types.js';

/** Where something is written: file relative to the repository root, 1-based line and column. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

export type VersionStatus = 'active' | 'deprecated' | 'retired';

/** `{ $ref: ./input.schema.json }` in contract.yaml, or an inline schema. */
export type SchemaRef = { $ref: string } | Record<string, unknown> | boolean;

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
}

export interface Operational {
  timeoutMs?: number;
  rateLimit?: { requests: number; perSeconds: number };
  pagination?: { defaultPageSize?: number; maxPageSize?: number; order?: string };
}

export interface ErrorCode {
  code: string;
  status: number;
  retryable?: boolean;
}

export interface Auth {
  roles?: string[];
}

/** `<endpoint>/v<N>/contract.yaml`: one immutable major version. */
export interface ContractFile {
  endpoint: string;
  /** Semver; its major must equal the folder's. */
  version: string;
  owner: string;
  status: VersionStatus;
  deprecation?: { date: string; replacement?: number };
  input: SchemaRef;
  output: SchemaRef;
  sideEffects?: SideEffects;
  operational?: Operational;
  errors?: ErrorCode[];
  auth?: Auth;
}

export interface RollbackWhen {
  errorRate?: { above: number };
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
  promote?: { alias: string };
}

/** `<endpoint>/endpoint.yaml`. */
export interface EndpointFile {
  name: string;
  owner: string;
  /** Contains `{major}`, e.g. `/internal/syncCustomers/v{major}`. */
  route: string;
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
  rules?: Record<string, Partial<Record<Direction, Severity>>>;
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
  /** Maps a file and JSON pointer to a line and column (for reports); undefined when unknown. */
  position(file: string, pointer: string): SourcePosition | undefined;
  /**
   * The text of a file under the root (say, a consumer's fixture), by its path relative to the repository
   * root; undefined when it does not exist or cannot be used. Absent when the set was not built by the loader.
   */
  text?(file: string): string | undefined;
}
