/**
 * The four PR comments `npm run comment:screenshot` photographs, rendered by the real report (the CLI's
 * `diff --format markdown` on real git repositories), hold the structure issue 12 asks for: the verdict
 * first, one block per endpoint major, a fingerprint on every row, more than ten rows folded into
 * `<details>`; and the page the screenshots are taken of shows that Markdown as GitHub would.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import {
  type CommentCase,
  canaryCases,
  commentCases,
  inlineHtml,
  markdownToHtml,
} from '../../scripts/comment-screenshots.js';

let cases: CommentCase[] = [];
beforeAll(async () => {
  cases = await commentCases();
}, 120_000);

function get(name: CommentCase['name']): CommentCase {
  const found = cases.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no case ${name}`);
  return found;
}

const lines = (md: string): string[] => md.split('\n');
const headings = (md: string): string[] => lines(md).filter((l) => l.startsWith('#### '));
/** Headings of endpoint majors: `#### ❌ sync-customers v3 (3.2.0)`. */
const versionHeadings = (md: string): string[] => headings(md).filter((h) => /^#### .*\bv\d+ \(/.test(h));
const rows = (md: string): string[] =>
  lines(md).filter((l) => l.startsWith('| ') && !l.startsWith('| Severity') && !l.startsWith('| ---'));

/** The lines of each `#### ` block, by heading. */
function blocks(md: string): Map<string, string> {
  const out = new Map<string, string>();
  const all = lines(md);
  all.forEach((l, i) => {
    if (!l.startsWith('#### ')) return;
    const end = all.findIndex((m, j) => j > i && /^#{3,4} /.test(m));
    out.set(l, all.slice(i + 1, end < 0 ? undefined : end).join('\n'));
  });
  return out;
}

describe('the PR comments of the screenshots', () => {
  it('each starts with the verdict line', () => {
    expect(cases.map((c) => [c.name, c.code])).toEqual([
      ['breaking', 1],
      ['big', 1],
      ['unreadable', 1],
      ['new-major', 0],
      ['approved', 1],
    ]);
    for (const c of cases) expect(lines(c.markdown)[0], c.name).toMatch(/^### (❌|⚠️|✅) contractguard: \S/);
  });

  it('shows each endpoint major in one block', () => {
    for (const c of cases) {
      const names = versionHeadings(c.markdown).map((h) => /([\w-]+ v\d+) \(/.exec(h)?.[1]);
      expect(names.length, c.name).toBeGreaterThan(0);
      expect(new Set(names).size, c.name).toBe(names.length);
    }
    expect(versionHeadings(get('big').markdown)).toHaveLength(3);
  });

  it('puts a fingerprint on every row of every table', () => {
    for (const c of cases) {
      for (const row of rows(c.markdown))
        expect(row.slice(2, -2).split(' | ')[1], c.name).toMatch(/^`[0-9a-f]{12}`$/);
    }
  });

  it('folds a block of more than ten rows into <details> after the first ten', () => {
    const big = get('big').markdown;
    const v3 = [...blocks(big)].find(([h]) => h.includes('sync-customers v3'))?.[1] ?? '';
    const folded = v3.indexOf('<details><summary>');
    expect(folded).toBeGreaterThan(0);
    expect(rows(v3.slice(0, folded))).toHaveLength(10);
    expect(v3.slice(folded)).toMatch(/^<details><summary>\d+ more changes? \(/);
    for (const [heading, text] of blocks(big)) {
      const open = text.indexOf('<details>') < 0 ? text : text.slice(0, text.indexOf('<details>'));
      expect(rows(open).length, heading).toBeLessThanOrEqual(10);
    }
  });

  it('a breaking PR: the failing block first, with one fix and the consumer fixtures folded in', () => {
    const md = get('breaking').markdown;
    const [first] = versionHeadings(md);
    expect(first).toBe('#### ❌ sync-customers v3 (3.2.0)');
    const v3 = blocks(md).get(first ?? '') ?? '';
    expect(v3.match(/\*\*Fix:\*\*/g)).toHaveLength(1);
    expect(v3).toMatch(/<details><summary>❌ \d+ consumer fixtures fail against this version: /);
  });

  it('an unreadable file is told first, and the rest of the tree is still compared', () => {
    const md = get('unreadable').markdown;
    expect(headings(md)[0]).toBe(
      '#### sync-customers v3 cannot be read — fix this first; until then its changes are not compared',
    );
    expect(versionHeadings(md).some((h) => h.includes('enrich-events v1'))).toBe(true);
  });

  it('a new major says what changes for callers who move, and who must by when', () => {
    const md = get('new-major').markdown;
    const v4 = blocks(md).get('#### sync-customers v4 (new, 4.0.0)') ?? '';
    expect(v4).toContain('**What changes for callers moving from v3 to v4 (1 breaking):**');
    expect(v4).toMatch(/Consumers of v3 that must move to v4 by \d{4}-\d{2}-\d{2}: retool-ops-dashboard/);
  });

  it('an approval says what it covers and what still blocks; a version without output schema says so', () => {
    const md = get('approved').markdown;
    expect(md).toMatch(
      /^- @acme\/crm-team approved all breaking changes — covers 1 change: `[0-9a-f]{12}` \(sync-customers v3, input \/required\)<br>Still blocking after it: the contract of sync-customers v3 changed but its version is still 3\.2\.0 — bump version to 3\.3\.0; /m,
    );
    const orders = blocks(md).get('#### export-orders v1 (1.1.0 → 1.2.0)') ?? '';
    expect(orders).toContain('_Output not checked: no output schema (`output: true`)._');
    expect(lines(md).filter((l) => l.startsWith('_Output not checked'))).toHaveLength(1);
  });
});

describe('the canary check runs of the screenshots', () => {
  const canary = canaryCases();
  const named = (name: CommentCase['name']): CommentCase =>
    canary.find((c) => c.name === name) ?? { name, title: '', markdown: '', code: -1 };

  it('are a rollback, a hold and a promote, each titled as its check run', () => {
    expect(canary.map((c) => [c.name, c.code, /: (\w+)/.exec(c.title)?.[1]])).toEqual([
      ['canary-rollback', 1, 'rollback'],
      ['canary-hold', 0, 'hold'],
      ['canary-promote', 0, 'promote'],
    ]);
    expect(named('canary-rollback').title).toBe(
      'canary sync-customers v4: rollback — error rate vs baseline +0.8 pp (passes when ≤ baseline + 0.5 pp)',
    );
  });

  it('start with the verdict, say why, and put the deciding criterion first', () => {
    const rollback = lines(named('canary-rollback').markdown);
    expect(rollback[0]).toBe('### ❌ roll back: canary `sync-customers` v4 against v3');
    expect(rollback[2]).toBe('**Why:** error rate vs baseline +0.8 pp (passes when ≤ baseline + 0.5 pp).');
    expect(rollback[6]).toMatch(
      /^\| error rate vs baseline `errorRate\.aboveBaselineBy` \| \+0\.8 pp \| ≤ baseline \+ 0\.5 pp \| ❌ fail \| /,
    );
    const hold = lines(named('canary-hold').markdown);
    expect(hold[0]).toBe('### ⏳ hold: not enough data yet: canary `sync-customers` v4 against v3');
    expect(hold[2]).toContain('p99 latency vs baseline not measured yet (passes when ≤ 1.5× baseline).');
    expect(hold[6]).toMatch(/^\| requests `minRequests` \| 300 \| ≥ 500 \| ⏳ not enough data \| /);
    const promote = lines(named('canary-promote').markdown);
    expect(promote[0]).toBe('### ✅ promote: canary `sync-customers` v4 against v3');
    expect(promote[2]).toBe('**Why:** every criterion passes.');
  });

  it('explain the latency ratios by two-sample bounds from both histograms', () => {
    const md = named('canary-promote').markdown;
    expect(md).toMatch(
      /\| p95 latency vs baseline `p95LatencyMs\.aboveRatioToBaseline` \| [\d.]+× \| ≤ 1\.2× baseline \| ✅ pass \| candidate p95 latency .* \(two-sample: /,
    );
    expect(md).toContain('`p99LatencyMs.aboveRatioToBaseline`');
  });
});

describe('markdownToHtml', () => {
  it('shows nothing of an HTML comment, as GitHub does', () => {
    const html = markdownToHtml(
      ['Window a – b.', '', '<!-- hidden', '{ "x": 1 }', '-->', '', 'after'].join('\n'),
    );
    expect(html).toBe('<p>Window a – b.</p>\n<p>after</p>');
  });

  it('renders the report’s tables, folds, lists and headings', () => {
    const html = markdownToHtml(
      [
        '### ❌ contractguard: verdict',
        '',
        '| Severity | Fingerprint | Where | What changed |',
        '| --- | --- | --- | --- |',
        '| ❌ **breaking** | `0123456789ab` | `a\\|b.json:3` | `x` was removed \\| gone |',
        '',
        '<details><summary>2 more</summary>',
        '',
        '- one<br>**Fix:** [`file:1`](https://example.com/f#L1)',
        '- two',
        '',
        '</details>',
      ].join('\n'),
    );
    expect(html).toContain('<h3>❌ contractguard: verdict</h3>');
    expect(html).toContain(
      '<tr><td>❌ <strong>breaking</strong></td><td><code>0123456789ab</code></td><td><code>a|b.json:3</code></td><td><code>x</code> was removed | gone</td></tr>',
    );
    expect(html).toContain('<details><summary>2 more</summary>');
    expect(html).toContain(
      '<li>one<br><strong>Fix:</strong> <a href="https://example.com/f#L1"><code>file:1</code></a></li>',
    );
  });

  it('shows escaped and unknown HTML as text', () => {
    expect(inlineHtml('\\<img src=x\\> <script>')).toBe('&lt;img src=x&gt; &lt;script&gt;');
  });
});
