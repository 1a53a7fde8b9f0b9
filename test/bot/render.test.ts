/** The sticky comment's own parts: cutting to GitHub's limit, the "resolved" note, the state marker. */
import { describe, expect, it } from 'vitest';

import { commentText, type CommentInput } from '../../bot/render.js';
import { emptyState, parseState, renderState } from '../../bot/state.js';
import { parseApproveCommand } from '../../bot/command.js';
import { commentBody } from '../../src/github/sticky-comment.js';
import { toAnnotations } from '../../src/report/annotations.js';
import { GITHUB_COMMENT_LIMIT } from '../../src/report/markdown-text.js';
import { change, report, version } from '../report/fixtures.js';

function input(extra: Partial<CommentInput>): CommentInput {
  return {
    report: report(),
    state: emptyState(),
    previous: undefined,
    needsApproval: [],
    fingerprints: new Map(),
    approveLabel: 'contractguard: breaking-approved',
    repoName: 'acme/api',
    approvers: [],
    checkRunUrl: 'https://github.com/acme/api/runs/1',
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
    expect(parseState(text)).toEqual(emptyState()); // the state marker survives the cut
    expect(toAnnotations(big)).toHaveLength(1500);
  });

  it('says when the problems of an earlier push are resolved', () => {
    const text = commentText(input({ previous: { sha: 'a'.repeat(40), passed: false } }));
    expect(text.split('\n')[0]).toBe(
      '✅ **The problems reported for aaaaaaa are resolved** as of feature/refunds.',
    );
    expect(commentText(input({ previous: { sha: 'a'.repeat(40), passed: true } }))).not.toContain('resolved');
  });
});

describe('state marker', () => {
  it('round-trips and cannot close the HTML comment', () => {
    const state = {
      approvals: [
        {
          fingerprint: 'all',
          by: 'alice',
          reason: 'ok --> <script>',
          at: '2026-11-25T00:00:00Z',
          via: 'command' as const,
        },
      ],
      last: { sha: 'abc', passed: true },
    };
    const line = renderState(state);
    expect(line.indexOf('-->')).toBe(line.length - 3);
    expect(parseState(`hello\n${line}\n`)).toEqual(state);
    expect(parseState('<!-- contractguard:state {not json} -->')).toEqual(emptyState());
    expect(parseState(undefined)).toEqual(emptyState());
  });
});

describe('parseApproveCommand', () => {
  it('reads a fingerprint or all, with an optional reason', () => {
    expect(parseApproveCommand('/contractguard approve 436ba42786b3')).toEqual({
      kind: 'approve',
      command: { fingerprint: '436ba42786b3' },
    });
    expect(parseApproveCommand('LGTM\n/contractguard approve all  rolled out with ops \nthanks')).toEqual({
      kind: 'approve',
      command: { fingerprint: 'all', reason: 'rolled out with ops' },
    });
    expect(parseApproveCommand('/contractguard approve')?.kind).toBe('invalid');
    expect(parseApproveCommand('/contractguard approve ../../x')?.kind).toBe('invalid');
    expect(parseApproveCommand('please run /contractguard approve all')).toBeUndefined();
    expect(parseApproveCommand('nothing here')).toBeUndefined();
  });
});
