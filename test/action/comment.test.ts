/**
 * The sticky PR comment, end to end through the bundle and a fake GitHub API: one comment, found across
 * pages by marker and author, updated in place, left alone when unchanged; a token that may not comment
 * falls back to the job summary.
 */
import { describe, expect, it } from 'vitest';

import { baseTree, Repo } from '../e2e/helpers.js';
import { useActionTestbed, pullRequestEvent, requireTenant, runAction, shallowClone, V2 } from './harness.js';

const MARKER = '<!-- contractguard:report -->';
const bed = useActionTestbed();
let origin: Repo | undefined;

function start(): { base: string; workspace: () => string } {
  origin = bed.repo();
  const base = origin.write(baseTree()).commit('base');
  origin.git('checkout', '-qb', 'pr');
  return {
    base,
    workspace: () => {
      const dir = shallowClone((origin as Repo).dir, 'pr');
      bed.track(dir);
      return dir;
    },
  };
}

describe('the sticky PR comment', () => {
  it('is created once, found on page 2 of the comments, updated in place, and left alone when unchanged', async () => {
    const { base, workspace } = start();
    // Other people's comments, one quoting our marker: never touched.
    bed.api.addComment('LGTM', 'alice');
    bed.api.addComment(`quoting the bot: ${MARKER} …`, 'mallory');
    bed.api.addComment('a question', 'bob');

    const head1 = (origin as Repo).write(requireTenant()).commit('break v2');
    const first = await runAction({
      workspace: workspace(),
      eventName: 'pull_request',
      payload: pullRequestEvent(base, head1),
      api: bed.api,
    });
    expect(first.code).toBe(1);
    expect(bed.api.writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/acme/api/issues/7/comments',
    ]);
    expect(bed.api.comments).toHaveLength(4);
    const ours = bed.api.comments[3];
    expect(ours?.user.login).toBe('github-actions[bot]');
    expect(
      ours?.body.startsWith(`${MARKER}\n### ❌ contractguard: breaking change in sync-customers v2`),
    ).toBe(true);
    expect(first.stdout).toContain(`Posted the PR comment: ${ours?.html_url}`);
    // The token went along with every request.
    expect(bed.api.requests.every((r) => r.authorization === 'token test-token')).toBe(true);

    // More comments after ours: with 3 per page, ours is on page 2 of 2.
    bed.api.addComment('another one', 'carol');
    bed.api.requests.length = 0;
    const contract = baseTree()[`${V2}/contract.yaml`] as string;
    const head2 = (origin as Repo)
      .write({ [`${V2}/contract.yaml`]: contract.replace('timeoutMs: 30000', 'timeoutMs: 10000') })
      .commit('and a shorter timeout');
    const second = await runAction({
      workspace: workspace(),
      eventName: 'pull_request',
      payload: pullRequestEvent(base, head2),
      api: bed.api,
    });
    expect(second.code).toBe(1);
    const pages = bed.api.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/issues/7/comments'));
    expect(pages.map((r) => new URL(r.url, bed.api.url).searchParams.get('page') ?? '1')).toEqual(['1', '2']);
    expect(bed.api.writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      `PATCH /repos/acme/api/issues/comments/${ours?.id}`,
    ]);
    expect(bed.api.comments).toHaveLength(5);
    expect(
      bed.api.comments.filter((c) => c.body.includes(MARKER) && c.user.login !== 'mallory'),
    ).toHaveLength(1);
    expect(ours?.body).toContain('The timeout dropped from 30000 ms to 10000 ms');
    expect(bed.api.comments[1]?.body).toBe(`quoting the bot: ${MARKER} …`);
    expect(second.stdout).toContain('Updated the PR comment');

    // The same head again: nothing to write.
    bed.api.requests.length = 0;
    const third = await runAction({
      workspace: workspace(),
      eventName: 'pull_request',
      payload: pullRequestEvent(base, head2),
      api: bed.api,
    });
    expect(third.code).toBe(1);
    expect(bed.api.writes()).toEqual([]);
    expect(third.stdout).toContain('The PR comment is up to date');
  });

  it('updates the comment when the PR stops touching the contracts, without creating one otherwise', async () => {
    const { base, workspace } = start();
    const head1 = (origin as Repo).write(requireTenant()).commit('break v2');
    await runAction({
      workspace: workspace(),
      eventName: 'pull_request',
      payload: pullRequestEvent(base, head1),
      api: bed.api,
    });
    expect(bed.api.comments).toHaveLength(1);

    (origin as Repo).git('checkout', '-q', base, '--', 'contracts');
    const head2 = (origin as Repo).commit('revert');
    bed.api.requests.length = 0;
    const run = await runAction({
      workspace: workspace(),
      eventName: 'pull_request',
      payload: pullRequestEvent(base, head2),
      api: bed.api,
    });
    expect(run.code).toBe(0);
    expect(bed.api.writes().map((r) => r.method)).toEqual(['PATCH']);
    expect(bed.api.comments[0]?.body).toContain('No contract changes');
  });

  it('falls back to the summary when commenting is refused (403), and says so in the log and the summary', async () => {
    const { base, workspace } = start();
    const head = (origin as Repo).write(requireTenant()).commit('break v2');
    bed.api.commentWriteStatus = 403;
    const run = await runAction({
      workspace: workspace(),
      eventName: 'pull_request',
      payload: pullRequestEvent(base, head),
      api: bed.api,
    });

    expect(run.code).toBe(1); // the policy's verdict, not the comment's failure
    expect(bed.api.comments).toEqual([]);
    expect(run.stdout).toMatch(/^::warning::Could not post the PR comment \(HTTP 403/m);
    expect(run.summary).toMatch(/^> Could not post the PR comment \(HTTP 403/);
    expect(run.summary).toContain('### ❌ contractguard: breaking change in sync-customers v2');
  });

  it('does not try to comment on a PR from a fork, and says why', async () => {
    const { base, workspace } = start();
    const head = (origin as Repo).write(requireTenant()).commit('break v2');
    bed.api.commentWriteStatus = 403;
    const run = await runAction({
      workspace: workspace(),
      eventName: 'pull_request',
      payload: pullRequestEvent(base, head, { fork: true }),
      api: bed.api,
    });
    expect(run.code).toBe(1);
    expect(bed.api.requests).toEqual([]);
    expect(run.stdout).toContain('Not commenting: This PR comes from a fork');
    expect(run.summary).toMatch(/^> This PR comes from a fork/);
  });
});
