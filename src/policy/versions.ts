/** Changes inside an existing major: breaking changes, minor bumps, versions going backwards. */
import type { TreeChange, VersionReport } from '../tree/types.js';
import type { Finding } from './types.js';
import { type PolicyContext, majorsOf, plural, positionIn, positionOf, versionOf } from './context.js';

export const BREAKING_IN_EXISTING_MAJOR = 'breaking-change-in-existing-major';

/** The major a breaking change should go to: one added in this PR above it, or the next free one. */
function targetMajor(ctx: PolicyContext, report: VersionReport): { major: number; isNew: boolean } {
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
      const what =
        counted.length === 1 ? `${label} change reuses` : `${counted.length} ${label} changes reuse`;
      const them = counted.length === 1 ? 'the change' : 'the changes';
      findings.push({
        rule: BREAKING_IN_EXISTING_MAJOR,
        level: 'error',
        endpoint,
        major,
        message: target.isNew
          ? `${what} major v${major} of ${endpoint} — move ${counted.length === 1 ? 'it' : 'them'} to v${target.major}`
          : `${what} major v${major} of ${endpoint} — add v${target.major}`,
        fix: [
          target.isNew
            ? `move ${them} to ${endpoint}/v${target.major} (added in this PR) and restore v${major}`
            : `run \`contractguard new-version ${endpoint}\` and move ${them} there`,
          'or make it additive (keep what callers rely on and add the new behaviour beside it, e.g. a new optional field instead of a changed one)',
          'or have the endpoint owner or an approver approve it',
        ].join('; '),
        ...withPosition(positionOf(counted[0])),
        fingerprints: counted.map((c) => c.fingerprint),
      });
    }
    if (!failOnDangerous && dangerous.length) {
      findings.push({
        rule: 'dangerous-change-in-existing-major',
        level: 'warning',
        endpoint,
        major,
        message: `${plural(dangerous.length, 'dangerous change')} in major v${major} of ${endpoint} — review ${dangerous.length === 1 ? 'it' : 'them'} against its callers`,
        fix: `if one does break callers, move it to a new major (\`contractguard new-version ${endpoint}\`); set \`failOn: dangerous\` in contractguard.yaml to make such changes fail the check`,
        ...withPosition(positionOf(dangerous[0])),
        fingerprints: dangerous.map((c) => c.fingerprint),
      });
    }
  }
  return findings;
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
    const bumped = `${before.major}.${before.minor + 1}.0`;
    if (compareSemver(after, before) < 0) {
      findings.push({
        rule: 'version-decreased',
        level: 'error',
        endpoint,
        major,
        message: `the version of ${endpoint} v${major} went backwards, from ${report.baseVersion} to ${report.headVersion}`,
        fix: `set \`version: ${report.kind === 'changed' ? bumped : report.baseVersion}\` in ${head.file}`,
        ...position(),
      });
      continue;
    }
    const changed = report.changes.filter((c) => isContractChange(c) && c.severity !== 'none');
    if (!changed.length || after.minor > before.minor || ctx.policy.requireMinorBump === 'off') continue;
    const now =
      compareSemver(after, before) === 0
        ? `its version is still ${report.headVersion}`
        : `its version only went from ${report.baseVersion} to ${report.headVersion} (a patch bump)`;
    findings.push({
      rule: 'minor-bump-missing',
      level: ctx.policy.requireMinorBump,
      endpoint,
      major,
      message: `the contract of ${endpoint} v${major} changed but ${now} — bump version to ${bumped}`,
      fix: `set \`version: ${bumped}\` in ${head.file}`,
      ...position(),
      fingerprints: changed.map((c) => c.fingerprint),
    });
  }
  return findings;
}

/** Spreads a position into a finding only when it is known. */
export function withPosition(position: Finding['position']): Pick<Finding, 'position'> {
  return position ? { position } : {};
}
