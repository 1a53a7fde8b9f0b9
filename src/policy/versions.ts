/** Changes inside an existing major: breaking changes, minor bumps, versions going backwards. */
import type { TreeChange, VersionReport } from '../tree/types.js';
import type { Finding } from './types.js';
import { type PolicyContext, majorsOf, plural, positionIn, positionOf, versionOf } from './context.js';
import { FINDINGS, finding } from './findings.js';

/** The major a breaking change should go to: one added in this PR above it, or the next free one. */
export function targetMajor(ctx: PolicyContext, report: VersionReport): { major: number; isNew: boolean } {
  const added = ctx.diff.versions.find(
    (v) => v.endpoint === report.endpoint && v.kind === 'added' && v.major > report.major,
  );
  if (added) return { major: added.major, isNew: true };
  const majors = majorsOf(ctx, report.endpoint);
  return { major: (majors[majors.length - 1] ?? report.major) + 1, isNew: false };
}

/** Lifecycle (`meta`) changes are judged by their own checks, never as a contract break. */
const isContractChange = (c: TreeChange): boolean => c.area !== 'meta';

/**
 * One finding per changed major whose changes break callers (`failOn: dangerous`: or may break them),
 * listing the fingerprints; a warning per major with dangerous changes that do not fail the check.
 */
export function breakingChanges(ctx: PolicyContext): Finding[] {
  const findings: Finding[] = [];
  const failOnDangerous = ctx.policy.failOn === 'dangerous';
  for (const report of ctx.diff.versions) {
    if (report.kind !== 'changed') continue;
    const { endpoint, major } = report;
    const breaking = report.changes.filter((c) => isContractChange(c) && c.severity === 'breaking');
    const dangerous = report.changes.filter((c) => isContractChange(c) && c.severity === 'dangerous');
    const counted = failOnDangerous ? [...breaking, ...dangerous] : breaking;
    if (counted.length) {
      const label =
        !dangerous.length || !failOnDangerous
          ? 'breaking'
          : !breaking.length
            ? 'dangerous'
            : 'breaking or dangerous';
      const target = targetMajor(ctx, report);
      const n = counted.length;
      const what = n === 1 ? `${label} change` : `${n} ${label} changes`;
      const them = n === 1 ? 'it' : 'them';
      const restore = restoreCommand(ctx, counted);
      const deprecated = deprecationOf(ctx, endpoint, major);
      const approve = 'or have the endpoint owner or an approver approve it';
      findings.push(
        finding(FINDINGS.breakingChangeInExistingMajor, {
          endpoint,
          major,
          ...(deprecated
            ? {
                // A deprecated major only waits for its callers to leave: a change there is a mistake to
                // undo, not a reason for yet another major.
                message: `${what} in deprecated major v${major} of ${endpoint} — revert ${them}`,
                fix: [
                  `v${major} is deprecated${deprecated.replacement === undefined ? '' : ` (replaced by v${deprecated.replacement})`}: revert this change (\`${restore}\`)${deprecated.replacement === undefined ? '' : `; callers that need it move to v${deprecated.replacement}, so make it there if v${deprecated.replacement} lacks it`}`,
                  approve,
                ].join('; '),
              }
            : {
                message: target.isNew
                  ? `${what} ${n === 1 ? 'reuses' : 'reuse'} major v${major} of ${endpoint} — move ${them} to v${target.major}`
                  : `${what} ${n === 1 ? 'reuses' : 'reuse'} major v${major} of ${endpoint} — add v${target.major}`,
                fix: [
                  target.isNew
                    ? `make ${them} in ${endpoint}/v${target.major} (added in this PR) and restore v${major} (\`${restore}\`)`
                    : `move ${them} to v${target.major}: \`${newVersionCommand(ctx, endpoint)}\` copies v${major} with ${n === 1 ? 'this change' : 'these changes'} to v${target.major} and restores v${major}`,
                  'or make it additive (keep what callers rely on and add the new behaviour beside it, e.g. a new optional field instead of a changed one)',
                  approve,
                ].join('; '),
              }),
          ...withPosition(positionOf(counted[0])),
          fingerprints: counted.map((c) => c.fingerprint),
        }),
      );
    }
    if (!failOnDangerous && dangerous.length) {
      findings.push(
        finding(FINDINGS.dangerousChangeInExistingMajor, {
          endpoint,
          major,
          message: `${plural(dangerous.length, 'dangerous change')} in major v${major} of ${endpoint} — review ${dangerous.length === 1 ? 'it' : 'them'} against its callers`,
          fix: deprecationOf(ctx, endpoint, major)
            ? `v${major} is deprecated: revert ${dangerous.length === 1 ? 'it' : 'them'} (\`${restoreCommand(ctx, dangerous)}\`) unless its remaining callers need ${dangerous.length === 1 ? 'it' : 'them'}`
            : `if one does break callers, move it to a new major (\`${newVersionCommand(ctx, endpoint)}\`); set \`failOn: dangerous\` in contractguard.yaml to make such changes fail the check`,
          ...withPosition(positionOf(dangerous[0])),
          fingerprints: dangerous.map((c) => c.fingerprint),
        }),
      );
    }
  }
  return findings;
}

/**
 * A major that was deprecated before this PR (status or date, in base), with the major that replaces it
 * when known. One deprecated in this PR, beside the major added to replace it, is still being moved from:
 * its fix is to move the change to the new major.
 */
function deprecationOf(
  ctx: PolicyContext,
  endpoint: string,
  major: number,
): { replacement?: number } | undefined {
  const version = versionOf(ctx.base, endpoint, major);
  if (version === undefined) return undefined;
  const { status, deprecation } = version.contract;
  if (status !== 'deprecated' && deprecation === undefined) return undefined;
  const replacement =
    deprecation?.replacement ??
    majorsOf(ctx, endpoint).find(
      (m) => m > major && versionOf(ctx.head, endpoint, m)?.contract.status === 'active',
    );
  return replacement === undefined ? {} : { replacement };
}

/** The base as the author names it locally (`main`), or a placeholder when the front end did not say. */
function baseName(ctx: PolicyContext): string {
  return ctx.baseRef ?? '<base>';
}

/** `git checkout main -- <the files the changes are in>`: puts them back as they are in base. */
function restoreCommand(ctx: PolicyContext, changes: readonly TreeChange[]): string {
  const files = [
    ...new Set(changes.map((c) => c.position?.file ?? versionOf(ctx.head, c.endpoint, c.major)?.file)),
  ]
    .filter((f): f is string => f !== undefined)
    .sort();
  return `git checkout ${baseName(ctx)} -- ${files.join(' ')}`;
}

/** `contractguard new-version <endpoint> --move --base main`: the next major, with this PR's edits moved there. */
function newVersionCommand(ctx: PolicyContext, endpoint: string): string {
  const root = ctx.head.root === 'contracts' ? '' : ` --root ${ctx.head.root === '' ? '.' : ctx.head.root}`;
  return `contractguard new-version ${endpoint} --move --base ${baseName(ctx)}${root}`;
}

interface Semver {
  major: number;
  minor: number;
  patch: number;
}

export function parseSemver(version: string | undefined): Semver | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.exec(version ?? '');
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : undefined;
}

/** The version a changed major needs: the next minor (`3.2.1` → `3.3.0`). */
export function nextMinor(version: Semver): string {
  return `${version.major}.${version.minor + 1}.0`;
}

function compareSemver(a: Semver, b: Semver): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/**
 * A major whose contract changed (any change outside `meta` that is not `none`) needs a higher minor
 * version; lifecycle edits (deprecating, retiring, a new owner) need none. A version may never go backwards. Whether a major matches its folder is the loader's check.
 */
export function versionNumbers(ctx: PolicyContext): Finding[] {
  const findings: Finding[] = [];
  for (const report of ctx.diff.versions) {
    if (report.kind !== 'changed' && report.kind !== 'unchanged') continue;
    const { endpoint, major } = report;
    const before = parseSemver(report.baseVersion);
    const after = parseSemver(report.headVersion);
    const head = versionOf(ctx.head, endpoint, major);
    if (!before || !after || !head || before.major !== after.major) continue;
    // Positions cost a YAML parse of the file: look one up only for a finding, never for every version.
    const position = () => withPosition(positionIn(ctx.head, head.file, '/version'));
    const bumped = nextMinor(before);
    if (compareSemver(after, before) < 0) {
      findings.push(
        finding(FINDINGS.versionDecreased, {
          endpoint,
          major,
          message: `the version of ${endpoint} v${major} went backwards, from ${report.baseVersion} to ${report.headVersion}`,
          fix: `set \`version: ${report.kind === 'changed' ? bumped : report.baseVersion}\` in ${head.file}`,
          ...position(),
        }),
      );
      continue;
    }
    const changed = report.changes.filter((c) => isContractChange(c) && c.severity !== 'none');
    if (!changed.length || after.minor > before.minor || ctx.policy.requireMinorBump === 'off') continue;
    const now =
      compareSemver(after, before) === 0
        ? `its version is still ${report.headVersion}`
        : `its version only went from ${report.baseVersion} to ${report.headVersion} (a patch bump)`;
    findings.push(
      finding(FINDINGS.minorBumpMissing, {
        level: ctx.policy.requireMinorBump,
        endpoint,
        major,
        message: `the contract of ${endpoint} v${major} changed but ${now} — bump version to ${bumped}`,
        fix: `set \`version: ${bumped}\` in ${head.file}`,
        ...position(),
        fingerprints: changed.map((c) => c.fingerprint),
      }),
    );
  }
  return findings;
}

/** Spreads a position into a finding only when it is known. */
export function withPosition(position: Finding['position']): Pick<Finding, 'position'> {
  return position ? { position } : {};
}
