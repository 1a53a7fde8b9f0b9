import type { OpenApiDiff } from '../openapi/types.js';
import { code, prose, text } from './markdown-text.js';
import { countSummary } from './paths.js';
import { byOperation, type OpenApiTextOptions, whereOf } from './openapi-text.js';

const ICON: Record<string, string> = { breaking: '🔴', dangerous: '🟠', additive: '🟢', none: '⚪' };

/** `--format markdown`: a verdict line, then a table per operation (every name from the documents escaped). */
export function renderOpenApiMarkdown(result: OpenApiDiff, opts: OpenApiTextOptions): string {
  const summary = result.changes.length === 0 ? 'no changes' : countSummary(result.changes);
  const lines = [
    `### OpenAPI diff: ${ICON[result.verdict] ?? ''} ${result.verdict}`,
    '',
    `${code(opts.oldLabel, false)} → ${code(opts.newLabel, false)}, ${text(opts.semantics)} semantics: ${text(summary)}.`,
  ];
  if (result.changes.every((c) => c.severity === 'none')) lines.push('', 'No differences in meaning.');
  for (const group of byOperation(result.changes)) {
    lines.push(
      '',
      `#### ${code(group.operation, false)}`,
      '',
      '| Severity | Where | Rule | Change |',
      '| --- | --- | --- | --- |',
    );
    for (const c of group.changes) {
      lines.push(
        `| ${ICON[c.severity] ?? ''} ${c.severity} | ${code(whereOf(c))} | ${code(c.rule)} | ${prose(c.message)} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
