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
  changePlace,
  compareText,
  consumerProblemsTitle,
  consumersNote,
  contractFile,
  coverageOf,
  coversText,
  headline,
  looseProblems,
  mention,
  migrationLead,
  migrationMovers,
  type Outcome,
  outputNote,
  plural,
  positionLabel,
  problemText,
  type ReportView,
  stillBlockingText,
  unreadableTitle,
  type VersionBlock,
  versionBlocks,
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
const TABLE_HEADER = '| Severity | Fingerprint | Where | What changed |\n| --- | --- | --- | --- |';

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
 * The PR comment / job summary, leading with what matters: the verdict line, what cannot be read, errors about
 * no single major, then one block per endpoint major (failing ones first): its change table (a fingerprint on
 * each row, the consumers a change breaks or that read what it changes; beyond `OPEN_ROWS` rows folded into
 * `<details>`), what blocks it with the one fix, the consumers' fixtures that fail folded in, its warnings, and
 * for a new major what callers meet when they move; then alias moves, the other warnings and notices, each
 * approval with what it covers and what still blocks after it, and the compared refs. Never longer than
 * `maxLength`: the least important rows go first (changes without effect, additive, notices, …; errors and
 * blocking changes last), and the report says what it left out.
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

/** Rows of a version's change table shown open; more are folded into `<details>`. */
export const OPEN_ROWS = 10;

const BLOCK_ICON: Record<VersionBlock['outcome'], string> = {
  failed: '❌ ',
  attention: '⚠️ ',
  passed: '✅ ',
  quiet: '',
};

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
  const grouped = versionBlocks(view);

  const errors = grouped.errors.map((f) => item('error', bullet(f, where)));
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
  const inBlock = (b: VersionBlock, inTable: boolean): Where => {
    const dir = contractFile(report.root, b.version.endpoint, b.version.major).replace(/contract\.yaml$/, '');
    return (p) => location(p, opts.links, inTable, dir);
  };
  // What blocks each major first: when the comment is too long, errors outlast even blocking rows.
  const said = grouped.blocks.map((b) => {
    const whereInBlock = inBlock(b, false);
    const lead = b.lead !== undefined && !b.consumers.includes(b.lead) ? b.lead : undefined;
    const blockErrors = b.errors
      .filter((f) => !b.consumers.includes(f))
      .map((f) =>
        item('error', bullet(f, whereInBlock, { icon: '❌ ', fix: f !== lead && !b.covered.has(f) })),
      );
    const fix = lead?.fix === undefined ? undefined : `**Fix:** ${prose(lead.fix, false)}`;
    const fixtures = b.consumers.map((f) =>
      item('error', bullet(f, where, { fix: !b.covered.has(f), atFirst: true })),
    );
    // Folded when the block's fix already covers them; open when they are what fails the major.
    return { blockErrors, fix, fixtures, foldFixtures: lead !== undefined };
  });
  const blocks = grouped.blocks.map((b, i) => {
    const v = b.version;
    const whereInBlock = inBlock(b, false);
    const whereInTable = inBlock(b, true);
    const changes = inReadingOrder(v.changes, view);
    const rows = changes
      .filter((c) => c.severity !== 'none')
      .map((c) => item(kindOf(c, view), row(c, view, whereInTable)));
    const none = changes
      .filter((c) => c.severity === 'none')
      .map((c) => item('none', row(c, view, whereInTable)));
    const alone = v.changes.length === 0 ? item('version', versionNote(v.kind)) : undefined;
    const warnings = b.warnings.map((f) => item('warning', bullet(f, whereInBlock, { icon: '⚠️ ' })));
    const notices = b.notices.map((f) => item('notice', bullet(f, whereInBlock)));
    const m = v.migration;
    const migration =
      m === undefined
        ? undefined
        : {
            lead: migrationLead(v.major, m),
            rows: inReadingOrder(m.changes, view).map((c) => item(c.severity, row(c, view, whereInTable))),
            movers: item('version', prose(migrationMovers(v.major, m), false)),
          };
    const { blockErrors, fix, fixtures, foldFixtures } = said[i] ?? {
      blockErrors: [],
      fix: undefined,
      fixtures: [],
      foldFixtures: false,
    };
    return { b, rows, none, alone, blockErrors, fix, fixtures, foldFixtures, warnings, notices, migration };
  });
  const unchanged = grouped.unchanged;
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
  const warnings = grouped.warnings.map((f) => item('warning', bullet(f, where)));
  const notices = grouped.notices.map((f) => item('notice', bullet(f, where)));
  const approvals = coverageOf(view).map((cov) => {
    const still = stillBlockingText(cov, view);
    return item(
      'approval',
      `- ${prose(approvalText(cov.approval, view), false)} — ${prose(coversText(cov, view), false)}${still === '' ? '' : `<br>${prose(still, false)}`}`,
    );
  });

  const h = headline(view);
  const verdict = `### ${ICON[h.outcome]} contractguard: ${text(h.text)}`;
  const owners = affectedOwners(report);
  const assemble = (kept: ReadonlySet<Item>): string => {
    const parts: string[] = [verdict];
    if (owners !== undefined) parts.push(`Affected consumers: ${text(owners)}`);
    const only = (its: readonly Item[]) => its.filter((i) => kept.has(i));
    const list = (title: string, its: Item[]): void => {
      const shown = only(its);
      if (shown.length > 0) parts.push(`#### ${title}\n\n${shown.map((i) => i.text).join('\n')}`);
    };
    // What cannot be read comes first: nothing in it was compared, so it is the first thing to fix.
    for (const part of unreadable) list(text(part.title), part.items);
    list('Errors', errors);
    list('Problems in the head tree', problems);
    for (const block of blocks) {
      const { b, rows, none, alone } = block;
      const shownRows = only(rows);
      const shownNone = only(none);
      const said = only([...block.blockErrors, ...block.fixtures, ...block.warnings, ...block.notices]);
      if (shownRows.length + shownNone.length + said.length === 0 && !(alone && kept.has(alone))) continue;
      const section = [`#### ${BLOCK_ICON[b.outcome]}${text(versionTitle(b.version))}`];
      if (alone) section.push(alone.text);
      else if (rows.length === 0 && b.version.changes.length > 0) section.push('No change in meaning.');
      const open = shownRows.slice(0, OPEN_ROWS);
      const folded = shownRows.slice(OPEN_ROWS);
      if (open.length > 0) section.push(table(open));
      if (folded.length > 0) {
        section.push(
          `<details><summary>${plural(folded.length, 'more change', 'more changes')} (${counted(folded)})</summary>\n\n` +
            `${table(folded)}\n\n</details>`,
        );
      }
      if (shownNone.length > 0) {
        section.push(
          `<details><summary>${plural(none.length, 'change', 'changes')} with no effect on meaning</summary>\n\n` +
            `${table(shownNone)}\n\n</details>`,
        );
      }
      const left = [...rows, ...none].filter((i) => !kept.has(i));
      if (left.length > 0)
        section.push(`_${plural(left.length, 'more change', 'more changes')} not shown (${counted(left)})._`);
      const output = outputNote(b.version);
      if (output !== undefined) section.push(`_${prose(output, false)}_`);
      const blockErrors = only(block.blockErrors);
      if (blockErrors.length > 0) section.push(blockErrors.map((i) => i.text).join('\n'));
      if (block.fix !== undefined && blockErrors.length > 0) section.push(block.fix);
      const fixtures = only(block.fixtures);
      if (fixtures.length > 0) {
        const title = `❌ ${text(consumerProblemsTitle(b.consumers))}`;
        const list = fixtures.map((i) => i.text).join('\n');
        section.push(
          block.foldFixtures
            ? `<details><summary>${title}</summary>\n\n${list}\n\n</details>`
            : `**${title}:**\n\n${list}`,
        );
      }
      const notes = only([...block.warnings, ...block.notices]);
      if (notes.length > 0) section.push(notes.map((i) => i.text).join('\n'));
      if (block.migration !== undefined) section.push(...migrationSection(block.migration, kept));
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

function table(rows: readonly Item[]): string {
  return `${TABLE_HEADER}\n${rows.map((i) => i.text).join('\n')}`;
}

/** Blocking changes first, then most severe first; the order within is kept. */
function inReadingOrder(changes: readonly TreeChange[], view: ReportView): TreeChange[] {
  const sorted = bySeverity(changes);
  return [
    ...sorted.filter((c) => view.status(c) === 'blocking'),
    ...sorted.filter((c) => view.status(c) !== 'blocking'),
  ];
}

/** A new major's migration block: what callers meet moving to it (its own table), and who must move. */
function migrationSection(
  m: { lead: string; rows: Item[]; movers: Item },
  kept: ReadonlySet<Item>,
): string[] {
  const out = [`**${text(m.lead)}**`];
  const shown = m.rows.filter((i) => kept.has(i));
  if (shown.length > 0) out.push(table(shown));
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
  if (c.counterexample !== undefined)
    return `<br>${markdownCounterexample(c.counterexample, c.area, { wrappable: true, severity: c.severity })}`;
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
  const consumers = consumersNote(c);
  const who = consumers === undefined ? '' : ` — ${text(consumers)}`;
  return `| ${severity} | ${code(c.fingerprint)} | ${place} | ${prose(c.message)}${who}${approved}${markdownEvidence(c)} |`;
}

/**
 * A finding as a list item: its message, where (after it, or first for a consumer's file), and its fix unless
 * the block's one fix covers it.
 */
function bullet(
  f: Finding,
  where: (p: SourcePosition) => string,
  opts: { icon?: string; fix?: boolean; atFirst?: boolean } = {},
): string {
  const fix = opts.fix !== false && f.fix !== undefined ? `<br>**Fix:** ${prose(f.fix, false)}` : '';
  if (opts.atFirst && f.position !== undefined)
    return `- ${opts.icon ?? ''}${where(f.position)} — ${prose(f.message, false)}${fix}`;
  const at = f.position === undefined ? '' : ` (${where(f.position)})`;
  return `- ${opts.icon ?? ''}${prose(f.message, false)}${at}${fix}`;
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
