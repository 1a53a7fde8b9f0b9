/**
 * The wording and reading of a `TreeReport` that every report format shares (src/report/*): which changes block
 * the PR, the one-line verdict, version titles, where a change is shown. Formats only lay these out.
 */

import type { Severity } from '../diff/types.js';
import type { TreeProblem, UnreadablePart } from '../model/types.js';
import { unreadableName } from '../model/unreadable.js';
import { mentionsField } from '../model/validate.js';
import { APPROVABLE, type ApprovalCoverage, approvalCoverage } from '../policy/approvals.js';
import { FINDINGS } from '../policy/findings.js';
import { stableId } from '../tree/fingerprint.js';
import type { AliasMove, Migration, TreeChange, VersionChangeKind, VersionReport } from '../tree/types.js';
import type { TreeReport } from '../check/types.js';
import type { Approval, Finding } from '../policy/types.js';
import { countSummary, displayPointer, groupBySeverity } from './paths.js';

/**
 * What the policy made of a change: `blocking` when an error finding about breaking someone names it (by
 * fingerprint; the findings an approval could lift, `APPROVABLE`, e.g. `breaking-change-in-existing-major`) and
 * no approval covers it; `approved` when an approval covers it; `allowed` otherwise (additive, in a new major,
 * below the policy's `failOn`, or named only by other errors such as `minor-bump-missing`, which the report
 * shows as errors of their own).
 */
export type ChangeStatus = 'blocking' | 'approved' | 'allowed';

/** Reads a report once: statuses, the error findings, problems not already told as findings. */
export interface ReportView {
  report: TreeReport;
  /** Versions by endpoint, then major (so output does not depend on how the tree was walked). */
  versions: VersionReport[];
  changes: TreeChange[];
  status(change: TreeChange): ChangeStatus;
  /** The error finding that makes a change blocking (see `ChangeStatus`), for its fix. */
  blockingFinding(change: TreeChange): Finding | undefined;
  /** Findings by level, without the error findings that only repeat a head-tree problem. */
  errors: Finding[];
  warnings: Finding[];
  notices: Finding[];
}

export function viewReport(report: TreeReport): ReportView {
  const versions = [...report.versions].sort(
    (a, b) => compareText(a.endpoint, b.endpoint) || a.major - b.major,
  );
  const errorFindingOf = new Map<string, Finding>();
  for (const f of report.findings) {
    if (f.level !== 'error' || !APPROVABLE.has(f.rule)) continue;
    for (const fp of f.fingerprints ?? []) if (!errorFindingOf.has(fp)) errorFindingOf.set(fp, f);
  }
  const blockingFinding = (c: TreeChange): Finding | undefined =>
    c.approvedBy === undefined ? errorFindingOf.get(c.fingerprint) : undefined;
  return {
    report,
    versions,
    changes: versions.flatMap((v) => v.changes),
    status: (c) => (c.approvedBy !== undefined ? 'approved' : blockingFinding(c) ? 'blocking' : 'allowed'),
    blockingFinding,
    errors: report.findings.filter(
      (f) => f.level === 'error' && !report.problems.some((p) => findingRepeatsProblem(f, p)),
    ),
    warnings: report.findings.filter((f) => f.level === 'warning'),
    notices: report.findings.filter((f) => f.level === 'notice'),
  };
}

/** Each head-tree problem is also an error finding; this tells them apart so a problem is shown once. */
export function findingRepeatsProblem(f: Finding, p: TreeProblem): boolean {
  if (f.level !== 'error' || !f.message.includes(p.message)) return false;
  if (f.position === undefined) return true;
  return f.position.file === p.file && (p.line === undefined || f.position.line === p.line);
}

export type Outcome = 'failed' | 'attention' | 'passed';

/** The one-line verdict, without an icon: what decides the check, then the counts. */
export interface Headline {
  outcome: Outcome;
  text: string;
}

export function headline(view: ReportView): Headline {
  const { report, changes } = view;
  const meaningful = changes.filter((c) => c.severity !== 'none');
  const counts = countSummary(meaningful);
  if (!report.passed) {
    const blocking = changes.filter((c) => view.status(c) === 'blocking');
    const reasons: string[] = [];
    if (blocking.length > 0) {
      const worst = groupBySeverity(blocking)[0]?.severity ?? 'breaking';
      const where = unique(blocking.map((c) => `${c.endpoint} v${c.major}`));
      reasons.push(`${worst} ${blocking.length === 1 ? 'change' : 'changes'} in ${listOf(where)}`);
    }
    const told = new Set(blocking.map((c) => view.blockingFinding(c)));
    const policyErrors = view.errors.filter((f) => !told.has(f));
    if (policyErrors.length > 0) {
      const more = blocking.length > 0 ? 'more ' : '';
      reasons.push(plural(policyErrors.length, `${more}policy error`, `${more}policy errors`));
    }
    const loose = looseProblems(report);
    if (loose.length > 0) {
      reasons.push(plural(loose.length, 'problem in the head tree', 'problems in the head tree'));
    }
    // What cannot be read decides first: its changes are unknown, so never "no contract changes".
    const unreadable = unique((report.unreadable ?? []).map(unreadableName));
    if (unreadable.length > 0) reasons.unshift(`${listOf(unreadable)} cannot be read`);
    if (reasons.length === 0) reasons.push('the policy failed');
    const rest = report.rootAdded
      ? `contracts added (${counts || 'no majors'})`
      : counts || (unreadable.length > 0 ? 'nothing else changed' : 'no contract changes');
    return { outcome: 'failed', text: `${reasons.join(', ')} — ${rest}` };
  }
  if (report.rootAdded) {
    const added = report.versions.filter((v) => v.kind === 'added');
    const endpoints = unique(added.map((v) => v.endpoint)).length;
    return {
      outcome: 'passed',
      text: `contracts added: ${plural(endpoints, 'endpoint', 'endpoints')}, ${plural(added.length, 'major', 'majors')} (${report.base} has none)`,
    };
  }
  const parts: string[] = [];
  const approved = meaningful.filter(
    (c) => view.status(c) === 'approved' && isBreakingOrDangerous(c.severity),
  );
  if (approved.length > 0) {
    const worst = groupBySeverity(approved)[0]?.severity ?? 'breaking';
    const by = listOf(unique(approved.map((c) => mention(c.approvedBy ?? ''))));
    parts.push(`${worst} ${approved.length === 1 ? 'change' : 'changes'} approved by ${by}`);
  }
  const open = meaningful.filter((c) => view.status(c) === 'allowed' && isBreakingOrDangerous(c.severity));
  const openBreaking = open.filter((c) => c.severity === 'breaking').length;
  const openDangerous = open.length - openBreaking;
  if (openBreaking > 0) {
    parts.push(`${plural(openBreaking, 'breaking change', 'breaking changes')} the policy does not block`);
  }
  if (openDangerous > 0) {
    parts.push(`${plural(openDangerous, 'dangerous change', 'dangerous changes')} to check by hand`);
  }
  if (parts.length > 0) {
    return {
      outcome: open.length > 0 ? 'attention' : 'passed',
      text: `passed: ${parts.join(', ')} (${counts})`,
    };
  }
  if (meaningful.length === 0) {
    const none = changes.length;
    return {
      outcome: 'passed',
      text: none === 0 ? 'no contract changes' : `no changes in meaning (${countSummary(changes)})`,
    };
  }
  return { outcome: 'passed', text: `no breaking changes (${counts})` };
}

/** `sync-customers v3 (3.2.0 → 3.3.0)`, `sync-customers v4 (new, 4.0.0)`, `sync-customers v2 (removed, was 2.5.1)`. */
export function versionTitle(v: VersionReport): string {
  const name = `${v.endpoint} v${v.major}`;
  const { baseVersion: from, headVersion: to } = v;
  switch (v.kind) {
    case 'added':
      return to === undefined ? `${name} (new)` : `${name} (new, ${to})`;
    case 'removed':
      return from === undefined ? `${name} (removed)` : `${name} (removed, was ${from})`;
    default:
      if (from !== undefined && to !== undefined)
        return from === to ? `${name} (${to})` : `${name} (${from} → ${to})`;
      return from !== undefined || to !== undefined ? `${name} (${to ?? from})` : name;
  }
}

/** What to say under a version's title when it has no changes to list. */
export function versionNote(kind: VersionChangeKind): string {
  switch (kind) {
    case 'added':
      return 'New major version.';
    case 'removed':
      return 'Major version removed.';
    case 'changed':
      return 'No changes to the contract besides its version.';
    case 'unchanged':
      return 'Unchanged.';
  }
}

/**
 * Once per version block whose head contract has no output schema: output changes were not checked.
 * Undefined when it has one.
 */
export function outputNote(v: VersionReport): string | undefined {
  switch (v.noOutputSchema) {
    case undefined:
      return undefined;
    case 'windmill':
      return 'Output not checked: no output schema (Windmill scripts declare none).';
    case 'contract':
      return 'Output not checked: no output schema (`output: true`).';
  }
}

/**
 * The lead of a new major's migration block: `What changes for callers moving from v3 to v4 (1 breaking,
 * 2 additive):`, or that they meet no change in meaning.
 */
export function migrationLead(major: number, m: Migration): string {
  if (m.changes.length === 0)
    return `Callers moving from v${m.from} to v${major} meet no change in meaning: only the route changes.`;
  return `What changes for callers moving from v${m.from} to v${major} (${countSummary(m.changes)}):`;
}

/**
 * Who has to move and by when: `Consumers of v3 that must move to v4 by 2027-03-06: retool-ops-dashboard
 * (@acme/ops), nightly-export (@acme/data).`
 */
export function migrationMovers(major: number, m: Migration): string {
  const by = m.deadline === undefined ? ` (v${m.from} has no deprecation date yet)` : ` by ${m.deadline}`;
  if (m.consumers === undefined || m.consumers.length === 0) {
    return `No registered consumer uses v${m.from}${m.deadline === undefined ? '' : `; unregistered callers have until ${m.deadline}`}.`;
  }
  const who = m.consumers.map((k) => `${k.name} (${mention(k.owner)})`).join(', ');
  return `Consumers of v${m.from} that must move to v${major}${by}: ${who}.`;
}

/** `` `prod` of sync-customers: v3 → v4 `` (a new alias has no `from`, a removed one no `to`). */
export function aliasMoveText(m: AliasMove): string {
  const alias = `\`${m.alias}\` of ${m.endpoint}`;
  if (m.from === undefined) return `${alias} added: → v${m.to ?? '?'}`;
  if (m.to === undefined) return `${alias} removed (was v${m.from})`;
  return `${alias}: v${m.from} → v${m.to}`;
}

/** "@alice approved all breaking changes: reason", naming the change when the approval is for one. */
export function approvalText(a: Approval, view: ReportView): string {
  let what: string;
  if (a.fingerprint === 'all') what = 'all breaking changes';
  else {
    const c = view.changes.find((x) => x.fingerprint === a.fingerprint);
    what =
      c === undefined
        ? `change \`${a.fingerprint}\` (not in this report)`
        : `\`${c.rule}\` in ${c.endpoint} v${c.major} (${changePlace(c)})`;
  }
  return `${mention(a.by)} approved ${what}${a.reason === undefined ? '' : `: ${a.reason}`}`;
}

/**
 * Where a change is, without a file position: the schema and pointer (`output /properties/status`), or the
 * pointer into contract.yaml for the other areas (`contract.yaml /operational/timeoutMs`).
 */
export function changePlace(c: TreeChange): string {
  if (c.area === 'input' || c.area === 'output') return `${c.area} ${displayPointer(c.path)}`;
  return c.path === '' ? 'contract.yaml' : `contract.yaml ${c.path}`;
}

/** A problem's message, naming the field when it is about one. */
/** "sync-customers v3 cannot be read": the title over the problems that keep it from loading. */
export function unreadableTitle(part: UnreadablePart): string {
  const what = part.major === undefined ? 'none of its majors is compared' : 'its changes are not compared';
  return `${unreadableName(part)} cannot be read — fix this first; until then ${what}`;
}

/** Head-tree problems that are not already told under an unreadable endpoint or major. */
export function looseProblems(report: TreeReport): TreeProblem[] {
  const told = (report.unreadable ?? []).flatMap((part) => part.problems);
  return report.problems.filter(
    (p) =>
      !told.some(
        (t) => t.file === p.file && t.line === p.line && t.column === p.column && t.message === p.message,
      ),
  );
}

export function problemText(p: TreeProblem): string {
  return p.field === undefined || mentionsField(p.message, p.field)
    ? p.message
    : `${p.message} (field \`${p.field}\`)`;
}

/** A GitHub login or team as written in a comment: `@alice`, `@acme/crm-team`. */
export function mention(by: string): string {
  return by.startsWith('@') ? by : `@${by}`;
}

/** `file:line:col`, leaving out what is unknown. */
export function positionLabel(p: { file: string; line?: number; column?: number }): string {
  if (p.line === undefined) return p.file;
  return p.column === undefined ? `${p.file}:${p.line}` : `${p.file}:${p.line}:${p.column}`;
}

/** A place in the head tree to attach a message to (annotations, SARIF). */
export interface Anchor {
  file: string;
  line: number;
  column?: number;
  /** Said with the message when the anchor is not exactly where the change is. */
  note?: string;
}

/**
 * Where to show a change in head: its position; for a removal (a base position) the same file at line 1,
 * noting the line in base; without a position, the version's contract.yaml.
 */
export function changeAnchor(report: TreeReport, c: TreeChange): Anchor {
  const p = c.position;
  if (p === undefined) {
    return {
      file: contractFile(report.root, c.endpoint, c.major),
      line: 1,
      note: changePlace(c),
    };
  }
  if (p.side === 'base')
    return { file: p.file, line: 1, note: `removed; it was at line ${p.line} in ${report.base}` };
  return { file: p.file, line: p.line, column: p.column };
}

/** Where to show a finding: its position, else the contract or endpoint file it is about, else nowhere. */
export function findingAnchor(report: TreeReport, f: Finding): Anchor | undefined {
  if (f.position !== undefined)
    return { file: f.position.file, line: f.position.line, column: f.position.column };
  if (f.endpoint === undefined) return undefined;
  const file =
    f.major === undefined
      ? joinPath(report.root, f.endpoint, 'endpoint.yaml')
      : contractFile(report.root, f.endpoint, f.major);
  return { file, line: 1 };
}

/** `<root>/<endpoint>/v<major>/contract.yaml` (DESIGN §1). */
export function contractFile(root: string, endpoint: string, major: number): string {
  return joinPath(root, endpoint, `v${major}`, 'contract.yaml');
}

function joinPath(root: string, ...parts: string[]): string {
  const base = root.replace(/^\.\/?/, '').replace(/\/+$/, '');
  return [...(base === '' ? [] : [base]), ...parts].join('/');
}

/** How loud a located message is (SARIF's levels; annotations call `error` `failure`). */
export type MessageLevel = 'error' | 'warning' | 'note';

/**
 * A change as a located message: blocking → error; other breaking and dangerous changes → warning; additive
 * and approved → note; changes without effect on meaning are not reported (undefined).
 */
export function changeLevel(view: ReportView, c: TreeChange): MessageLevel | undefined {
  if (c.severity === 'none') return undefined;
  const status = view.status(c);
  if (status === 'blocking') return 'error';
  if (status === 'approved' || c.severity === 'additive') return 'note';
  return 'warning';
}

export const FINDING_LEVEL: Record<Finding['level'], MessageLevel> = {
  error: 'error',
  warning: 'warning',
  notice: 'note',
};

/**
 * A change's message where it stands alone (annotations, SARIF): the sentence, who approved it, the fix of
 * the finding that blocks it, and what the anchor does not show (a removal's line in base).
 */
export function changeMessage(view: ReportView, c: TreeChange, anchor: Anchor): string {
  const parts = [c.message];
  if (c.approvedBy !== undefined) parts.push(`Approved by ${mention(c.approvedBy)}`);
  const fix = view.blockingFinding(c)?.fix;
  if (fix !== undefined) parts.push(`Fix: ${fix}`);
  const text = sentences(parts);
  return anchor.note === undefined ? text : `${text} (${anchor.note})`;
}

/** A finding's message with its fix, for formats without layout. */
export function findingMessage(f: Finding): string {
  return sentences(f.fix === undefined ? [f.message] : [f.message, `Fix: ${f.fix}`]);
}

/**
 * Joins messages into one line of sentences. Policy messages are often fragments without a full stop
 * ("sync-customers v3 needs a deprecation date"); each part gets one unless it ends in punctuation already.
 */
export function sentences(parts: readonly string[]): string {
  return parts
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => (/[.!?…]$/.test(p) ? p : `${p.replace(/[:;,]$/, '')}.`))
    .join(' ');
}

/** "Breaking change in sync-customers v3 (output): enum-value-added": a title for an annotation. */
export function changeTitle(view: ReportView, c: TreeChange): string {
  const status = view.status(c);
  const what = `${capitalize(c.severity)} change in ${c.endpoint} v${c.major} (${c.area})`;
  return `${what}${status === 'allowed' ? '' : `, ${status}`}: ${c.rule}`;
}

/**
 * The head-tree problems and the findings, as located messages: a problem takes the rule of the error finding
 * that repeats it (or `tree-problem`) and that finding is not reported again.
 */
export function problemRule(view: ReportView, p: TreeProblem): string {
  return view.report.findings.find((f) => findingRepeatsProblem(f, p))?.rule ?? 'tree-problem';
}

/**
 * A stable identity for a finding or problem (code scanning and check runs match results across commits by
 * it): what it is about — its rule, endpoint, major, file and the changes it covers — never its line or its
 * message, so rewording a sentence does not reopen an alert.
 */
export function findingFingerprint(f: Finding): string {
  const changes = [...(f.fingerprints ?? [])].sort().join(',');
  return stableId('contractguard-finding-v1', [
    f.rule,
    f.endpoint ?? '',
    String(f.major ?? ''),
    f.position?.file ?? '',
    changes,
  ]);
}

export function problemFingerprint(p: TreeProblem): string {
  return stableId('contractguard-problem-v1', [p.file, p.field ?? '']);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function isBreakingOrDangerous(s: Severity): boolean {
  return s === 'breaking' || s === 'dangerous';
}

/** "1 change" / "2 changes". */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "a", "a and b", "a, b and c", "a, b, c and 2 more". */
export function listOf(items: readonly string[], max = 3): string {
  if (items.length <= 1) return items[0] ?? '';
  if (items.length > max) return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

/** Code-unit order, the same on every machine (unlike `localeCompare`). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `retool-ops-dashboard (@acme/ops), nightly-reconcile (@acme/data-platform)`: the consumers a change breaks. */
export function brokenConsumers(c: TreeChange): string | undefined {
  if (c.consumers === undefined || c.consumers.length === 0) return undefined;
  return c.consumers.map((k) => `${k.name} (${mention(k.owner)})`).join(', ');
}

/**
 * The consumers beside a change, with what the change does to them: a breaking change `breaks` them, a
 * dangerous one is `read by` them (they read what changed; whether it breaks them is to check). Undefined
 * for other changes and when none is registered.
 */
export function consumersNote(c: TreeChange): string | undefined {
  const who = brokenConsumers(c);
  if (who === undefined) return undefined;
  if (c.severity === 'breaking') return `breaks: ${who}`;
  if (c.severity === 'dangerous') return `read by: ${who}`;
  return undefined;
}

/**
 * One endpoint major as the comment shows it: its changes, the findings about it, and the one fix. The
 * `lead` finding's fix is the block's fix: the breaking change's when there is one, whose fix already names
 * the version bump and the consumers' fixtures it needs too (policy `waysOut`), so those are `covered` and
 * shown without a fix of their own.
 */
export interface VersionBlock {
  version: VersionReport;
  outcome: Outcome | 'quiet';
  /** The errors about this major, `lead` first, consumer problems last. */
  errors: Finding[];
  lead: Finding | undefined;
  covered: ReadonlySet<Finding>;
  /** `consumer-contract-broken` errors of this major: the consumers' fixtures (and `expects`) that fail. */
  consumers: Finding[];
  warnings: Finding[];
  notices: Finding[];
}

export interface Blocks {
  /**
   * Failing blocks first, then those to look at, then the rest; within each, majors with something to read
   * before those with only changes without effect; then by endpoint and major.
   */
  blocks: VersionBlock[];
  /** Versions with no change and nothing said about them. */
  unchanged: VersionReport[];
  /** Findings about no single major (the policy, an endpoint's aliases): shown on their own. */
  errors: Finding[];
  warnings: Finding[];
  notices: Finding[];
}

const LEAD_RULES: readonly string[] = [
  FINDINGS.breakingChangeInExistingMajor.id,
  FINDINGS.majorRemovedWithConsumers.id,
  FINDINGS.versionDecreased.id,
];
const OUTCOME_ORDER = ['failed', 'attention', 'passed', 'quiet'] as const;

/** The report as one block per endpoint major (see `VersionBlock`). */
export function versionBlocks(view: ReportView): Blocks {
  const key = (endpoint: string | undefined, major: number | undefined) =>
    `${endpoint ?? ''}\u0000${major ?? ''}`;
  const known = new Set(view.versions.map((v) => key(v.endpoint, v.major)));
  const ofBlock = (f: Finding) =>
    f.endpoint !== undefined && f.major !== undefined && known.has(key(f.endpoint, f.major));
  const rest = {
    errors: view.errors.filter((f) => !ofBlock(f)),
    warnings: view.warnings.filter((f) => !ofBlock(f)),
    notices: view.notices.filter((f) => !ofBlock(f)),
  };
  const blocks: VersionBlock[] = [];
  const unchanged: VersionReport[] = [];
  for (const v of view.versions) {
    const mine = (fs: Finding[]) =>
      fs.filter((f) => ofBlock(f) && key(f.endpoint, f.major) === key(v.endpoint, v.major));
    const all = mine(view.errors);
    const warnings = mine(view.warnings);
    const notices = mine(view.notices);
    if (v.kind === 'unchanged' && all.length + warnings.length + notices.length === 0) {
      unchanged.push(v);
      continue;
    }
    const consumers = all.filter((f) => f.rule === FINDINGS.consumerContractBroken.id);
    const others = all.filter((f) => f.rule !== FINDINGS.consumerContractBroken.id);
    const rank = (f: Finding) => {
      const i = LEAD_RULES.indexOf(f.rule);
      return i < 0 ? LEAD_RULES.length : i;
    };
    const ordered = [...others].sort((a, b) => rank(a) - rank(b));
    const lead = ordered[0] ?? consumers[0];
    const covered = new Set<Finding>();
    if (lead?.rule === FINDINGS.breakingChangeInExistingMajor.id) {
      for (const f of all)
        if (f.rule === FINDINGS.minorBumpMissing.id || f.rule === FINDINGS.consumerContractBroken.id)
          covered.add(f);
    }
    const open = v.changes.some(
      (c) => view.status(c) === 'allowed' && (c.severity === 'breaking' || c.severity === 'dangerous'),
    );
    const outcome =
      all.length > 0
        ? 'failed'
        : warnings.length > 0 || open
          ? 'attention'
          : v.changes.some((c) => view.status(c) === 'approved')
            ? 'passed'
            : 'quiet';
    blocks.push({
      version: v,
      outcome,
      errors: [...ordered, ...consumers],
      lead,
      covered,
      consumers,
      warnings,
      notices,
    });
  }
  // Within an outcome, majors with something to read (a change in meaning, a migration, a finding) first.
  const quietness = (b: VersionBlock): number =>
    b.version.changes.some((c) => c.severity !== 'none') ||
    b.version.migration !== undefined ||
    b.errors.length + b.warnings.length + b.notices.length > 0
      ? 0
      : 1;
  blocks.sort(
    (a, b) =>
      OUTCOME_ORDER.indexOf(a.outcome) - OUTCOME_ORDER.indexOf(b.outcome) ||
      quietness(a) - quietness(b) ||
      compareText(a.version.endpoint, b.version.endpoint) ||
      a.version.major - b.version.major,
  );
  return { blocks, unchanged, ...rest };
}

/**
 * `3 consumer fixtures fail against this version: retool-ops-dashboard (2), slack-customer-lookup`: the
 * summary of a block's consumer problems.
 */
export function consumerProblemsTitle(consumers: readonly Finding[]): string {
  const byName = new Map<string, number>();
  for (const f of consumers) {
    const name = consumerOf(f);
    byName.set(name, (byName.get(name) ?? 0) + 1);
  }
  const who = [...byName].map(([name, n]) => (n === 1 ? name : `${name} (${n})`));
  const what = plural(consumers.length, 'consumer fixture fails', 'consumer fixtures fail');
  return `${what} against this version: ${listOf(who, 5)}`;
}

/** The consumer a `consumer-contract-broken` finding is about, read from its file's folder or its message. */
function consumerOf(f: Finding): string {
  const file = f.position?.file ?? '';
  const folder = /\/fixtures\/([^/]+)\//.exec(file)?.[1];
  if (folder !== undefined) return folder;
  const named = /\bof ([\w.-]+)/.exec(f.message)?.[1];
  return named ?? (file.split('/').at(-1) ?? 'a consumer').replace(/\.ya?ml$/, '');
}

/** For each approval, what it covers and what still blocks after it (src/policy/approvals.ts). */
export function coverageOf(view: ReportView): ApprovalCoverage[] {
  const { report } = view;
  return approvalCoverage(report.approvals, view.versions, report.findings);
}

/** `` covers 1 change: `abc123def456` (sync-customers v3, input `/required`) ``, or that it covers none. */
export function coversText(cov: ApprovalCoverage, view: ReportView, max = 5): string {
  if (cov.covers.length === 0) return 'covers no change in this report';
  // A named approval already says which change: only its fingerprint is left to show.
  if (cov.covers.length === 1 && cov.covers[0] === cov.approval.fingerprint)
    return `covers \`${cov.approval.fingerprint}\``;
  const shown = cov.covers.slice(0, max).map((fp) => {
    const c = view.changes.find((x) => x.fingerprint === fp);
    return c === undefined
      ? `\`${fp}\` (policy change)`
      : `\`${fp}\` (${c.endpoint} v${c.major}, ${changePlace(c)})`;
  });
  const more = cov.covers.length > max ? ` and ${cov.covers.length - max} more` : '';
  return `covers ${plural(cov.covers.length, 'change', 'changes')}: ${shown.join(', ')}${more}`;
}

/**
 * What still blocks after an approval, as a sentence: `Still blocking: the contract of sync-customers v3
 * changed but … — bump version to 3.3.0; 3 consumer fixtures fail (retool-ops-dashboard, …).`, or that
 * nothing else blocks where it applies.
 */
export function stillBlockingText(cov: ApprovalCoverage, view: ReportView): string {
  if (cov.covers.length === 0) return '';
  const consumers = cov.stillBlocking.filter((f) => f.rule === FINDINGS.consumerContractBroken.id);
  const parts = cov.stillBlocking
    .filter((f) => f.rule !== FINDINGS.consumerContractBroken.id)
    .map((f) => f.message.replace(/\.$/, ''));
  if (consumers.length > 0) {
    const names = unique(consumers.map(consumerOf));
    parts.push(
      `${plural(consumers.length, 'consumer fixture fails', 'consumer fixtures fail')} (${listOf(names, 5)}): no approval lifts ${consumers.length === 1 ? 'it' : 'them'}`,
    );
  }
  const where = unique(
    cov.covers.flatMap((fp) => {
      const c = view.changes.find((x) => x.fingerprint === fp);
      return c === undefined ? ['the policy'] : [`${c.endpoint} v${c.major}`];
    }),
  );
  if (parts.length === 0) return `Nothing else blocks ${listOf(where)}.`;
  return `Still blocking after it: ${parts.join('; ')}.`;
}

/**
 * `@acme/ops (retool-ops-dashboard), @acme/data-platform (events-warehouse, nightly-reconcile)`: the owners of
 * every consumer a change of the report breaks, each once, in order of first appearance; undefined when none.
 */
export function affectedOwners(report: TreeReport): string | undefined {
  const byOwner = new Map<string, Set<string>>();
  for (const version of report.versions) {
    for (const change of version.changes) {
      for (const k of change.consumers ?? []) {
        const owner = mention(k.owner);
        let names = byOwner.get(owner);
        if (names === undefined) byOwner.set(owner, (names = new Set()));
        names.add(k.name);
      }
    }
  }
  if (byOwner.size === 0) return undefined;
  return [...byOwner].map(([owner, names]) => `${owner} (${[...names].sort().join(', ')})`).join(', ');
}
