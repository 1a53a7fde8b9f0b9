import { describe, expect, it } from 'vitest';

import { renderVerifyMarkdown } from '../../src/report/verify-markdown.js';
import type { VerifyReport } from '../../src/verify/report.js';
import { failingReport, passingReport } from './verify-fixtures.js';

describe('renderVerifyMarkdown', () => {
  it('heads the check run with the verdict', () => {
    expect(renderVerifyMarkdown(failingReport).split('\n')[0]).toBe(
      '### ❌ contractguard verify: sync-customers v3 failed verification: 2 of 5 checks failed',
    );
    expect(renderVerifyMarkdown(passingReport).split('\n')[0]).toBe(
      '### ✅ contractguard verify: sync-customers v3 passed verification',
    );
  });

  it('has a table row per result, failures first', () => {
    const rows = renderVerifyMarkdown(failingReport)
      .split('\n')
      .filter((l) => /^\| (❌|⚠️|✅|⏭️) /.test(l));
    expect(rows.map((r) => r.split(' | ')[1])).toEqual([
      '`fixtures`',
      '`pagination`',
      '`generated-invalid`',
      '`generated-valid`',
      '`auth`',
    ]);
    expect(rows[0]).toBe(
      '| ❌ fail | `fixtures` | slack-customer-lookup: sync-customers.request.json | answered 200, but slack-customer-lookup reads `customers[0].companyName`, which is missing |',
    );
  });

  it('shows the requests and responses of failures and warnings only', () => {
    const md = renderVerifyMarkdown(failingReport);
    const details = md.slice(md.indexOf('<details>'));
    expect(details.match(/^- \*\*/gm)).toHaveLength(3);
    expect(details).toContain('`POST {"customerIds":["cus_8fK2mQ9xLp"]}`');
  });

  it('escapes what the endpoint sent so that it cannot break the table or inject HTML', () => {
    const hostile: VerifyReport = {
      ...failingReport,
      results: [
        {
          check: 'errors',
          name: 'x | <img src=x>',
          status: 'fail',
          message: 'code <script>|</script> in `a|b`',
        },
      ],
    };
    const row = renderVerifyMarkdown(hostile)
      .split('\n')
      .find((l) => l.startsWith('| ❌'));
    expect(row).toBe(
      '| ❌ fail | `errors` | x \\| \\<img src=x\\> | code \\<script\\>\\|\\</script\\> in `a\\|b` |',
    );
  });

  it('stays under its length limit and says how many results it left out', () => {
    const many: VerifyReport = {
      ...failingReport,
      results: Array.from({ length: 200 }, (_, i) => ({
        check: 'fixtures' as const,
        name: `case ${i}`,
        status: 'pass' as const,
        message: 'x'.repeat(200),
      })),
    };
    const md = renderVerifyMarkdown(many, { maxLength: 5_000 });
    expect(md.length).toBeLessThanOrEqual(5_000);
    expect(md).toMatch(
      /_\d+ more results left out to fit; the JSON report \(`--format json`\) has them all\._/,
    );
  });
});
