/**
 * The tree report as public JSON (`contractguard diff --format json`), described by
 * `schemas/report.schema.json`. Built key by key: the key order is stable and nothing internal leaks out.
 * Additions are compatible; removing or renaming a key raises `reportVersion`.
 */
import type { Severity } from '../diff/types.js';
import { type ChangeStatus, headline, viewReport } from './view.js';
import type { Area, TreeChange, VersionChangeKind } from '../tree/types.js';
import type { TreeReport } from '../check/types.js';
import type { FindingLevel } from '../policy/types.js';
import { counterexampleJson, type JsonCounterexample } from './counterexample.js';

export const REPORT_VERSION = 1;

export interface JsonPosition {
  file: string;
  line: number;
  column: number;
}

export interface JsonTreeChange {
  rule: string;
  severity: Severity;
  status: ChangeStatus;
  area: Area;
  path: string;
  message: string;
  fingerprint: string;
  position?: JsonPosition & { side: 'head' | 'base' };
  approvedBy?: string;
  /** The registered consumers the change breaks. */
  consumers?: { name: string; owner: string; kind: string }[];
  /** For a schema change that breaks set inclusion: an instance proving it, verified against both sides. */
  counterexample?: JsonCounterexample;
}

export interface JsonVersion {
  endpoint: string;
  major: number;
  kind: VersionChangeKind;
  baseVersion?: string;
  headVersion?: string;
  verdict: Severity;
  changes: JsonTreeChange[];
  /** For an added major: what changes for the callers who move to it, and who has to. */
  migration?: {
    from: number;
    deadline?: string;
    changes: JsonTreeChange[];
    consumers?: { name: string; owner: string; kind: string }[];
  };
}

export interface JsonFinding {
  rule: string;
  level: FindingLevel;
  endpoint?: string;
  major?: number;
  message: string;
  fix?: string;
  position?: JsonPosition;
  fingerprints?: string[];
}

export interface JsonProblem {
  file: string;
  line?: number;
  column?: number;
  field?: string;
  message: string;
}

/** Changes by severity and by status; findings by level; head-tree problems. */
export type JsonCounts = Record<
  Severity | ChangeStatus | 'errors' | 'warnings' | 'notices' | 'problems',
  number
>;

export interface JsonTreeReport {
  reportVersion: typeof REPORT_VERSION;
  passed: boolean;
  verdict: Severity;
  summary: string;
  base: string;
  head: string;
  root: string;
  counts: JsonCounts;
  versions: JsonVersion[];
  aliasMoves: { endpoint: string; alias: string; from?: number; to?: number }[];
  findings: JsonFinding[];
  problems: JsonProblem[];
  approvals: { fingerprint: string; by: string; reason?: string }[];
}

/** The public shape of a report. Versions by endpoint and major; everything else in the report's order. */
export function toTreeJson(report: TreeReport): JsonTreeReport {
  const view = viewReport(report);
  const count = <T>(items: readonly T[], test: (x: T) => boolean): number => items.filter(test).length;
  const change = (c: TreeChange): JsonTreeChange => ({
    rule: c.rule,
    severity: c.severity,
    status: view.status(c),
    area: c.area,
    path: c.path,
    message: c.message,
    fingerprint: c.fingerprint,
    ...(c.position === undefined ? {} : { position: { ...position(c.position), side: c.position.side } }),
    ...(c.approvedBy === undefined ? {} : { approvedBy: c.approvedBy }),
    ...(c.consumers === undefined || c.consumers.length === 0
      ? {}
      : { consumers: c.consumers.map((k) => ({ name: k.name, owner: k.owner, kind: k.kind })) }),
    ...(c.counterexample === undefined ? {} : { counterexample: counterexampleJson(c.counterexample) }),
  });
  return {
    reportVersion: REPORT_VERSION,
    passed: report.passed,
    verdict: report.verdict,
    summary: headline(view).text,
    base: report.base,
    head: report.head,
    root: report.root,
    counts: {
      breaking: count(view.changes, (c) => c.severity === 'breaking'),
      dangerous: count(view.changes, (c) => c.severity === 'dangerous'),
      additive: count(view.changes, (c) => c.severity === 'additive'),
      none: count(view.changes, (c) => c.severity === 'none'),
      blocking: count(view.changes, (c) => view.status(c) === 'blocking'),
      approved: count(view.changes, (c) => view.status(c) === 'approved'),
      allowed: count(view.changes, (c) => view.status(c) === 'allowed'),
      errors: count(report.findings, (f) => f.level === 'error'),
      warnings: count(report.findings, (f) => f.level === 'warning'),
      notices: count(report.findings, (f) => f.level === 'notice'),
      problems: report.problems.length,
    },
    versions: view.versions.map((v) => ({
      endpoint: v.endpoint,
      major: v.major,
      kind: v.kind,
      ...(v.baseVersion === undefined ? {} : { baseVersion: v.baseVersion }),
      ...(v.headVersion === undefined ? {} : { headVersion: v.headVersion }),
      verdict: v.verdict,
      changes: v.changes.map(change),
      ...(v.migration === undefined
        ? {}
        : {
            migration: {
              from: v.migration.from,
              ...(v.migration.deadline === undefined ? {} : { deadline: v.migration.deadline }),
              changes: v.migration.changes.map(change),
              ...(v.migration.consumers === undefined
                ? {}
                : {
                    consumers: v.migration.consumers.map((k) => ({
                      name: k.name,
                      owner: k.owner,
                      kind: k.kind,
                    })),
                  }),
            },
          }),
    })),
    aliasMoves: report.aliasMoves.map((m) => ({
      endpoint: m.endpoint,
      alias: m.alias,
      ...(m.from === undefined ? {} : { from: m.from }),
      ...(m.to === undefined ? {} : { to: m.to }),
    })),
    findings: report.findings.map((f) => ({
      rule: f.rule,
      level: f.level,
      ...(f.endpoint === undefined ? {} : { endpoint: f.endpoint }),
      ...(f.major === undefined ? {} : { major: f.major }),
      message: f.message,
      ...(f.fix === undefined ? {} : { fix: f.fix }),
      ...(f.position === undefined ? {} : { position: position(f.position) }),
      ...(f.fingerprints === undefined ? {} : { fingerprints: [...f.fingerprints] }),
    })),
    problems: report.problems.map((p) => ({
      file: p.file,
      ...(p.line === undefined ? {} : { line: p.line }),
      ...(p.column === undefined ? {} : { column: p.column }),
      ...(p.field === undefined ? {} : { field: p.field }),
      message: p.message,
    })),
    approvals: report.approvals.map((a) => ({
      fingerprint: a.fingerprint,
      by: a.by,
      ...(a.reason === undefined ? {} : { reason: a.reason }),
    })),
  };
}

function position(p: JsonPosition): JsonPosition {
  return { file: p.file, line: p.line, column: p.column };
}

/** `--format json`: 2-space indent, trailing newline. */
export function renderTreeJson(report: TreeReport): string {
  return `${JSON.stringify(toTreeJson(report), null, 2)}\n`;
}
