/**
 * The tree report as Markdown: the pull-request comment and the job summary. Layout only; the wording is in
 * view.ts and the escaping in diff-markdown.ts.
 */
import type { SourcePosition, TreeProblem } from '../model/types.js';
import { code, cut, GITHUB_COMMENT_LIMIT, prose, text } from './markdown-text.js';
import { bySeverity } from './paths.js';
import {
  affectedOwners,
  aliasMoveText,
  approvalText,
  brokenConsumers,
  changePlace,
  compareText,
  contractFile,
  headline,
  looseProblems,
  mention,
  migrationLead,
  migrationMovers,
  type Outcome,
  plural,
  positionLabel,
  problemText,
  type ReportView,
  unreadableTitle,
  versionNote,
  versionTitle,
  viewReport,
} from './view.js';
import type { TreeChange } from '../tree/types.js';
import type { TreeReport } from '../check/types.js';
import type { Finding } from '../policy/types.js';
import { markdownCounterexample, noWitnessNote } from './counterexample.js';

export interface TreeMarkdownOptions {
  /**
   * URL prefixes of the files at the base and head commits, e.g. `https://github.com/acme/api/blob/<sha>`:
   * locations become links to `<prefix>/<file>#L<line>`. Without them, locations are plain `file:line`.
   */
  links?: { base: string; head: string };
  /**
   * Longest output in UTF-16 code units. Defaults to 65,000, under GitHub's 65,536-character comment limit
   * with room for a marker; a job summary may pass more (its limit is 1 MiB).
   */
  maxLength?: number;
}

export const DEFAULT_TREE_MARKDOWN_LENGTH = 65_000;

const ICON: Record<Outcome, string> = { failed: '❌', attention: '⚠️', passed: '✅' };
const TABLE_HEADER = '| Severity | Where | What changed |\n| --- | --- | --- |';

/**
 * What a row or bullet is, for the "not shown" note, and how much it matters: when the report is too long,
 * items are dropped from the highest rank down (later items first within a rank).
 */
const KINDS = {
  error: { rank: 0, one: 'error', many: 'errors' },
  problem: { rank: 0, one: 'problem', many: 'problems' },
  blocking: { rank: 0, one: 'blocking change', many: 'blocking changes' },
  breaking: { rank: 1, one: 'breaking change', many: 'breaking changes' },
  warning: { rank: 1, one: 'warning', many: 'warnings' },
  version: { rank: 1, one: 'version note', many: 'version notes' },
  dangerous: { rank: 2, one: 'dangerous change', many: 'dangerous changes' },
  alias: { rank: 2, one: 'alias move', many: 'alias moves' },
  additive: { rank: 3, one: 'additive change', many: 'additive changes' },
  notice: { rank: 3, one: 'notice', many: 'notices' },
  approval: { rank: 3, one: 'approval', many: 'approvals' },
  none: { rank: 4, one: 'change with no effect on meaning', many: 'changes with no effect on meaning' },
  unchanged: { rank: 4, one: 'list of unchanged versions', many: 'lists of unchanged versions' },
} as const;
type Kind = keyof typeof KINDS;

interface Item {
  kind: Kind;
  text: string;
}

/**
 * The PR comment / job summary: the verdict line, the errors with their fixes, the head-tree problems, a table
 * per changed endpoint version (changes without effect folded away), alias moves, warnings, notices,
 * approvals, and the compared refs. Never longer than `maxLength`: the least important rows go first
 * (changes without effect, additive, notices, …; errors and blocking changes last), and the report says what
 * it left out.
 */
export function renderTreeMarkdown(report: TreeReport, opts: TreeMarkdownOptions = {}): string {
  const maxLength = opts.maxLength ?? DEFAULT_TREE_MARKDOWN_LENGTH;
  const view = viewReport(report);
  const doc = build(view, opts);

  // Keep the first k items in order of importance; find the largest k that fits.
  const ranked = doc.items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => KINDS[a.item.kind].rank - KINDS[b.item.kind].rank || a.index - b.index)
    .map((x) => x.item);
  const render = (k: number): string => doc.assemble(new Set(ranked.slice(0, k)));
  let out = render(ranked.length);
  if (out.length > maxLength) {
    let lo = 0;
    let hi = ranked.length - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (render(mid).length <= maxLength) lo = mid;
      else hi = mid - 1;
    }
    let k = lo;
    out = render(k);
    while (out.length > maxLength && k > 0) out = render(--k);
  }
  return out.length <= maxLength ? out : `${cut(out, maxLength - 2)}…\n`;
}

interface Doc {
  items: Item[];
  assemble(kept: ReadonlySet<Item>): string;
}

function build(view: ReportView, opts: TreeMarkdownOptions): Doc {
  const { report } = view;
  const items: Item[] = [];
  const item = (kind: Kind, t: string): Item => {
    const it = { kind, text: t };
    items.push(it);
    return it;
  };
  type Where = (p: SourcePosition & { side?: 'head' | 'base' }) => string;
  const where: Where = (p) => location(p, opts.links, false);

  const errors = view.errors.map((f) => item('error', bullet(f, where)));
  const problem = (p: TreeProblem): Item =>
    item(
      'problem',
      `- ${p.line === undefined ? code(p.file, false) : where({ ...p, line: p.line, column: p.column ?? 1 })} — ${prose(problemText(p), false)}`,
    );
  const unreadable = (report.unreadable ?? []).map((part) => ({
    title: unreadableTitle(part),
    items: part.problems.map(problem),
  }));
  const problems = looseProblems(report).map(problem);
  const versions = view.versions
    .filter((v) => v.kind !== 'unchanged')
    .map((v) => {
      const dir = contractFile(report.root, v.endpoint, v.major).replace(/contract\.yaml$/, '');
      const whereInTable: Where = (p) => location(p, opts.links, true, dir);
      const changes = bySeverity(v.changes);
      const rows = changes
        .filter((c) => c.severity !== 'none')
        .map((c) => item(kindOf(c, view), row(c, view, whereInTable)));
      const none = changes
        .filter((c) => c.severity === 'none')
        .map((c) => item('none', row(c, view, whereInTable)));
      const alone = v.changes.length === 0 ? item('version', versionNote(v.kind)) : undefined;
      const m = v.migration;
      const migration =
        m === undefined
          ? undefined
          : {
              lead: migrationLead(v.major, m),
              rows: bySeverity(m.changes).map((c) => item(c.severity, row(c, view, whereInTable))),
              movers: item('version', prose(migrationMovers(v.major, m), false)),
            };
      return { v, rows, none, alone, migration };
    });
  const unchanged = view.versions.filter((v) => v.kind === 'unchanged');
  const unchangedItem =
    unchanged.length === 0
      ? undefined
      : item(
          'unchanged',
          `<details><summary>${plural(unchanged.length, 'version', 'versions')} unchanged</summary>\n\n` +
            `${unchanged.map((v) => text(`${v.endpoint} v${v.major}`)).join(', ')}\n\n</details>`,
        );
  const aliases = [...report.aliasMoves]
    .sort((a, b) => compareText(a.endpoint, b.endpoint) || compareText(a.alias, b.alias))
    .map((m) => item('alias', `- ${prose(aliasMoveText(m), false)}`));
  const warnings = view.warnings.map((f) => item('warning', bullet(f, where)));
  const notices = view.notices.map((f) => item('notice', bullet(f, where)));
  const approvals = report.approvals.map((a) => item('approval', `- ${prose(approvalText(a, view), false)}`));

  const h = headline(view);
  const verdict = `### ${ICON[h.outcome]} contractguard: ${text(h.text)}`;
  const owners = affectedOwners(report);
  const assemble = (kept: ReadonlySet<Item>): string => {
    const parts: string[] = [verdict];
    if (owners !== undefined) parts.push(`Affected consumers: ${text(owners)}`);
    const list = (title: string, its: Item[]): void => {
      const shown = its.filter((i) => kept.has(i));
      if (shown.length > 0) parts.push(`#### ${title}\n\n${shown.map((i) => i.text).join('\n')}`);
    };
    // What cannot be read comes first: nothing in it was compared, so it is the first thing to fix.
    for (const part of unreadable) list(text(part.title), part.items);
    list('Errors', errors);
    list('Problems in the head tree', problems);
    for (const { v, rows, none, alone, migration } of versions) {
      const shownRows = rows.filter((i) => kept.has(i));
      const shownNone = none.filter((i) => kept.has(i));
      if (shownRows.length + shownNone.length === 0 && !(alone && kept.has(alone))) continue;
      const section = [`#### ${text(versionTitle(v))}`];
      if (alone) section.push(alone.text);
      else if (rows.length === 0) section.push('No change in meaning.');
      if (shownRows.length > 0) section.push(`${TABLE_HEADER}\n${shownRows.map((i) => i.text).join('\n')}`);
      if (shownNone.length > 0) {
        section.push(
          `<details><summary>${plural(none.length, 'change', 'changes')} with no effect on meaning</summary>\n\n` +
            `${TABLE_HEADER}\n${shownNone.map((i) => i.text).join('\n')}\n\n</details>`,
        );
      }
      const left = [...rows, ...none].filter((i) => !kept.has(i));
      if (left.length > 0)
        section.push(`_${plural(left.length, 'more change', 'more changes')} not shown (${counted(left)})._`);
      if (migration !== undefined) section.push(...migrationSection(migration, kept));
      parts.push(section.join('\n\n'));
    }
    if (unchangedItem && kept.has(unchangedItem)) parts.push(unchangedItem.text);
    list('Alias moves', aliases);
    list('Warnings', warnings);
    list('Notices', notices);
    list('Approvals', approvals);
    const left = items.filter((i) => !kept.has(i));
    if (left.length > 0) {
      parts.push(
        `**Not shown:** ${counted(left)}. GitHub limits a comment to ` +
          `${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')} characters; the text and JSON reports list everything.`,
      );
    }
    parts.push(
      `<sub>Compared ${code(report.base, false)} → ${code(report.head, false)}, contracts in ` +
        `${code(report.root === '' ? '.' : report.root, false)}.</sub>`,
    );
    return `${parts.join('\n\n')}\n`;
  };
  return { items, assemble };
}

/** A new major's migration block: what callers meet moving to it (its own table), and who must move. */
function migrationSection(
  m: { lead: string; rows: Item[]; movers: Item },
  kept: ReadonlySet<Item>,
): string[] {
  const out = [`**${text(m.lead)}**`];
  const shown = m.rows.filter((i) => kept.has(i));
  if (shown.length > 0) out.push(`${TABLE_HEADER}\n${shown.map((i) => i.text).join('\n')}`);
  const left = m.rows.filter((i) => !kept.has(i));
  if (left.length > 0)
    out.push(`_${plural(left.length, 'more change', 'more changes')} not shown (${counted(left)})._`);
  if (kept.has(m.movers)) out.push(m.movers.text);
  return out;
}

function kindOf(c: TreeChange, view: ReportView): Kind {
  return view.status(c) === 'blocking' ? 'blocking' : c.severity;
}

/** "3 additive changes, 2 notices", kinds in a fixed order. */
function counted(items: readonly Item[]): string {
  return (Object.keys(KINDS) as Kind[])
    .map((k) => ({ k, n: items.filter((i) => i.kind === k).length }))
    .filter((x) => x.n > 0)
    .map(({ k, n }) => plural(n, KINDS[k].one, KINDS[k].many))
    .join(', ');
}

/** A schema change's counterexample, or what a consumer would see when no instance can prove it. */
function markdownEvidence(c: TreeChange): string {
  if (c.area !== 'input' && c.area !== 'output') return '';
  if (c.counterexample !== undefined) return `<br>${markdownCounterexample(c.counterexample, c.area)}`;
  const note = noWitnessNote({ ...c, direction: c.area });
  return note === undefined ? '' : `<br>${prose(note)}`;
}

function row(
  c: TreeChange,
  view: ReportView,
  where: (p: SourcePosition & { side?: 'head' | 'base' }) => string,
): string {
  const status = view.status(c);
  const severity =
    status === 'blocking'
      ? `❌ **${c.severity}**`
      : c.severity === 'breaking'
        ? '**breaking**'
        : c.severity === 'dangerous'
          ? '⚠️ dangerous'
          : c.severity;
  const place = c.position === undefined ? code(changePlace(c)) : where(c.position);
  const approved = c.approvedBy === undefined ? '' : ` — ✅ approved by ${text(mention(c.approvedBy))}`;
  const consumers = brokenConsumers(c);
  const breaks = consumers === undefined ? '' : ` — breaks: ${text(consumers)}`;
  return `| ${severity} | ${place} | ${prose(c.message)}${breaks}${approved}${markdownEvidence(c)} |`;
}

function bullet(f: Finding, where: (p: SourcePosition) => string): string {
  const at = f.position === undefined ? '' : ` (${where(f.position)})`;
  const fix = f.fix === undefined ? '' : `<br>**Fix:** ${prose(f.fix, false)}`;
  return `- ${prose(f.message, false)}${at}${fix}`;
}

/**
 * `file:line` as code, linked to the file at the right commit when URL prefixes are known. Inside a version's
 * table the path is shown relative to the version's folder (`dir`), which the section title already names.
 */
function location(
  p: SourcePosition & { side?: 'head' | 'base' },
  links: TreeMarkdownOptions['links'],
  inTable: boolean,
  dir = '',
): string {
  const shown = dir !== '' && p.file.startsWith(dir) ? p.file.slice(dir.length) : p.file;
  const label = code(
    `${positionLabel({ file: shown, line: p.line })}${p.side === 'base' ? ' (base)' : ''}`,
    inTable,
  );
  if (links === undefined) return label;
  const prefix = (p.side === 'base' ? links.base : links.head).replace(/\/+$/, '');
  const path = p.file
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  return `[${label}](${urlSafe(`${prefix}/${path}`)}#L${p.line})`;
}

/** Percent-encodes what would end or break a Markdown link destination (the rest of the URL is trusted). */
function urlSafe(url: string): string {
  return url.replace(
    // eslint-disable-next-line no-control-regex
    /[\s<>()'\u0000-\u001f\u007f]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}
