/**
 * The tree report as line annotations: the Action writes them as workflow commands, the bot sends them with
 * its check run (at most 50 per request, so it batches them; Actions shows only the first 10 errors and 10
 * warnings of a step, so the most important come first).
 */
import {
  type Anchor,
  changeAnchor,
  changeLevel,
  changeMessage,
  changeTitle,
  FINDING_LEVEL,
  findingMessage,
  type MessageLevel,
  problemRule,
  problemText,
  viewReport,
} from './view.js';
import type { TreeReport } from '../check/types.js';
import { showInvisible } from './invisible.js';

export type AnnotationLevel = 'failure' | 'warning' | 'notice';

/** The shape of a check-run annotation, minus GitHub's names (`path`, `start_line`, `annotation_level`). */
export interface Annotation {
  level: AnnotationLevel;
  /** Relative to the repository root. */
  file: string;
  /** 1-based. */
  line: number;
  column?: number;
  title: string;
  message: string;
}

const LEVEL: Record<MessageLevel, AnnotationLevel> = { error: 'failure', warning: 'warning', note: 'notice' };
const ORDER: readonly AnnotationLevel[] = ['failure', 'warning', 'notice'];

/**
 * One annotation per change that matters (failure: blocking, i.e. breaking or dangerous inside an existing
 * major and failing the policy; warning: other breaking and dangerous changes; notice: additive and approved
 * changes), one per finding with a position, and one per head-tree problem with a line. Failures first, then
 * warnings, then notices; within a level, in report order (versions by endpoint and major).
 */
export function toAnnotations(report: TreeReport): Annotation[] {
  const view = viewReport(report);
  const out: Annotation[] = [];
  const add = (level: MessageLevel, at: Anchor, title: string, message: string): void => {
    out.push({
      level: LEVEL[level],
      // The path must match the repository's for GitHub to place the annotation: it stays as it is.
      file: at.file,
      line: at.line,
      ...(at.column === undefined ? {} : { column: at.column }),
      // Shown in the log and the checks UI: control and bidirectional characters as `\u202E`.
      title: showInvisible(title),
      message: showInvisible(message),
    });
  };

  for (const c of view.changes) {
    const level = changeLevel(view, c);
    if (level === undefined) continue;
    const at = changeAnchor(report, c);
    add(level, at, changeTitle(view, c), changeMessage(view, c, at));
  }
  for (const p of report.problems) {
    if (p.line === undefined) continue;
    const at = { file: p.file, line: p.line, ...(p.column === undefined ? {} : { column: p.column }) };
    add('error', at, `Problem in the contract tree: ${problemRule(view, p)}`, problemText(p));
  }
  for (const f of [...view.errors, ...view.warnings, ...view.notices]) {
    if (f.position === undefined) continue;
    const title = `${f.level === 'error' ? 'Policy error' : f.level === 'warning' ? 'Policy warning' : 'Policy notice'}: ${f.rule}`;
    add(FINDING_LEVEL[f.level], f.position, title, findingMessage(f));
  }
  return ORDER.flatMap((level) => out.filter((a) => a.level === level));
}

const COMMAND: Record<AnnotationLevel, string> = { failure: 'error', warning: 'warning', notice: 'notice' };

/**
 * GitHub Actions workflow commands, one line each: `::error file=contracts/a.yaml,line=4,col=3,title=…::message`.
 * Escaped as the runner expects: `%`, CR and LF in the message; those and `:` and `,` in property values.
 */
export function toWorkflowCommands(annotations: readonly Annotation[]): string[] {
  return annotations.map((a) => {
    const props = [
      `file=${escapeProperty(a.file)}`,
      `line=${a.line}`,
      ...(a.column === undefined ? [] : [`col=${a.column}`]),
      `title=${escapeProperty(a.title)}`,
    ];
    return `::${COMMAND[a.level]} ${props.join(',')}::${escapeData(a.message)}`;
  });
}

/** Workflow-command message escaping (as `@actions/core` does it). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command property escaping: the message escaping plus the separators `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
