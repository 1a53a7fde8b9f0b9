/**
 * Deprecation planning: who must migrate off a deprecated major, by when, to which major and what changes on
 * the way — plain data for the issues, reminders and dashboard (words in src/report/deprecations.ts, GitHub in
 * src/github/deprecation-issues.ts).
 */
import type { Severity } from '../diff/types.js';
import type { ContractSet, LoadedVersion, VersionStatus } from '../model/types.js';
import type { ResolvedSchema } from '../schema/types.js';
import { compareMajors } from '../tree/diff.js';
import { daysLeft } from './deprecation-reminders.js';
import { fieldSteps } from './fields.js';
import { reads } from './impact.js';

/** One consumer on one deprecated endpoint major: the unit a migration issue tracks. */
export interface MigrationKey {
  endpoint: string;
  major: number;
  consumer: string;
}

/** A breaking or dangerous change a consumer meets when it moves to the replacement. */
export interface MigrationChange {
  /** What it is about: the requests the consumer sends, the responses it reads, or the endpoint's behaviour (contract.yaml: auth, errors, side effects, limits). */
  side: 'request' | 'response' | 'behaviour';
  severity: Extract<Severity, 'breaking' | 'dangerous'>;
  message: string;
  /** For a response change: false when the consumer's `expects` shows it does not read the field. */
  read?: boolean;
}

export interface Migration extends MigrationKey {
  /** The consumer's owner (`@user` or `@org/team`). */
  consumerOwner: string;
  /** The owner of the deprecated major. */
  endpointOwner: string;
  /** The deprecation date (YYYY-MM-DD), when set. */
  deadline?: string;
  /** Whole days until the deadline, negative once passed; set with `deadline`. */
  daysLeft?: number;
  /** The major to move to, with what changes from the deprecated one. */
  replacement?: { major: number; changes: MigrationChange[]; route?: string };
  /** The route the consumer calls now. */
  route?: string;
  /** Where the consumer names the major it uses: its file, and the line of `version:` there when known. */
  usedAt?: { file: string; line?: number };
  /** Whether the consumer registered fixtures or an `expects` for this use (they move to the new major too). */
  hasFixtures?: boolean;
}

export function isDeprecated(v: LoadedVersion): boolean {
  return v.contract.status === 'deprecated' || v.contract.deprecation !== undefined;
}

/** The major replacing `v`: the declared one, else the lowest newer major that is not deprecated. */
export function replacementOf(set: ContractSet, v: LoadedVersion): LoadedVersion | undefined {
  const versions = set.endpoints.get(v.endpoint)?.versions;
  if (!versions) return undefined;
  const declared = v.contract.deprecation?.replacement;
  if (declared !== undefined) return versions.get(declared);
  return [...versions.values()]
    .filter((o) => o.major > v.major && !isDeprecated(o))
    .sort((a, b) => a.major - b.major)[0];
}

const SIDES = { input: 'request', output: 'response' } as const;

/**
 * The breaking and dangerous changes from `from` to `to` as a consumer meets them: requests, responses and
 * the endpoint's behaviour (auth, errors, side effects, limits: contract.yaml), each told once; a response
 * change the consumer's `expects` shows it does not read is marked so.
 */
async function changesBetween(
  set: ContractSet,
  from: LoadedVersion,
  to: LoadedVersion,
  expects: ResolvedSchema | undefined,
): Promise<MigrationChange[]> {
  const out: MigrationChange[] = [];
  const said = new Set<string>();
  for (const change of await compareMajors(set, from, to)) {
    if (change.severity !== 'breaking' && change.severity !== 'dangerous') continue;
    const side = change.area === 'input' || change.area === 'output' ? SIDES[change.area] : 'behaviour';
    if (said.has(`${side}\u0000${change.message}`)) continue;
    said.add(`${side}\u0000${change.message}`);
    const steps = side === 'response' && expects !== undefined ? fieldSteps(change.path) : undefined;
    const read = steps === undefined || expects === undefined ? undefined : reads(expects, steps);
    out.push({
      side,
      severity: change.severity,
      message: change.message,
      ...(read === false ? { read } : {}),
    });
  }
  const order = { request: 0, response: 1, behaviour: 2 } as const;
  return out.sort((a, b) => order[a.side] - order[b.side]);
}

/** Every consumer × deprecated major it uses, once each, in the order the consumers are listed. */
export async function planMigrations(set: ContractSet, now: Date): Promise<Migration[]> {
  const out: Migration[] = [];
  for (const { consumer, file, expects } of set.consumers) {
    for (const [index, use] of consumer.uses.entries()) {
      const endpoint = set.endpoints.get(use.endpoint);
      const version = endpoint?.versions.get(use.version);
      if (!endpoint || !version || !isDeprecated(version)) continue;
      const key = { endpoint: use.endpoint, major: use.version, consumer: consumer.name };
      if (out.some((m) => sameMigration(m, key))) continue;
      const deadline = version.contract.deprecation?.date;
      const replacement = replacementOf(set, version);
      const route = (major: number) => endpoint.endpoint.route.replaceAll('{major}', String(major));
      const line = set.position(file, `/uses/${index}/version`)?.line;
      out.push({
        ...key,
        consumerOwner: consumer.owner,
        endpointOwner: version.contract.owner,
        ...(deadline === undefined ? {} : { deadline, daysLeft: daysLeft(deadline, now) }),
        ...(replacement === undefined
          ? {}
          : {
              replacement: {
                major: replacement.major,
                changes: await changesBetween(set, version, replacement, expects?.[index]),
                route: route(replacement.major),
              },
            }),
        route: route(use.version),
        usedAt: { file, ...(line === undefined ? {} : { line }) },
        ...((use.fixtures?.length ?? 0) > 0 || use.expects !== undefined ? { hasFixtures: true } : {}),
      });
    }
  }
  return out;
}

export function sameMigration(a: MigrationKey, b: MigrationKey): boolean {
  return a.endpoint === b.endpoint && a.major === b.major && a.consumer === b.consumer;
}

/** Why a tracked migration is over, or undefined when the tree cannot tell yet. */
export type MigrationEnd =
  | { kind: 'consumer-removed' }
  | { kind: 'endpoint-dropped' }
  | { kind: 'no-longer-deprecated' }
  | { kind: 'moved'; to: number };

/**
 * Why `key` no longer needs migrating (call it only for keys `planMigrations` did not return). A consumer file
 * or endpoint that does not load is not a migration done: undefined until it loads again.
 */
export function migrationEnd(set: ContractSet, key: MigrationKey): MigrationEnd | undefined {
  const prefix = set.root === '' ? '' : `${set.root}/`;
  const unsure = set.problems.some(
    (p) => p.file.startsWith(`${prefix}consumers/`) || p.file.startsWith(`${prefix}${key.endpoint}/`),
  );
  if (unsure) return undefined;
  const consumer = set.consumers.find((c) => c.consumer.name === key.consumer)?.consumer;
  if (consumer === undefined) return { kind: 'consumer-removed' };
  const now = consumer.uses.find((u) => u.endpoint === key.endpoint)?.version;
  if (now === undefined) return { kind: 'endpoint-dropped' };
  if (now === key.major) return { kind: 'no-longer-deprecated' };
  return { kind: 'moved', to: now };
}

/** One endpoint major as the dashboard lists it. */
export interface EndpointMajor {
  endpoint: string;
  major: number;
  status: VersionStatus;
  /** Aliases pointing at this major, sorted. */
  aliases: string[];
  /** Consumers using this major, sorted. */
  consumers: string[];
  deadline?: string;
  daysLeft?: number;
}

/** Every endpoint major, endpoints by name and majors ascending. */
export function endpointMajors(set: ContractSet, now: Date): EndpointMajor[] {
  const out: EndpointMajor[] = [];
  const endpoints = [...set.endpoints.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const e of endpoints) {
    for (const v of [...e.versions.values()].sort((a, b) => a.major - b.major)) {
      const deadline = v.contract.deprecation?.date;
      out.push({
        endpoint: e.name,
        major: v.major,
        status: v.contract.status,
        aliases: Object.entries(e.endpoint.aliases ?? {})
          .filter(([, major]) => major === v.major)
          .map(([name]) => name)
          .sort(),
        consumers: set.consumers
          .filter((c) => c.consumer.uses.some((u) => u.endpoint === e.name && u.version === v.major))
          .map((c) => c.consumer.name)
          .sort(),
        ...(deadline === undefined ? {} : { deadline, daysLeft: daysLeft(deadline, now) }),
      });
    }
  }
  return out;
}
