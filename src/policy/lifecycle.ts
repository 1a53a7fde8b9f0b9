/** Lifecycle of majors: deprecation of a superseded major, removal and retirement, aliases, broken files. */
import type { ContractSet, LoadedVersion } from '../model/types.js';
import { unreadablePart } from '../model/unreadable.js';
import { problemMessage } from '../model/validate.js';
import type { Finding } from './types.js';
import {
  type PolicyContext,
  andList,
  formatDay,
  majorsOf,
  parseDay,
  plural,
  positionIn,
  today,
  versionOf,
} from './context.js';
import { FINDINGS, finding } from './findings.js';
import { withPosition } from './versions.js';

/** Every problem in the head tree is an error at its position: its versions cannot be judged. */
export function invalidFiles(ctx: PolicyContext): Finding[] {
  return ctx.head.problems.map((p) =>
    finding(FINDINGS.invalidContractFile, {
      message: `${p.file}: ${problemMessage(p)}`,
      fix: 'correct the file; contractguard cannot judge the versions it defines until it loads',
      position: { file: p.file, line: p.line ?? 1, column: p.column ?? 1 },
    }),
  );
}

/**
 * The major that a new major supersedes (the highest below it in head) needs a deprecation date at least
 * `deprecationWindowDays` away; so does any deprecation date added or moved earlier in this PR.
 */
export function deprecations(ctx: PolicyContext): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const check = (version: LoadedVersion, supersededBy?: number) => {
    const key = `${version.endpoint}\u0000${version.major}`;
    if (seen.has(key) || version.contract.status === 'retired') return;
    seen.add(key);
    const finding = deprecationFinding(ctx, version, supersededBy);
    if (finding) findings.push(finding);
  };
  for (const report of ctx.diff.versions) {
    if (report.kind === 'added') {
      // The major below the new one, as far as head can tell: an unreadable one stops the search.
      const below = majorsOf(ctx, report.endpoint)
        .filter((m) => m < report.major)
        .filter(
          (m) => versionOf(ctx.head, report.endpoint, m) || unreadablePart(ctx.head, report.endpoint, m),
        )
        .pop();
      const previous = below === undefined ? undefined : versionOf(ctx.head, report.endpoint, below);
      if (previous) check(previous, report.major);
    } else if (
      report.kind === 'changed' &&
      report.changes.some((c) => c.rule === 'deprecation-added' || c.rule === 'deprecation-date-advanced')
    ) {
      const version = versionOf(ctx.head, report.endpoint, report.major);
      if (version) check(version);
    }
  }
  return findings;
}

function deprecationFinding(
  ctx: PolicyContext,
  version: LoadedVersion,
  supersededBy: number | undefined,
): Finding | undefined {
  const { endpoint, major, file } = version;
  const window = ctx.policy.deprecationWindowDays;
  const earliest = formatDay(today(ctx.now) + window);
  const deprecation = version.contract.deprecation;
  const replacement = supersededBy ?? deprecation?.replacement;
  if (!deprecation?.date) {
    if (supersededBy === undefined) return undefined;
    return finding(FINDINGS.deprecationMissing, {
      endpoint,
      major,
      message: `${endpoint} v${major} needs a deprecation date now that v${supersededBy} exists`,
      fix: `add \`deprecation: { date: ${earliest}, replacement: ${supersededBy} }\` to ${file} (at least ${window} days from today)`,
      ...withPosition(positionIn(ctx.head, file, '/deprecation')),
    });
  }
  const day = parseDay(deprecation.date);
  if (day === undefined) return undefined; // the loader reports malformed dates
  const left = day - today(ctx.now);
  if (left >= window) return undefined;
  const when =
    left < 0 ? 'which has already passed' : left === 0 ? 'today' : `${plural(left, 'day')} from now`;
  return finding(FINDINGS.deprecationTooSoon, {
    endpoint,
    major,
    message: `${endpoint} v${major} is deprecated as of ${deprecation.date}, ${when}; the policy asks for at least ${window} days`,
    fix: `move \`deprecation.date\` in ${file} to ${earliest} or later${replacement === undefined ? '' : ` so callers have time to move to v${replacement}`}`,
    ...withPosition(positionIn(ctx.head, file, '/deprecation/date')),
  });
}

interface ConsumerRef {
  name: string;
  /** Where its `uses:` entry is written in head, when it is still there. */
  position?: Finding['position'];
}

/** Registered consumers of one major, from head's registry and base's (a PR may drop both at once). */
function consumersOf(ctx: PolicyContext, endpoint: string, major: number): ConsumerRef[] {
  const found = new Map<string, ConsumerRef>();
  for (const [set, isHead] of [
    [ctx.head, true],
    [ctx.base, false],
  ] as [ContractSet, boolean][]) {
    for (const { file, consumer } of set.consumers) {
      const index = consumer.uses.findIndex((u) => u.endpoint === endpoint && u.version === major);
      if (index < 0 || found.has(consumer.name)) continue;
      const position = isHead ? positionIn(set, file, `/uses/${index}`) : undefined;
      found.set(consumer.name, { name: consumer.name, ...(position ? { position } : {}) });
    }
  }
  return [...found.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Removing or retiring a major: an error while registered consumers use it; allowed (a notice) after its
 * deprecation date; a warning before that date or without one (unregistered callers trust the date).
 */
export function removals(ctx: PolicyContext): Finding[] {
  const findings: Finding[] = [];
  for (const report of ctx.diff.versions) {
    const retired = report.changes.find((c) => c.rule === 'major-retired');
    const removed =
      report.kind === 'removed' ? report.changes.find((c) => c.rule === 'major-removed') : undefined;
    const change = removed ?? retired;
    if (!change) continue;
    const { endpoint, major } = report;
    const [verb, done, act] = removed ? ['removing', 'removed', 'remove'] : ['retiring', 'retired', 'retire'];
    const base = versionOf(ctx.base, endpoint, major);
    const head = versionOf(ctx.head, endpoint, major);
    const deprecation = head?.contract.deprecation ?? base?.contract.deprecation;
    const replacement =
      deprecation?.replacement ??
      majorsOf(ctx, endpoint)
        .filter((m) => m > major && versionOf(ctx.head, endpoint, m))
        .pop();
    const where = change.position
      ? { file: change.position.file, line: change.position.line, column: change.position.column }
      : undefined;
    const consumers = consumersOf(ctx, endpoint, major);
    if (consumers.length) {
      const names = consumers.map((c) => c.name);
      findings.push(
        finding(FINDINGS.majorRemovedWithConsumers, {
          endpoint,
          major,
          message: `${verb} major v${major} of ${endpoint} breaks ${plural(consumers.length, 'registered consumer')}: ${andList(names)}`,
          fix: `move ${consumers.length === 1 ? 'it' : 'them'} to ${replacement === undefined ? 'another major' : `v${replacement}`} first (their \`uses:\` entries), or keep v${major} until they have moved`,
          ...withPosition(consumers.find((c) => c.position)?.position ?? where),
          fingerprints: [change.fingerprint],
        }),
      );
      continue;
    }
    const day = deprecation?.date === undefined ? undefined : parseDay(deprecation.date);
    if (day !== undefined && day <= today(ctx.now)) {
      findings.push(
        finding(FINDINGS.majorRemovedAfterDeprecation, {
          endpoint,
          major,
          message: `major v${major} of ${endpoint} ${done} after its deprecation date (${deprecation?.date}); no registered consumer uses it`,
          ...withPosition(where),
          fingerprints: [change.fingerprint],
        }),
      );
      continue;
    }
    findings.push(
      finding(FINDINGS.majorRemovedBeforeDeprecation, {
        endpoint,
        major,
        message:
          day === undefined
            ? `major v${major} of ${endpoint} ${done} without a deprecation date; no registered consumer uses it, but unregistered callers had no warning`
            : `major v${major} of ${endpoint} ${done} before its deprecation date (${deprecation?.date}); no registered consumer uses it, but unregistered callers may rely on the date`,
        fix:
          day === undefined
            ? `deprecate it first (\`deprecation: { date, replacement }\`) and ${act} it after the date`
            : `keep it until ${deprecation?.date}`,
        ...withPosition(where),
        fingerprints: [change.fingerprint],
      }),
    );
  }
  return findings;
}

/** Every alias in head must point at a major that exists in head and is not retired. */
export function aliases(ctx: PolicyContext): Finding[] {
  const findings: Finding[] = [];
  for (const [name, endpoint] of ctx.head.endpoints) {
    const live = [...endpoint.versions.values()]
      .filter((v) => v.contract.status !== 'retired')
      .map((v) => v.major)
      .sort((a, b) => a - b);
    for (const [alias, major] of Object.entries(endpoint.endpoint.aliases ?? {})) {
      const version = endpoint.versions.get(major);
      if (version && version.contract.status !== 'retired') continue;
      // A major that cannot be read is there all the same: its problem is reported, not a dangling alias.
      if (!version && unreadablePart(ctx.head, name, major)) continue;
      const problem = version ? 'which is retired' : 'which does not exist';
      findings.push(
        finding(FINDINGS.aliasInvalid, {
          endpoint: name,
          major,
          message: `alias \`${alias}\` of ${name} points at v${major}, ${problem}`,
          fix: live.length
            ? `point \`aliases.${alias}\` in ${endpoint.file} at ${andList(
                live.map((m) => `v${m}`),
                'or',
              )}`
            : `remove \`aliases.${alias}\` from ${endpoint.file}: ${name} has no live major`,
          ...withPosition(
            positionIn(ctx.head, endpoint.file, `/aliases/${alias.replace(/~/g, '~0').replace(/\//g, '~1')}`),
          ),
        }),
      );
    }
  }
  return findings;
}
