/**
 * The one registry of policy findings: every kind of finding the policy raises, with its id, level, when it
 * fires and how to fix it. Policy modules build findings through `finding(FINDINGS.x, …)`, never from a
 * string literal; docs/policy.md's table is generated from here. Adding a finding: an entry here, the check
 * or modifier that raises it, a test that names its id, then `npm run docs`.
 */
import type { Finding, FindingLevel } from './types.js';

export interface FindingKind {
  /** Kebab-case, stable: reports, SARIF and annotations show it; distinct from every rule id. */
  id: string;
  /** The level it is raised at. */
  level: FindingLevel;
  /** How the policy changes that level, when it does (for the docs). */
  levelNote?: string;
  /** When it fires (for the docs). */
  when: string;
  /** How to fix it in general (for the docs); each finding carries its own, specific fix. */
  fix?: string;
}

export const FINDINGS = {
  invalidContractFile: {
    id: 'invalid-contract-file',
    level: 'error',
    when: 'a file in the head tree does not parse or validate, a `$ref` dangles, a major does not match its folder (one finding per problem)',
    fix: 'correct the file at the position given; versions it defines cannot be judged until it loads',
  },
  breakingChangeInExistingMajor: {
    id: 'breaking-change-in-existing-major',
    level: 'error',
    levelNote: 'warning with `failOn: never`',
    when: 'a major present in base and head has breaking changes (with `failOn: dangerous`, dangerous ones too); **one finding per major**, listing every fingerprint',
    fix: "`contractguard new-version <endpoint> --move --base <base>` moves the changes to the next major and restores this one (or move them to the major added in the same PR); in a major deprecated before the PR, revert them; or make the change additive; or get it approved. The fix names what an approval alone leaves failing (a version bump, consumers' fixtures)",
  },
  dangerousChangeInExistingMajor: {
    id: 'dangerous-change-in-existing-major',
    level: 'warning',
    when: 'a major present in base and head has dangerous changes and `failOn` is not `dangerous`',
    fix: "review each change against the major's callers; move it to a new major if it does break them",
  },
  minorBumpMissing: {
    id: 'minor-bump-missing',
    level: 'error',
    levelNote: '`requireMinorBump: warning` makes it a warning, `off` turns it off',
    when: "a major's contract changed (any change outside `meta` that is not `none`) but its minor did not go up; a patch bump is not enough. Reported beside a breaking change of the same major too, so an approval never reveals it later",
    fix: 'set the version the message names (`3.2.0` → `3.3.0`); when only breaking changes call for it, the fix says moving them to a new major makes the bump unnecessary',
  },
  versionDecreased: {
    id: 'version-decreased',
    level: 'error',
    when: '`version:` of a major went backwards',
    fix: 'restore at least the base version',
  },
  deprecationMissing: {
    id: 'deprecation-missing',
    level: 'warning',
    when: 'a new major was added and the major below it (in head, not retired) has no deprecation date',
    fix: 'add `deprecation: { date, replacement }` at least `deprecationWindowDays` out; the fix names the earliest date',
  },
  deprecationTooSoon: {
    id: 'deprecation-too-soon',
    level: 'warning',
    when: "that major's deprecation date, or a deprecation date added or moved earlier in this PR, is less than `deprecationWindowDays` away",
    fix: 'move the date to the one the fix names, or later',
  },
  majorRemovedWithConsumers: {
    id: 'major-removed-with-consumers',
    level: 'error',
    when: 'a major is removed (or set to `retired`) while a consumer registered in head or base still `uses` it',
    fix: 'move the consumers to the replacement major first, or keep the major',
  },
  majorRemovedBeforeDeprecation: {
    id: 'major-removed-before-deprecation',
    level: 'warning',
    when: 'a major is removed or retired with no registered consumers, but before its deprecation date or without one',
    fix: 'keep it until the date; or deprecate it first',
  },
  majorRemovedAfterDeprecation: {
    id: 'major-removed-after-deprecation',
    level: 'notice',
    when: 'a major is removed or retired after its deprecation date and no registered consumer uses it: allowed',
  },
  aliasInvalid: {
    id: 'alias-invalid',
    level: 'error',
    when: 'an alias in `endpoint.yaml` points at a major that does not exist in head or is retired',
    fix: 'point it at a live major (the fix lists them)',
  },
  breakingChangeApproved: {
    id: 'breaking-change-approved',
    level: 'notice',
    when: 'a `breaking-change-in-existing-major` or `major-removed-with-consumers` finding whose fingerprints are **all** covered by approvals',
  },
  approvalUnmatched: {
    id: 'approval-unmatched',
    level: 'notice',
    when: 'an approval names a fingerprint no change in this diff has (the change moved or went away)',
    fix: 'approve the current fingerprint if the change still needs it',
  },
  approvalNotCounted: {
    id: 'approval-not-counted',
    level: 'warning',
    when: 'a front end refused an approval (say, the approve label from someone who may not approve); the message says who tried and why',
    fix: "have an admin or maintainer, an approver listed in base's `contractguard.yaml` or the owner approve",
  },
  consumerContractBroken: {
    id: 'consumer-contract-broken',
    level: 'error',
    when: "a registered consumer's request/response fixture is no longer valid against head, or its `expects` is no longer guaranteed by the head output (the same checks as `contractguard check`)",
    fix: "when this PR changed the side of the major the consumer relies on: move the change to a new major, or update the consumer's fixtures and `expects` in the same PR; otherwise fix the consumer's file at the line given (the message says what it expects that the contract does not promise). An approval does not lift it",
  },
  ruleOverrideUnknown: {
    id: 'rule-override-unknown',
    level: 'warning',
    when: "`rules:` in head's `contractguard.yaml` names an id that is neither a schema rule nor a contract rule, so its override changes nothing",
    fix: 'use an id from [rules.md](rules.md) (the fix suggests the closest one)',
  },
  ruleOverrideWrongSide: {
    id: 'rule-override-wrong-side',
    level: 'warning',
    when: '`rules:` overrides a contract rule on the side it is not judged on (each contract rule reads one side, `input` or `output`), so that override changes nothing',
    fix: 'override it on the side [rules.md](rules.md) gives it',
  },
  policyChanged: {
    id: 'policy-changed',
    level: 'error',
    when: "the PR changes a setting of `contractguard.yaml` (`failOn`, `rules`, `approvers`, …): the PR is judged by base's policy and the change takes effect after merge; one finding per setting",
    fix: "an admin or maintainer of the repository, or an approver listed in base's `contractguard.yaml`, approves that change (an endpoint's owner cannot)",
  },
  approvalLedgerTampered: {
    id: 'approval-ledger-tampered',
    level: 'warning',
    when: "the approval state in the bot's sticky comment does not carry the bot's valid seal (someone edited it, pasted it or copied it from another PR): it is ignored, and so are the approvals it claims",
    fix: "approve again (`/contractguard approve <fingerprint>`); whoever edits the bot's comment cannot approve anything",
  },
} as const satisfies Record<string, FindingKind>;

/** Every kind, in the order of the docs table. */
export const FINDING_KINDS: readonly FindingKind[] = Object.values(FINDINGS);

/** A finding of a registered kind, at the kind's level unless the policy decides another. */
export function finding(
  kind: FindingKind,
  body: Omit<Finding, 'rule' | 'level'> & { level?: FindingLevel },
): Finding {
  return { rule: kind.id, level: kind.level, ...body };
}
