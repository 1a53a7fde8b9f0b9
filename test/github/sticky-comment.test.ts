import { describe, expect, it } from 'vitest';

import { parseOwner } from '../../src/github/approvals.js';
import { commentBody, REPORT_MARKER, sameLogin } from '../../src/github/sticky-comment.js';
import { GITHUB_COMMENT_LIMIT } from '../../src/report/markdown-text.js';

describe('commentBody', () => {
  it('puts the hidden marker first', () => {
    expect(commentBody('### report\n')).toBe(`${REPORT_MARKER}\n### report\n`);
  });

  it('cuts a body over the comment limit on a line boundary and says so', () => {
    const line = `| row | ${'x'.repeat(90)} |\n`;
    const body = commentBody(line.repeat(2000));
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body.startsWith(REPORT_MARKER)).toBe(true);
    expect(body).toMatch(
      /\|\n\n_… cut to fit GitHub’s comment limit; the job summary and the JSON report have everything\._\n$/,
    );
  });

  it('never splits a surrogate pair', () => {
    const body = commentBody('😀'.repeat(40_000));
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('sameLogin', () => {
  it('ignores case and the [bot] suffix GraphQL leaves out', () => {
    expect(sameLogin('github-actions[bot]', 'github-actions')).toBe(true);
    expect(sameLogin('Alice', 'alice')).toBe(true);
    expect(sameLogin('alice', 'alice-bot')).toBe(false);
  });
});

describe('parseOwner', () => {
  it('reads users and org teams', () => {
    expect(parseOwner('@alice')).toEqual({ user: 'alice' });
    expect(parseOwner('@acme/crm-team')).toEqual({ org: 'acme', team: 'crm-team' });
    expect(parseOwner('not an owner')).toBeUndefined();
  });
});
