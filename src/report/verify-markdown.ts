/**
 * `contractguard verify --format markdown`: the body of the `verify / <endpoint> v<major>` check run — the
 * verdict, a table of every result (failures first), and what was sent and received for each failure and
 * warning. Everything from the contract files and the endpoint goes through the one Markdown escaping
 * (markdown-text.ts). Never longer than `maxLength`: rows are dropped from the end (skips and passes first)
 * and the report says how many.
 */
import type { CheckResult, CheckStatus, VerifyReport } from '../verify/report.js';
import { code, cut, GITHUB_COMMENT_LIMIT, prose, text } from './markdown-text.js';
import {
  countsLine,
  excerpt,
  responseExcerpt,
  resultsInOrder,
  targetLine,
  verifyHeadline,
} from './verify-view.js';

export interface VerifyMarkdownOptions {
  /** Longest output in UTF-16 code units; defaults a little under GitHub's limit. */
  maxLength?: number;
}

const DEFAULT_MAX_LENGTH = GITHUB_COMMENT_LIMIT - 1_536;

const BADGE: Record<CheckStatus, string> = {
  fail: '❌ fail',
  warn: '⚠️ warn',
  pass: '✅ pass',
  skip: '⏭️ skip',
};

const TABLE_HEADER = '| Result | Check | Case | What happened |\n| --- | --- | --- | --- |';

export function renderVerifyMarkdown(report: VerifyReport, opts: VerifyMarkdownOptions = {}): string {
  const maxLength = opts.maxLength ?? DEFAULT_MAX_LENGTH;
  const ordered = resultsInOrder(report);
  const rows = ordered.map(row);
  const exchanges = ordered.filter(
    (r) => (r.status === 'fail' || r.status === 'warn') && r.request !== undefined,
  );
  const head = [
    `### ${report.passed ? '✅' : '❌'} contractguard verify: ${text(verifyHeadline(report))}`,
    `${code(targetLine(report), false)} · ${text(countsLine(report))}`,
  ];
  const assemble = (kept: number): string => {
    const parts = [...head, [TABLE_HEADER, ...rows.slice(0, kept)].join('\n')];
    if (kept < rows.length) {
      parts.push(
        `_${rows.length - kept} more results left out to fit; the JSON report (\`--format json\`) has them all._`,
      );
    }
    const shown = exchanges.filter((r) => ordered.indexOf(r) < kept);
    if (shown.length > 0) {
      parts.push(
        [
          '<details><summary>Requests and responses of the failures and warnings</summary>',
          '',
          ...shown.map(exchange),
          '',
          '</details>',
        ].join('\n'),
      );
    }
    return `${parts.join('\n\n')}\n`;
  };
  let kept = rows.length;
  let out = assemble(kept);
  while (out.length > maxLength && kept > 0) out = assemble(--kept);
  return out.length > maxLength ? `${cut(out, maxLength - 2)}…\n` : out;
}

function row(r: CheckResult): string {
  const details =
    r.status === 'fail' && r.details !== undefined
      ? `<br>${r.details.map((d) => `• ${prose(d)}`).join('<br>')}`
      : '';
  return `| ${BADGE[r.status]} | ${code(r.check)} | ${text(r.name)} | ${prose(r.message)}${details} |`;
}

function exchange(r: CheckResult): string {
  const request = r.request === undefined ? '' : `${r.request.method} ${excerpt(r.request.body)}`;
  return `- **${text(r.check)}** — ${text(r.name)}: ${code(request, false)} → ${code(responseExcerpt(r) ?? '', false)}`;
}
