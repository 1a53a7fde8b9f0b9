/** The sticky comment's own parts: cutting to GitHub's limit, the "resolved" note, the state marker kept. */
import { describe, expect, it } from 'vitest';

import { emptyState, readState, renderState } from '../../src/check/ledger.js';
import { commentBody } from '../../src/github/sticky-comment.js';
import { toAnnotations } from '../../src/report/annotations.js';
import { GITHUB_COMMENT_LIMIT } from '../../src/report/markdown-text.js';
import { commentText, type CommentInput } from '../../src/report/pull-request.js';
import { change, report, version } from './fixtures.js';

const SEAL = { key: 'key', pullRequest: 'acme/api#7' };

function input(extra: Partial<CommentInput>): CommentInput {
  return {
    report: report(),
    previous: undefined,
    pending: { endpoints: [], fingerprints: new Map() },
    approveLabel: 'contractguard: breaking-approved',
    repoName: 'acme/api',
    approvers: [],
    checkRunUrl: 'https://github.com/acme/api/runs/1',
    stateMarker: renderState(emptyState(), SEAL),
    ...extra,
  };
}

describe('commentText', () => {
  it('cuts a report over the comment limit and points to the check run, which keeps every annotation', () => {
    const changes = Array.from({ length: 1500 }, (_, i) =>
      change(
        'dangerous',
        'enum-value-added',
        `Responses may now carry status value number ${i} ${'x'.repeat(60)}.`,
        {
          path: `/properties/p${i}`,
          fingerprint: `fp${i}`,
          position: {
            file: 'contracts/sync-customers/v3/output.schema.json',
            line: i + 1,
            column: 1,
            side: 'head',
          },
        },
      ),
    );
    const big = report({ verdict: 'dangerous', versions: [version('sync-customers', 3, changes)] });
    const text = commentText(input({ report: big }));
    const body = commentBody(text);
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body).not.toContain('cut to fit GitHub’s comment limit; the job summary'); // the store did not cut it again
    expect(text).toContain("This comment is cut to fit GitHub's limit");
    expect(text).toContain('[the check run](https://github.com/acme/api/runs/1)');
    expect(readState(text, SEAL)).toEqual({ state: emptyState(), tampered: false }); // the marker survives the cut
    expect(toAnnotations(big)).toHaveLength(1500);
  });

  it('leads with the report; how to approve comes after it, saying what an approval does not lift', () => {
    const breaking = change('breaking', 'required-added', '`tenantId` is now required.', {
      fingerprint: 'abc123def456',
    });
    const text = commentText(
      input({
        report: report({
          passed: false,
          verdict: 'breaking',
          versions: [version('sync-customers', 3, [breaking])],
        }),
        pending: {
          endpoints: [{ name: 'sync-customers', owner: '@acme/crm-team' }],
          fingerprints: new Map([['abc123def456', 'sync-customers']]),
        },
      }),
    );
    expect(text.split('\n')[0]).toMatch(/^### ❌ contractguard: /);
    const help = text.slice(
      text.indexOf('<details><summary>How to approve these breaking changes</summary>'),
    );
    expect(text.indexOf('#### ')).toBeLessThan(text.indexOf(help));
    expect(help).toContain('- `/contractguard approve abc123def456` (sync-customers)');
    expect(help).toContain(
      "An approval lifts only these changes, never a missing version bump or a consumer's failing fixture",
    );
  });

  it('says when the problems of an earlier push are resolved', () => {
    const text = commentText(input({ previous: { sha: 'a'.repeat(40), passed: false } }));
    expect(text.split('\n')[0]).toBe(
      '✅ **The problems reported for aaaaaaa are resolved** as of feature/refunds.',
    );
    expect(commentText(input({ previous: { sha: 'a'.repeat(40), passed: true } }))).not.toContain('resolved');
  });
});
