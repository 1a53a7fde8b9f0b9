/**
 * The tree report for a terminal. Every located line starts with `file:line:col:` (the compiler convention
 * terminals and editors turn into links); colour only when the caller says the stream takes it.
 */
import { styleText } from 'node:util';

import type { Severity } from '../diff/types.js';
import { bySeverity, oneLine } from './paths.js';
import {
  affectedOwners,
  aliasMoveText,
  approvalText,
  consumersNote,
  changePlace,
  compareText,
  coverageOf,
  coversText,
  headline,
  looseProblems,
  mention,
  migrationLead,
  migrationMovers,
  type Outcome,
  outputNote,
  positionLabel,
  problemText,
  type ReportView,
  stillBlockingText,
  versionNote,
  unreadableTitle,
  versionTitle,
  viewReport,
} from './view.js';
import type { TreeProblem } from '../model/types.js';
import type { TreeChange } from '../tree/types.js';
import type { TreeReport } from '../check/types.js';
import type { Finding, FindingLevel } from '../policy/types.js';
import { counterexampleText, noWitnessNote } from './counterexample.js';

export interface TreeTextOptions {
  /** The CLI passes `process.stdout.isTTY && !process.env.NO_COLOR`. */
  color: boolean;
}

type Style = Parameters<typeof styleText>[0];

const OUTCOME: Record<Outcome, { mark: string; style: Style }> = {
  failed: { mark: '✖', style: ['red', 'bold'] },
  attention: { mark: '⚠', style: ['yellow', 'bold'] },
  passed: { mark: '✔', style: ['green', 'bold'] },
};
const SEVERITY_STYLE: Record<Severity, Style> = {
  breaking: ['red', 'bold'],
  dangerous: 'yellow',
  additive: 'green',
  none: 'dim',
};
const LEVEL_STYLE: Record<FindingLevel, Style> = {
  error: ['red', 'bold'],
  warning: 'yellow',
  notice: 'cyan',
};

/**
 * `contractguard diff` in a terminal: the verdict line, the compared refs, errors with their fixes, head-tree
 * problems, every change of every changed version, most severe first (`file:line:col: severity: message [rule]`), the unchanged
 * versions, alias moves, warnings, notices and approvals. Nothing is left out or folded.
 */
export function renderTreeText(report: TreeReport, opts: TreeTextOptions): string {
  // Colour is decided by the caller; `validateStream: false` stops Node from second-guessing it.
  const paint = (style: Style, s: string): string =>
    opts.color ? styleText(style, s, { validateStream: false }) : s;
  const view = viewReport(report);
  const h = headline(view);
  const out: string[] = [
    paint(OUTCOME[h.outcome].style, `${OUTCOME[h.outcome].mark} contractguard: ${oneLine(h.text)}`),
    paint(
      'dim',
      `  compared ${oneLine(report.base)} → ${oneLine(report.head)}, contracts in ${oneLine(report.root || '.')}`,
    ),
  ];
  const owners = affectedOwners(report);
  if (owners !== undefined) out.push(`  affected consumers: ${oneLine(owners)}`);
  const section = (title: string, lines: string[]): void => {
    if (lines.length > 0) out.push('', paint('bold', title), ...lines);
  };
  const finding = (f: Finding): string[] => {
    const at = f.position === undefined ? '' : `${oneLine(positionLabel(f.position))}: `;
    const lines = [
      `  ${at}${paint(LEVEL_STYLE[f.level], f.level)}: ${oneLine(f.message)} ${paint('dim', `[${oneLine(f.rule)}]`)}`,
    ];
    if (f.fix !== undefined) lines.push(`    ${paint('cyan', 'fix:')} ${oneLine(f.fix)}`);
    return lines;
  };

  const problem = (p: TreeProblem): string =>
    `  ${oneLine(positionLabel(p))}: ${paint(LEVEL_STYLE.error, 'error')}: ${oneLine(problemText(p))}`;
  // What cannot be read comes first: nothing in it was compared, so it is the first thing to fix.
  for (const part of report.unreadable ?? [])
    section(oneLine(unreadableTitle(part)), part.problems.map(problem));
  section('Errors', view.errors.flatMap(finding));
  section('Problems in the head tree', looseProblems(report).map(problem));
  for (const v of view.versions) {
    if (v.kind === 'unchanged') continue;
    const lines =
      v.changes.length === 0
        ? [`  ${versionNote(v.kind)}`]
        : bySeverity(v.changes).map((c) => `  ${changeLine(c, view, paint)}`);
    const output = outputNote(v);
    if (output !== undefined) lines.push(`  ${paint('dim', oneLine(output))}`);
    const m = v.migration;
    if (m !== undefined) {
      // A new major: what callers meet moving to it, and who has to move by when.
      lines.push(`  ${oneLine(migrationLead(v.major, m))}`);
      lines.push(...bySeverity(m.changes).map((c) => `    ${changeLine(c, view, paint)}`));
      lines.push(`  ${oneLine(migrationMovers(v.major, m))}`);
    }
    section(oneLine(versionTitle(v)), lines);
  }
  const unchanged = view.versions.filter((v) => v.kind === 'unchanged');
  if (unchanged.length > 0) {
    out.push(
      '',
      `${paint('bold', 'Unchanged:')} ${unchanged.map((v) => oneLine(`${v.endpoint} v${v.major}`)).join(', ')}`,
    );
  }
  section(
    'Alias moves',
    [...report.aliasMoves]
      .sort((a, b) => compareText(a.endpoint, b.endpoint) || compareText(a.alias, b.alias))
      .map((m) => `  ${oneLine(aliasMoveText(m))}`),
  );
  section('Warnings', view.warnings.flatMap(finding));
  section('Notices', view.notices.flatMap(finding));
  section(
    'Approvals',
    coverageOf(view).flatMap((cov) => {
      const still = stillBlockingText(cov, view);
      return [
        `  ${oneLine(`${approvalText(cov.approval, view)} — ${coversText(cov, view)}`)}`,
        ...(still === '' ? [] : [`    ${oneLine(still)}`]),
      ];
    }),
  );
  return `${out.join('\n')}\n`;
}

/**
 * `file:line:col: breaking (blocking): message [rule]`. A removal is shown in base, where the line no longer
 * matches the working tree: the file is named without a line, and the base line is said.
 */
/** A schema change's counterexample on the next line, or what a consumer would see when none can prove it. */
function textEvidence(c: TreeChange): string {
  if (c.area !== 'input' && c.area !== 'output') return '';
  const shown =
    c.counterexample !== undefined
      ? counterexampleText(c.counterexample, c.area, c.severity)
      : noWitnessNote({ ...c, direction: c.area });
  return shown === undefined ? '' : `\n    ${oneLine(shown)}`;
}

function changeLine(c: TreeChange, view: ReportView, paint: (style: Style, s: string) => string): string {
  const p = c.position;
  const at =
    p === undefined
      ? changePlace(c)
      : p.side === 'base'
        ? `${p.file} (base line ${p.line})`
        : positionLabel(p);
  const status = view.status(c);
  const note =
    status === 'blocking'
      ? ` ${paint(['red', 'bold'], '(blocking)')}`
      : c.approvedBy !== undefined
        ? ` ${paint('green', `(approved by ${oneLine(mention(c.approvedBy))})`)}`
        : '';
  const severity = paint(SEVERITY_STYLE[c.severity], c.severity);
  const consumers = consumersNote(c);
  const breaks = consumers === undefined ? '' : ` ${paint('yellow', `(${oneLine(consumers)})`)}`;
  return `${oneLine(at)}: ${severity}${note}: ${oneLine(c.message)}${breaks} ${paint('dim', `[${oneLine(c.rule)}]`)}${textEvidence(c)}`;
}
