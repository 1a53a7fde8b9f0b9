/**
 * `npm run comment:screenshot`: the PR comment as a reader sees it. Four PRs on the example tree, each in a
 * temporary git repository and run through `contractguard diff --format markdown` (the Markdown the bot posts
 * and the Action writes to its summary):
 *   breaking   — a new required request field inside sync-customers v3 (the demo's failing PR)
 *   big        — about 30 changes over three endpoints, one major with more than ten rows
 *   unreadable — a typo (`sideEffect:`) in sync-customers v3's contract.yaml, beside a change elsewhere
 *   new-major  — the same required field as a new major v4 (`contractguard new-version`)
 *   approved   — the breaking one approved (`--approve all=…`), beside export-orders without an output schema
 * and three canary check runs of sync-customers v4 against v3 (the summary `canary evaluate --format markdown`
 * writes): canary-rollback (error rate 0.8 pp above the baseline's), canary-hold (half an hour, 300
 * requests), canary-promote.
 * Each comment is turned into HTML with GitHub's look (a small renderer for the Markdown contractguard
 * writes: headings, tables, lists, `<details>`, code spans, links) and photographed in Debian's Chromium:
 * `<name>.png` is the first screen as a reader opens it (folds closed), `<name>-full.png` the whole comment
 * with every fold open. Writes into `--out DIR` (default: a folder in the temp directory) and prints the files.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import escapeHtml from 'escape-html';

import { evaluateCanary } from '../src/canary/evaluate.js';
import type { CanaryCheckResult } from '../src/canary/promotion.js';
import type { CanaryReport } from '../src/canary/report.js';
import { run } from '../src/cli.js';
import type { CanaryPolicy } from '../src/model/types.js';
import { canaryCheckTitle, renderCanarySummary } from '../src/report/canary.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, repositoryRoot } from './catalog-fixture.js';
import { editJson, git, type Json, requireTenant } from './demo-runs.js';

/** One PR or canary check run: what it is, the Markdown contractguard writes for it, and its exit code. */
export interface CommentCase {
  name:
    | 'breaking'
    | 'big'
    | 'unreadable'
    | 'new-major'
    | 'approved'
    | 'canary-rollback'
    | 'canary-hold'
    | 'canary-promote';
  title: string;
  markdown: string;
  code: number;
}

const ENDPOINT = 'sync-customers';

function editText(file: string, from: string | RegExp, to: string): void {
  const before = readFileSync(file, 'utf8');
  const after = before.replace(from, to);
  if (after === before) throw new Error(`comment screenshots: ${String(from)} not found in ${file}`);
  writeFileSync(file, after);
}

/** A nested object of a schema, by keys; throws when the example tree no longer has it. */
function at(schema: Json, ...keys: (string | number)[]): Json {
  let node: unknown = schema;
  for (const k of keys) {
    node = (node as Record<string | number, unknown> | undefined)?.[k];
    if (node === undefined || node === null || typeof node !== 'object')
      throw new Error(`comment screenshots: the example schema has no ${keys.join('/')}`);
  }
  return node as Json;
}

/** About 30 changes over three endpoints: sync-customers v3 alone has more than ten. */
function bigChange(contracts: string): void {
  const v3 = join(contracts, ENDPOINT, 'v3');
  editJson(join(v3, 'output.schema.json'), (schema) => {
    const synced = at(schema, '$defs', 'SyncedCustomer', 'allOf', 1);
    const properties = synced.properties as Json;
    for (const name of [
      'segment',
      'tier',
      'region',
      'locale',
      'timezone',
      'createdBy',
      'updatedBy',
      'score',
      'churnRisk',
      'lastSeenAt',
      'source',
      'ownerEmail',
      'industry',
      'employees',
      'website',
      'billingEmail',
      'phone',
      'country',
    ])
      properties[name] = { type: 'string' };
    at(properties, 'syncStatus').enum = ['created', 'updated', 'unchanged', 'skipped', 'merged'];
    at(properties, 'crmId').description = "The CRM's record id (null in a dry run that would create it).";
  });
  editText(join(v3, 'contract.yaml'), 'timeoutMs: 30000', 'timeoutMs: 20000');
  editText(join(v3, 'contract.yaml'), 'version: 3.2.0', 'version: 3.3.0');

  const enrich = join(contracts, 'enrich-events', 'v1');
  editJson(join(enrich, 'output.schema.json'), (schema) => {
    at(schema, '$defs', 'Account', 'properties', 'plan').enum = [
      'free',
      'team',
      'business',
      'enterprise',
      'education',
    ];
    const base = at(schema, '$defs', 'Base', 'properties');
    base.receivedAt = { type: 'string', format: 'date-time' };
    base.pipelineRun = { type: 'string' };
  });
  editText(join(enrich, 'contract.yaml'), 'timeoutMs: 2000', 'timeoutMs: 1500');
  editText(
    join(enrich, 'contract.yaml'),
    '  - { code: LOOKUP_UNAVAILABLE, status: 503, retryable: true }',
    '  - { code: LOOKUP_UNAVAILABLE, status: 503, retryable: true }\n  - { code: RATE_LIMITED, status: 429, retryable: true }',
  );
  editText(join(enrich, 'contract.yaml'), 'version: 1.3.0', 'version: 1.4.0');

  const orders = join(contracts, 'export-orders', 'v1');
  editJson(join(orders, 'input.schema.json'), (schema) => {
    const properties = at(schema, 'properties');
    properties.currency = { type: 'string', pattern: '^[A-Z]{3}$' };
    properties.minTotalCents = { type: 'integer', minimum: 0 };
    at(properties, 'customerId').description = "Only this customer's orders (all customers when left out).";
  });
  editText(join(orders, 'contract.yaml'), 'maxPageSize: 200', 'maxPageSize: 100');
  editText(join(orders, 'contract.yaml'), 'version: 1.1.0', 'version: 1.2.0');
}

async function diffMarkdown(
  repo: string,
  branch: string,
  base = 'main',
  extra: string[] = [],
): Promise<{ markdown: string; code: number }> {
  let markdown = '';
  let stderr = '';
  const code = await run(['diff', '--base', base, '--head', branch, '--format', 'markdown', ...extra], {
    stdout: (s) => (markdown += s),
    stderr: (s) => (stderr += s),
    cwd: repo,
  });
  if (code !== 0 && code !== 1) throw new Error(`contractguard diff failed (exit ${code}): ${stderr}`);
  return { markdown, code };
}

/** The four PRs, each on its own branch of one temporary repository (removed afterwards). */
export async function commentCases(): Promise<CommentCase[]> {
  const repo = mkdtempSync(join(tmpdir(), 'contractguard-comment-'));
  try {
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'config', 'user.email', 'screenshots@example.com');
    git(repo, 'config', 'user.name', 'contractguard screenshots');
    git(repo, 'config', 'commit.gpgsign', 'false');
    const contracts = join(repo, 'contracts');
    cpSync(join(repositoryRoot(), 'contracts-example'), contracts, { recursive: true });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'contracts');
    const v3 = join(contracts, ENDPOINT, 'v3');
    const branch = async (name: string, change: () => void | Promise<void>): Promise<void> => {
      git(repo, 'checkout', '-qb', name, 'main');
      await change();
      git(repo, 'add', '-A');
      git(repo, 'commit', '-qm', name);
    };
    await branch('pr-breaking', () => requireTenant(v3));
    await branch('pr-big', () => bigChange(contracts));
    await branch('pr-unreadable', () => {
      editText(join(v3, 'contract.yaml'), /^sideEffects:/m, 'sideEffect:');
      editJson(join(contracts, 'enrich-events', 'v1', 'output.schema.json'), (schema) => {
        at(schema, '$defs', 'Base', 'properties').receivedAt = { type: 'string', format: 'date-time' };
      });
      editText(join(contracts, 'enrich-events', 'v1', 'contract.yaml'), 'version: 1.3.0', 'version: 1.4.0');
    });
    await branch('pr-new-major', async () => {
      const code = await run(['new-version', ENDPOINT, '--root', 'contracts'], {
        stdout: () => undefined,
        stderr: (s) => process.stderr.write(s),
        cwd: repo,
      });
      if (code !== 0) throw new Error('contractguard new-version failed');
      requireTenant(join(contracts, ENDPOINT, 'v4'));
    });
    // Approved: export-orders declares no output schema on both sides (`output: true`), and the breaking
    // change of sync-customers v3 is approved, which leaves the version bump it calls for still blocking.
    git(repo, 'checkout', '-qb', 'base-approved', 'main');
    editText(
      join(contracts, 'export-orders', 'v1', 'contract.yaml'),
      'output: { $ref: ./output.schema.json }',
      'output: true',
    );
    // Its output is not checked, so the Slack command's fixtures of it have nothing to hold it to.
    const slack = join(contracts, 'consumers', 'slack-customer-lookup.yaml');
    writeFileSync(slack, readFileSync(slack, 'utf8').replace(/ {2}- endpoint: export-orders\n[^]*$/, ''));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'export-orders without an output schema');
    git(repo, 'checkout', '-qb', 'pr-approved', 'base-approved');
    requireTenant(v3);
    editJson(join(contracts, 'export-orders', 'v1', 'input.schema.json'), (schema) => {
      at(schema, 'properties').currency = { type: 'string', pattern: '^[A-Z]{3}$' };
    });
    editText(join(contracts, 'export-orders', 'v1', 'contract.yaml'), 'version: 1.1.0', 'version: 1.2.0');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'pr-approved');
    const cases: [CommentCase['name'], string, string][] = [
      ['breaking', 'pr-breaking', 'a breaking change inside sync-customers v3'],
      ['big', 'pr-big', 'about 30 changes over three endpoints'],
      ['unreadable', 'pr-unreadable', 'a typo (sideEffect:) in sync-customers v3/contract.yaml'],
      ['new-major', 'pr-new-major', 'the same change as a new major v4'],
    ];
    const out: CommentCase[] = [];
    for (const [name, ref, title] of cases) out.push({ name, title, ...(await diffMarkdown(repo, ref)) });
    out.push({
      name: 'approved',
      title: 'the breaking change approved by @acme/crm-team; export-orders has no output schema',
      ...(await diffMarkdown(repo, 'pr-approved', 'base-approved', ['--approve', 'all=@acme/crm-team'])),
    });
    return out;
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Canary check runs: the summary the Action publishes (`canary evaluate --format markdown`) for three windows.

/** Cumulative latency buckets (ms) of `requests` requests, a share of them in each bucket. */
function histogram(requests: number, shares: number[]): { le: number | null; count: number }[] {
  const bounds = [50, 100, 200, 400, 800, 1600, null];
  let total = 0;
  return bounds.map((le, i) => {
    total += Math.round(requests * (shares[i] ?? 0));
    return { le, count: le === null ? requests : Math.min(total, requests) };
  });
}

const CANARY_POLICY: CanaryPolicy = {
  check: 'canary',
  strategy: 'header',
  minDuration: '1h',
  minRequests: 500,
  rollbackWhen: {
    errorRate: { aboveBaselineBy: 0.005 },
    p95LatencyMs: { aboveRatioToBaseline: 1.2 },
    p99LatencyMs: { aboveRatioToBaseline: 1.5 },
  },
};

/** One canary window: the baseline (v3) as always, the candidate (v4) as given. */
function canaryReport(hours: number, requests: number, errors: number, shares: number[]): CanaryReport {
  const end = new Date(Date.parse('2026-11-25T08:00:00Z') + hours * 3_600_000).toISOString();
  const baselineShares = [0.2, 0.5, 0.2, 0.07, 0.02, 0.01, 0];
  return {
    endpoint: ENDPOINT,
    baseline: { major: 3 },
    candidate: { major: 4 },
    window: { start: '2026-11-25T08:00:00Z', end: end.replace('.000Z', 'Z') },
    versions: {
      baseline: {
        requests: 20_000,
        errors: 40,
        latencyMs: { p50: 90, p95: 380, p99: 760 },
        latencyHistogramMs: histogram(20_000, baselineShares),
      },
      candidate: {
        requests,
        errors,
        latencyMs: { p50: 95, p95: 390, p99: 790 },
        latencyHistogramMs: histogram(requests, shares),
      },
    },
  };
}

/** The check run's summary as `canary evaluate --format markdown` writes it, titled as the check run is. */
export function canaryCases(): CommentCase[] {
  const even = [0.2, 0.5, 0.2, 0.07, 0.02, 0.01, 0];
  const windows: [CommentCase['name'], CanaryReport][] = [
    ['canary-rollback', canaryReport(3, 5_000, 50, even)],
    ['canary-hold', canaryReport(0.5, 300, 1, even)],
    ['canary-promote', canaryReport(3, 5_000, 12, even)],
  ];
  return windows.map(([name, report]) => {
    const evaluation = evaluateCanary(report, CANARY_POLICY, { now: new Date(report.window.end) });
    const result: CanaryCheckResult = {
      ...evaluation,
      endpoint: report.endpoint,
      baseline: report.baseline.major,
      candidate: report.candidate.major,
      report,
    };
    const codes = { promote: 0, hold: 0, rollback: 1 };
    return {
      name,
      title: canaryCheckTitle(result),
      markdown: renderCanarySummary(result),
      code: codes[evaluation.verdict],
    };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Markdown → HTML for what contractguard writes (GitHub Flavored Markdown, the parts the report uses).

const HTML_TAGS = /^<\/?(?:br|sub|details|summary)>/;

/** Inline Markdown: backslash escapes, code spans, `**strong**`, `_em_`, links, and the few HTML tags used. */
export function inlineHtml(src: string, inTable = false): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const ch = src.charAt(i);
    const next = src.charAt(i + 1);
    if (ch === '\\' && next !== '' && /[!-/:-@[-`{-~]/.test(next)) {
      out += escapeHtml(next);
      i += 2;
      continue;
    }
    if (ch === '`') {
      let n = 0;
      while (src.charAt(i + n) === '`') n++;
      let j = i + n;
      let close = -1;
      while (j < src.length) {
        if (src.charAt(j) !== '`') {
          j++;
          continue;
        }
        let m = 0;
        while (src.charAt(j + m) === '`') m++;
        if (m === n) {
          close = j;
          break;
        }
        j += m;
      }
      if (close < 0) {
        out += '`'.repeat(n);
        i += n;
        continue;
      }
      let body = src.slice(i + n, close);
      if (inTable) body = body.replace(/\\\|/g, '|');
      if (body.length >= 2 && body.startsWith(' ') && body.endsWith(' ') && body.trim() !== '')
        body = body.slice(1, -1);
      out += `<code>${escapeHtml(body)}</code>`;
      i = close + n;
      continue;
    }
    if (src.startsWith('**', i)) {
      const close = src.indexOf('**', i + 2);
      if (close > i + 2) {
        out += `<strong>${inlineHtml(src.slice(i + 2, close), inTable)}</strong>`;
        i = close + 2;
        continue;
      }
    }
    if (ch === '_' && (i === 0 || /\s|\(/.test(src.charAt(i - 1)))) {
      const close = src.indexOf('_', i + 1);
      if (close > i + 1 && src.charAt(close - 1) !== '\\' && !/\w/.test(src.charAt(close + 1))) {
        out += `<em>${inlineHtml(src.slice(i + 1, close), inTable)}</em>`;
        i = close + 1;
        continue;
      }
    }
    if (ch === '[') {
      const link = /^\[((?:[^\]\\]|\\.)*)\]\(([^)\s]+)\)/.exec(src.slice(i));
      if (link !== null) {
        out += `<a href="${escapeHtml(link[2] ?? '')}">${inlineHtml(link[1] ?? '', inTable)}</a>`;
        i += link[0].length;
        continue;
      }
    }
    if (ch === '<') {
      const tag = HTML_TAGS.exec(src.slice(i));
      if (tag !== null) {
        out += tag[0];
        i += tag[0].length;
        continue;
      }
    }
    out += escapeHtml(ch);
    i++;
  }
  return out;
}

/** A GFM table row's cells: split on pipes that are not escaped. */
function cellsOf(row: string): string[] {
  return row
    .replace(/^\|\s?/, '')
    .replace(/\s?\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

const BLOCK_START = /^(#{1,6} |\| |- |<details>|<\/details>)/;

/** The report's Markdown as HTML: headings, paragraphs, tables, lists and `<details>` folds. */
export function markdownToHtml(md: string): string {
  const lines = md.split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      i++;
      continue;
    }
    const heading = /^(#{1,6}) (.*)$/.exec(line);
    if (heading !== null) {
      const level = heading[1]?.length ?? 1;
      out.push(`<h${level}>${inlineHtml(heading[2] ?? '')}</h${level}>`);
      i++;
      continue;
    }
    if (line.startsWith('<!--')) {
      // An HTML comment (the canary check run's hidden result): GitHub shows nothing of it.
      while (i < lines.length && !(lines[i] ?? '').includes('-->')) i++;
      i++;
      continue;
    }
    if (line.startsWith('<details>') || line === '</details>') {
      out.push(inlineHtml(line));
      i++;
      continue;
    }
    if (line.startsWith('| ')) {
      const rows: string[] = [];
      while (i < lines.length && (lines[i] ?? '').startsWith('|')) rows.push(lines[i++] ?? '');
      const [header, , ...body] = rows;
      const th = cellsOf(header ?? '')
        .map((c) => `<th>${inlineHtml(c, true)}</th>`)
        .join('');
      const trs = body
        .map(
          (r) =>
            `<tr>${cellsOf(r)
              .map((c) => `<td>${inlineHtml(c, true)}</td>`)
              .join('')}</tr>`,
        )
        .join('\n');
      out.push(`<table><thead><tr>${th}</tr></thead><tbody>\n${trs}\n</tbody></table>`);
      continue;
    }
    if (line.startsWith('- ')) {
      const items: string[] = [];
      while (i < lines.length && (lines[i] ?? '').startsWith('- '))
        items.push(`<li>${inlineHtml((lines[i++] ?? '').slice(2))}</li>`);
      out.push(`<ul>\n${items.join('\n')}\n</ul>`);
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length && (lines[i] ?? '').trim() !== '' && !BLOCK_START.test(lines[i] ?? ''))
      paragraph.push(lines[i++] ?? '');
    out.push(`<p>${inlineHtml(paragraph.join('\n'))}</p>`);
  }
  return out.join('\n');
}

const STYLE = `
body { margin: 0; padding: 16px; background: #fff; color: #1f2328;
  font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
.comment { max-width: 900px; margin: 0 auto; border: 1px solid #d1d9e0; border-radius: 6px; }
.comment > header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; color: #59636e;
  border-radius: 6px 6px 0 0; }
.comment > header b { color: #1f2328; }
.body { padding: 16px; overflow-wrap: break-word; }
.body > :first-child { margin-top: 0; }
h3 { font-size: 1.25em; margin: 24px 0 16px; font-weight: 600; line-height: 1.25; }
h4 { font-size: 1em; margin: 24px 0 16px; font-weight: 600; line-height: 1.25; }
p, ul, table, details { margin: 0 0 16px; }
ul { padding-left: 2em; }
li + li { margin-top: 4px; }
code { font: 85%/1.4 ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  background: rgba(175, 184, 193, 0.2); border-radius: 6px; padding: 0.2em 0.4em; }
table { border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; vertical-align: top; }
th { font-weight: 600; }
tr:nth-child(2n) { background: #f6f8fa; }
a { color: #0969da; text-decoration: none; }
summary { cursor: pointer; }
details > :not(summary) { margin-top: 8px; }
sub { color: #59636e; }
.icon { font-family: "DejaVu Sans", sans-serif; font-weight: 700; }
.icon.failed { color: #d1242f; }
.icon.passed { color: #1a7f37; }
.icon.attention { color: #9a6700; }
`;

/**
 * The report's icons in a font every machine has: GitHub shows ❌ ✅ ⚠️ ⏳ as colour emoji, which a Chromium
 * without an emoji font draws as empty boxes, so the page draws them as coloured ✖ ✔ ⚠ ◷ instead.
 */
function icons(html: string): string {
  return html
    .replace(/❌/g, '<span class="icon failed">✖</span>')
    .replace(/✅/g, '<span class="icon passed">✔</span>')
    .replace(/⚠️?/g, '<span class="icon attention">⚠</span>')
    .replace(/⏳/g, '<span class="icon attention">◷</span>');
}

/** A page showing one comment the way GitHub shows a bot's comment. */
export function commentPage(c: CommentCase): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(c.title)}</title>` +
    `<style>${STYLE}</style></head><body><div class="comment"><header><b>contractguard</b> ` +
    `${c.name.startsWith('canary-') ? 'check run' : 'commented'} — ` +
    `${escapeHtml(c.title)}</header><div class="body">\n${icons(markdownToHtml(c.markdown))}\n</div></div></body></html>\n`
  );
}

async function main(): Promise<void> {
  const { chromium } = await import('playwright-core');
  const flag = process.argv.indexOf('--out');
  const dir =
    flag >= 0 && process.argv[flag + 1] !== undefined
      ? (process.argv[flag + 1] as string)
      : join(tmpdir(), 'contractguard-comment-screenshots');
  mkdirSync(dir, { recursive: true });
  const cases = [...(await commentCases()), ...canaryCases()];
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    for (const c of cases) {
      const html = join(dir, `${c.name}.html`);
      writeFileSync(html, commentPage(c));
      writeFileSync(join(dir, `${c.name}.md`), c.markdown);
      const page = await browser.newPage({ viewport: { width: 1000, height: 900 }, colorScheme: 'light' });
      await page.goto(pathToFileURL(html).href);
      await page.screenshot({ path: join(dir, `${c.name}.png`) });
      await page.evaluate("for (const d of document.querySelectorAll('details')) d.open = true");
      await page.screenshot({ path: join(dir, `${c.name}-full.png`), fullPage: true });
      await page.close();
      process.stdout.write(`${join(dir, `${c.name}.png`)} (exit code ${c.code}: ${c.title})\n`);
    }
  } finally {
    await browser.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
