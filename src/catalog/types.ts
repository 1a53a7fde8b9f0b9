/**
 * The contract catalog as plain data: what `contractguard catalog` shows about a contract tree. Everything a
 * page needs is here, already ordered and computed (days left, consumers per major, flattened fields); the
 * words and the HTML are src/report/catalog's.
 */
import type { Json } from '../schema/types.js';
import type {
  Auth,
  ConsumerKind,
  ErrorCode,
  Operational,
  SideEffects,
  TreeProblem,
  VersionStatus,
} from '../model/types.js';

export interface Catalog {
  /** The day the catalog was built (YYYY-MM-DD, UTC): days left are counted from it. */
  today: string;
  /** The contract root relative to the repository (`contracts`). */
  root: string;
  source: CatalogSource;
  /** By name. */
  endpoints: EndpointEntry[];
  /** Every registered consumer, by name. */
  consumers: ConsumerEntry[];
  /** Deadlines and removals of majors, earliest first. */
  timeline: TimelineLane[];
  /** Files that did not load: their endpoints or versions are missing from the catalog. */
  problems: TreeProblem[];
  /** Whether git history was read (false outside a git repository). */
  hasHistory: boolean;
}

/** Where the contracts were read: the working tree, or a commit. */
export type CatalogSource = { kind: 'working-tree' } | { kind: 'git'; ref: string; commit: string };

/** How an endpoint stands, for the index: the most urgent state of its live majors. */
export type EndpointStatus = 'active' | 'deprecating' | 'overdue' | 'retired';

export interface EndpointEntry {
  name: string;
  owner: string;
  /** `/internal/syncCustomers/v{major}`. */
  route: string;
  versionHeader?: string;
  /** endpoint.yaml, relative to the repository. */
  file: string;
  /** By name. */
  aliases: AliasEntry[];
  /** Highest major first. */
  majors: MajorEntry[];
  /** Majors not retired, highest first. */
  liveMajors: number[];
  /** Distinct consumers of any major. */
  consumerCount: number;
  /** The earliest deprecation date of a live major. */
  nextDeadline?: MajorDeadline;
  status: EndpointStatus;
  /** Versions as they landed, oldest first; undefined when no git history was read. */
  history?: HistoryEvent[];
}

export interface AliasEntry {
  name: string;
  major: number;
  /** False when the alias points at a major that is missing or retired (`contractguard check` says so). */
  live: boolean;
}

/** A date with the whole days from the catalog's day to it (negative once passed). */
export interface Deadline {
  date: string;
  daysLeft: number;
}

export interface MajorDeadline extends Deadline {
  major: number;
}

export interface MajorEntry {
  major: number;
  /** Semver from contract.yaml. */
  version: string;
  /** The route with `{major}` filled in. */
  route: string;
  owner: string;
  status: VersionStatus;
  /** contract.yaml, relative to the repository. */
  file: string;
  /** Aliases pointing here, by name. */
  aliases: string[];
  deprecation?: Deadline & { replacement?: number };
  /** The consumers of this major, by name. */
  consumers: ConsumerRef[];
  input: FieldTable;
  output: FieldTable;
  sideEffects?: SideEffects;
  operational?: Operational;
  errors: ErrorCode[];
  auth?: Auth;
}

export interface ConsumerRef {
  name: string;
  owner: string;
  kind: ConsumerKind;
}

export interface ConsumerEntry extends ConsumerRef {
  /** The consumer file, relative to the repository. */
  file: string;
  /** The endpoint majors it uses, in file order. */
  uses: ConsumerUseEntry[];
}

export interface ConsumerUseEntry {
  endpoint: string;
  major: number;
  /** Whether the endpoint and major exist in this tree. */
  known: boolean;
  /** The major's deprecation deadline, when it has one: the consumer must move before it. */
  deadline?: Deadline;
  /** The major to move to, when the deprecated one names or implies one. */
  replacement?: number;
}

// ---- field tables ---------------------------------------------------------------------------------------

/** A JSON type, or `any` (no constraint) and `never` (nothing is valid). */
export type FieldType =
  'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object' | 'any' | 'never';

/** A schema flattened into one row per field: nested objects and array items by their path. */
export interface FieldTable {
  /** The schema file (relative to the contract root). */
  file: string;
  title?: string;
  description?: string;
  /** What the whole body is (usually `object`). */
  types: FieldType[];
  rows: FieldRow[];
  /** Whether fields other than the listed ones are refused at the top level. */
  closed: boolean;
  /** Set when the schema had more fields than a table shows. */
  truncated?: { shown: number };
}

export interface FieldRow {
  /** `customers[].email`; `[]` is any array item, `*` any other property. */
  path: string;
  /** Nesting level, 0 for a top-level field. */
  depth: number;
  types: FieldType[];
  /** For arrays: what the items are. */
  itemTypes?: FieldType[];
  /** The named definition the field is (`Customer` from `$defs/Customer`), or its items are. */
  definition?: string;
  required: boolean;
  description?: string;
  /** Validation keywords worth showing, as written (`format`, `maxLength`, `enum`, `default`...). */
  facets: Record<string, Json>;
  /** Set when the field exists only in some `anyOf`/`oneOf` variants: their names. */
  variants?: string[];
  /** Set when the field's schema is an ancestor's again: the path it repeats (`''` is the whole body). */
  recursive?: string;
}

// ---- history and timeline -------------------------------------------------------------------------------

export type HistoryKind = 'major-added' | 'version-changed' | 'status-changed' | 'major-removed';

/** One change to a major's contract.yaml in a commit. */
export interface HistoryEvent {
  kind: HistoryKind;
  major: number;
  /** The version after the commit (or the last one, for a removal). */
  version?: string;
  /** The version before, for `version-changed`. */
  previousVersion?: string;
  /** The status after, for `status-changed` (and `major-added`). */
  status?: string;
  /** The status before, for `status-changed`. */
  previousStatus?: string;
  commit: CommitInfo;
}

export interface CommitInfo {
  sha: string;
  /** When the commit landed (committer date), ISO 8601 with its offset. */
  date: string;
  author: string;
  subject: string;
}

/** One endpoint major on the timeline: when it was deprecated, its deadline, when it was removed. */
export interface TimelineLane {
  endpoint: string;
  major: number;
  /** The day the major's status became `deprecated` (from history). */
  deprecatedOn?: string;
  deadline?: Deadline;
  /** The day its folder was removed (from history), or `retired` set. */
  removedOn?: string;
  /** Consumers still registered on it. */
  consumers: number;
}
