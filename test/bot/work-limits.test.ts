/**
 * Attack 5 of issue 11, through the bot's real server with signed deliveries: a PR whose contract tree is
 * over `maxFiles` or `maxTotalBytes` (`.github/contractguard.yml`, defaults 1,000 files and 20 MiB per
 * commit) gets a failed check run saying which limit and how to raise it — decided from the two tree
 * listings, without fetching a single blob.
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { baseTree } from '../e2e/helpers.js';
import { breakingTree, toFiles } from './fake-github.js';
import { breakingPullRequest, useBotServer } from './harness.js';

const bed = useBotServer();

/** The example tree (9 files) with `extra` more files under the contract root. */
function bigger(files: Record<string, string | Buffer>, extra: number): Record<string, string | Buffer> {
  const out = { ...files };
  for (let i = 0; i < extra; i++) out[`contracts/sync-customers/notes/note-${i}.md`] = `note ${i}\n`;
  return out;
}

const blobRequests = () => bed.fake.requests.filter((r) => r.path.includes('/git/blobs/'));

describe('bounded work per delivery', () => {
  beforeEach(() => {
    bed.fake.permissions.set('alice', 'admin');
  });

  it('a tree with more contract files than the default maxFiles fails the check unread', async () => {
    bed.fake.pull.base.sha = bed.fake.commit(toFiles(baseTree()));
    bed.fake.pull.head.sha = bed.fake.commit(bigger(breakingTree(), 1000));
    const res = await bed.send('pull_request', bed.fake.pullRequestPayload('opened'));
    expect(res.status).toBe(200);

    expect(blobRequests()).toEqual([]);
    expect(bed.fake.checkRuns).toHaveLength(1);
    const run = bed.fake.checkRuns[0];
    expect(run).toMatchObject({ head_sha: bed.fake.pull.head.sha, conclusion: 'failure' });
    expect(run?.output.summary).toContain('1,009 files under `contracts`, more than maxFiles (1,000)');
    expect(run?.output.summary).toContain('.github/contractguard.yml');
    expect(bed.fake.botComments()).toEqual([]);
  });

  it('maxFiles in .github/contractguard.yml lowers the cap, and the base counts too', async () => {
    bed.fake.config = 'maxFiles: 12\n';
    bed.fake.pull.base.sha = bed.fake.commit(bigger(toFiles(baseTree()), 5));
    bed.fake.pull.head.sha = bed.fake.commit(breakingTree());
    await bed.send('pull_request', bed.fake.pullRequestPayload('opened'));

    expect(blobRequests()).toEqual([]);
    const summary = bed.fake.checkRuns[0]?.output.summary ?? '';
    expect(summary).toMatch(
      /base main \([0-9a-f]{7}\) has 14 files under `contracts`, more than maxFiles \(12\)/,
    );
    expect(summary).not.toContain('head feature');
  });

  it('a tree over maxTotalBytes fails the check naming maxTotalBytes, unread', async () => {
    bed.fake.config = 'maxTotalBytes: 2048\n';
    breakingPullRequest(bed.fake);
    await bed.send('pull_request', bed.fake.pullRequestPayload('opened'));

    expect(blobRequests()).toEqual([]);
    expect(bed.fake.checkRuns[0]?.conclusion).toBe('failure');
    expect(bed.fake.checkRuns[0]?.output.summary).toMatch(
      /of files under `contracts`, more than maxTotalBytes \(2 KiB\)/,
    );
  });

  it('an approve command on a tree over the limits records nothing and says why', async () => {
    bed.fake.config = 'maxFiles: 5\n';
    breakingPullRequest(bed.fake);
    const res = await bed.send(
      'issue_comment',
      bed.fake.commentPayload('alice', '/contractguard approve all'),
    );
    expect(res.status).toBe(200);

    expect(blobRequests()).toEqual([]);
    expect(bed.fake.checkRuns).toEqual([]);
    const replies = bed.fake.botComments();
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toMatch(
      /^@alice contractguard did not check this commit: .* more than maxFiles \(5\)/,
    );
  });

  it('within the limits, a later push fetches only the blobs it changed', async () => {
    breakingPullRequest(bed.fake);
    await bed.send('pull_request', bed.fake.pullRequestPayload('opened'));
    const before = blobRequests().length;
    expect(before).toBeGreaterThan(0);
    bed.fake.pull.head.sha = bed.fake.commit({
      ...breakingTree(),
      'contracts/sync-customers/notes.md': 'n\n',
    });
    await bed.send('pull_request', bed.fake.pullRequestPayload('synchronize'));
    expect(blobRequests().slice(before)).toHaveLength(1);
  });
});
