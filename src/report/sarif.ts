/**
 * The tree report as SARIF 2.1.0, for GitHub code scanning (`github/codeql-action/upload-sarif`) and other
 * SARIF viewers. One run; one result per change that matters, per finding and per head-tree problem.
 */
import { RULES_BY_ID } from '../diff/rules/index.js';
import { CONTRACT_RULES_BY_ID } from '../tree/rules/index.js';
import {
  type Anchor,
  changeAnchor,
  changeLevel,
  changeMessage,
  compareText,
  findingAnchor,
  findingFingerprint,
  FINDING_LEVEL,
  findingMessage,
  findingRepeatsProblem,
  type MessageLevel,
  problemFingerprint,
  problemRule,
  problemText,
  viewReport,
} from './view.js';
import type { TreeReport } from '../check/types.js';
import { showInvisible } from './invisible.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Where the rule documentation is published; `rules.md#<id>` and `policy.md#<id>` are appended. */

export interface SarifOptions {
  /**
   * Absolute URL of contractguard's docs folder (ending in `/`), e.g. the repository's `blob/<sha>/docs/`.
   * Without it rules carry no `helpUri` (SARIF wants an absolute URI there; we do not invent one).
   */
  docsUrl?: string;
  /** contractguard's version, as `tool.driver.version`. */
  version?: string;
}

export interface SarifMessage {
  text: string;
}

export interface SarifRule {
  id: string;
  shortDescription: SarifMessage;
  fullDescription?: SarifMessage;
  helpUri?: string;
}

export interface SarifLocation {
  physicalLocation: {
    artifactLocation: { uri: string; uriBaseId: '%SRCROOT%' };
    region: { startLine: number; startColumn?: number };
  };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: MessageLevel;
  message: SarifMessage;
  /** Absent for a finding about nothing in particular. */
  locations?: SarifLocation[];
  partialFingerprints: { 'contractguard/v1': string };
  properties?: Record<string, string | number>;
}

export interface SarifLog {
  $schema: typeof SARIF_SCHEMA;
  version: '2.1.0';
  runs: [
    {
      tool: {
        driver: { name: 'contractguard'; informationUri?: string; version?: string; rules: SarifRule[] };
      };
      columnKind: 'utf16CodeUnits';
      results: SarifResult[];
    },
  ];
}

/**
 * Results: changes (error when blocking, warning for other breaking and dangerous ones, note for additive and
 * approved ones; changes without effect are left out), findings (error, warning, note by level; an error
 * finding that repeats a head-tree problem is reported once, as the problem) and problems (error). A result
 * without a position is placed on the version's contract.yaml (or the endpoint's endpoint.yaml); a finding
 * about nothing in particular has no location.
 */
export function toSarif(report: TreeReport, opts: SarifOptions = {}): SarifLog {
  const docs = opts.docsUrl;
  const view = viewReport(report);
  const policyRules = new Set<string>();
  const pending: (Omit<SarifResult, 'ruleIndex' | 'locations'> & { at: Anchor | undefined })[] = [];

  for (const c of view.changes) {
    const level = changeLevel(view, c);
    if (level === undefined) continue;
    const at = changeAnchor(report, c);
    pending.push({
      ruleId: c.rule,
      level,
      message: { text: changeMessage(view, c, at) },
      at,
      partialFingerprints: { 'contractguard/v1': c.fingerprint },
      properties: {
        endpoint: c.endpoint,
        major: c.major,
        area: c.area,
        path: c.path,
        severity: c.severity,
        status: view.status(c),
      },
    });
  }
  for (const p of report.problems) {
    const rule = problemRule(view, p);
    policyRules.add(rule);
    pending.push({
      ruleId: rule,
      level: 'error',
      message: { text: problemText(p) },
      at: { file: p.file, line: p.line ?? 1, ...(p.column === undefined ? {} : { column: p.column }) },
      partialFingerprints: { 'contractguard/v1': problemFingerprint(p) },
    });
  }
  for (const f of report.findings) {
    if (report.problems.some((p) => findingRepeatsProblem(f, p))) continue;
    policyRules.add(f.rule);
    pending.push({
      ruleId: f.rule,
      level: FINDING_LEVEL[f.level],
      message: { text: findingMessage(f) },
      at: findingAnchor(report, f),
      partialFingerprints: { 'contractguard/v1': findingFingerprint(f) },
    });
  }

  const ids = [...new Set(pending.map((r) => r.ruleId))].sort(compareText);
  const rules = ids.map((id): SarifRule => {
    const schemaRule = RULES_BY_ID.get(id);
    const contractRule = CONTRACT_RULES_BY_ID.get(id);
    const why = schemaRule?.why ?? contractRule?.why;
    return {
      id,
      shortDescription: { text: describeId(id) },
      ...(why === undefined ? {} : { fullDescription: { text: why } }),
      ...(docs === undefined
        ? {}
        : {
            helpUri: `${docs}${helpPage(id, schemaRule ? 'schema' : policyRules.has(id) ? 'finding' : 'contract')}`,
          }),
    };
  });
  const results = pending.map(({ at, ...r }): SarifResult => ({
    ruleId: r.ruleId,
    ruleIndex: ids.indexOf(r.ruleId),
    level: r.level,
    // Shown in code scanning's UI: control and bidirectional characters as `\u202E`.
    message: { text: showInvisible(r.message.text) },
    ...(at === undefined ? {} : { locations: [location(at)] }),
    partialFingerprints: r.partialFingerprints,
    ...(r.properties === undefined ? {} : { properties: r.properties }),
  }));

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'contractguard',
            ...(docs === undefined ? {} : { informationUri: docs }),
            ...(opts.version === undefined ? {} : { version: opts.version }),
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** `--format sarif`: 2-space indent, trailing newline. */
export function renderSarif(report: TreeReport, opts: SarifOptions = {}): string {
  return `${JSON.stringify(toSarif(report, opts), null, 2)}\n`;
}

function location(at: Anchor): SarifLocation {
  return {
    physicalLocation: {
      artifactLocation: {
        uri: at.file
          .split('/')
          .map((s) => encodeURIComponent(s))
          .join('/'),
        uriBaseId: '%SRCROOT%',
      },
      region: { startLine: at.line, ...(at.column === undefined ? {} : { startColumn: at.column }) },
    },
  };
}

/**
 * Where a rule is documented: schema and contract rules in the rule catalogue (rules.md), policy findings in
 * policy.md's table of findings; each row has an anchor named by its id.
 */
function helpPage(id: string, kind: 'schema' | 'contract' | 'finding'): string {
  return `${kind === 'finding' ? 'policy.md' : 'rules.md'}#${encodeURIComponent(id)}`;
}

/** `enum-value-added` → "Enum value added". */
function describeId(id: string): string {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
