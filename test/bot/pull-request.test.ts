import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { REPORT_MARKER } from '../../src/github/sticky-comment.js';
import { baseTree } from '../e2e/helpers.js';
import { FakeGitHub, breakingTree, gitBlobSha, toFiles } from './fake-github.js';
import { breakingPullRequest, delivery, ledgerOf, mountFake, testProbot, unmountFake } from './harness.js';

let fake: FakeGitHub;

beforeEach(() => {
  fake = new FakeGitHub();
  mountFake(fake);
});
afterEach(unmountFake);

describe('pull_request', () => {
  it('opened: creates the sticky comment and a failed check run on the head SHA', async () => {
    breakingPullRequest(fake);
    const probot = await testProbot();
    await probot.receive(delivery('pull_request', fake.pullRequestPayload('opened')));

    const created = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/issues/7/comments'));
    expect(created).toHaveLength(1);
    const body = String((created[0]?.body as { body: string }).body);
    expect(body.startsWith(REPORT_MARKER)).toBe(true);
    expect(body).toContain('sync-customers');
    expect(body).toContain('/contractguard approve');
    expect(ledgerOf(body).last).toEqual({ sha: fake.pull.head.sha, passed: false });

    expect(fake.checkRuns).toHaveLength(1);
    const run = fake.checkRuns[0];
    expect(run).toMatchObject({ name: 'contractguard', head_sha: fake.pull.head.sha, conclusion: 'failure' });
    expect(run?.output.summary).toContain('sync-customers');
    expect(run?.annotations.length).toBeGreaterThan(0);
    expect(run?.annotations[0]).toMatchObject({
      path: 'contracts/sync-customers/v2/output.schema.json',
      annotation_level: 'failure',
    });
  });

  it('reads only files under the contract root, with one tree listing per commit', async () => {
    const files = { ...toFiles(baseTree()), 'src/secret.ts': 'export const x = 1;\n', 'README.md': '# hi\n' };
    fake.pull.base.sha = fake.commit(files);
    fake.pull.head.sha = fake.commit({ ...files, 'src/secret.ts': 'export const x = 2;\n' });
    const probot = await testProbot();
    await probot.receive(delivery('pull_request', fake.pullRequestPayload('opened')));

    const trees = fake.requests.filter((r) => r.path.includes('/git/trees/'));
    expect(trees.map((r) => r.path).sort()).toEqual(
      [fake.pull.base.sha, fake.pull.head.sha].map((s) => `/repos/acme/api/git/trees/${s}`).sort(),
    );
    expect(trees.every((r) => r.query.get('recursive') === '1')).toBe(true);
    const blobs = fake.requests.filter((r) => r.path.includes('/git/blobs/'));
    // Only contract blobs, each at most once; no contract file changed, so not the whole tree (the check is
    // change-driven: what the policy needs, such as the consumers).
    const distinct = new Set(Object.values(toFiles(baseTree())).map((c) => gitBlobSha(Buffer.from(c))));
    expect(new Set(blobs.map((r) => r.path)).size).toBe(blobs.length);
    expect(blobs.length).toBeLessThan(distinct.size);
    expect(blobs.every((r) => distinct.has(r.path.split('/').pop() as string))).toBe(true);
    // No contract change: a passing check run, and no comment on a PR that does not touch contracts.
    expect(fake.checkRuns[0]?.conclusion).toBe('success');
    expect(fake.botComments()).toHaveLength(0);
  });

  it('synchronize: updates the same comment found on the second page, and says when problems are resolved', async () => {
    breakingPullRequest(fake);
    const probot = await testProbot();
    fake.addOtherComments(120);
    await probot.receive(delivery('pull_request', fake.pullRequestPayload('opened')));
    fake.addOtherComments(10);
    const [comment] = fake.botComments();
    expect(fake.comments.indexOf(comment as never)).toBe(120);

    // A push that reverts the breaking change.
    fake.pull.head.sha = fake.commit(toFiles(baseTree()));
    await probot.receive(delivery('pull_request', fake.pullRequestPayload('synchronize')));

    const pages = fake.requests.filter(
      (r) => r.method === 'GET' && r.path === '/repos/acme/api/issues/7/comments',
    );
    expect(pages.map((r) => r.query.get('page') ?? '1')).toContain('2');
    expect(fake.botComments()).toHaveLength(1);
    const patches = fake.requests.filter((r) => r.method === 'PATCH' && r.path.includes('/issues/comments/'));
    expect(patches).toHaveLength(1);
    expect(patches[0]?.path).toBe(`/repos/acme/api/issues/comments/${comment?.id}`);
    expect(fake.botComments()[0]?.body).toContain('are resolved');
    expect(fake.checkRuns).toHaveLength(2);
    expect(fake.checkRuns[1]).toMatchObject({ head_sha: fake.pull.head.sha, conclusion: 'success' });
  });

  it('a later push fetches only the blobs it changed (blobs are cached by repository and SHA)', async () => {
    breakingPullRequest(fake);
    const probot = await testProbot();
    await probot.receive(delivery('pull_request', fake.pullRequestPayload('opened')));
    const before = fake.requests.length;
    const files = breakingTree();
    fake.pull.head.sha = fake.commit({
      ...files,
      'contracts/sync-customers/v2/endpoint-notes.md': 'notes\n',
    });
    await probot.receive(delivery('pull_request', fake.pullRequestPayload('synchronize')));
    const blobs = fake.requests.slice(before).filter((r) => r.path.includes('/git/blobs/'));
    expect(blobs.map((r) => r.path.split('/').pop())).toEqual([gitBlobSha(Buffer.from('notes\n'))]);
  });

  it('a pasted marker in someone else’s comment is never edited', async () => {
    breakingPullRequest(fake);
    fake.addComment('mallory', 'User', `${REPORT_MARKER}\nfake report`);
    const probot = await testProbot();
    await probot.receive(delivery('pull_request', fake.pullRequestPayload('opened')));
    expect(fake.comments[0]?.body).toBe(`${REPORT_MARKER}\nfake report`);
    expect(fake.botComments()).toHaveLength(1);
  });

  it('the same delivery twice: still one comment and one check run', async () => {
    breakingPullRequest(fake);
    const probot = await testProbot();
    const payload = fake.pullRequestPayload('opened');
    await probot.receive(delivery('pull_request', payload));
    const writesAfterFirst = fake.writes().length;
    await probot.receive(delivery('pull_request', payload));

    expect(fake.botComments()).toHaveLength(1);
    expect(fake.checkRuns).toHaveLength(1);
    const second = fake.writes().slice(writesAfterFirst);
    // The comment is unchanged (no write); the existing check run is updated, not duplicated.
    expect(second.map((r) => `${r.method} ${r.path.replace(/\d+$/, 'N')}`)).toEqual([
      'PATCH /repos/acme/api/check-runs/N',
    ]);
  });

  it('a newer push wins: a stale delivery posts nothing', async () => {
    breakingPullRequest(fake);
    const payload = fake.pullRequestPayload('synchronize');
    fake.pull.head.sha = fake.commit(toFiles(baseTree())); // the PR moved on before this delivery finished
    const probot = await testProbot();
    await probot.receive(delivery('pull_request', payload));
    expect(fake.writes()).toEqual([]);
  });

  it('ignores label events for other labels and edits that keep the base', async () => {
    breakingPullRequest(fake);
    const probot = await testProbot();
    await probot.receive(
      delivery('pull_request', fake.pullRequestPayload('labeled', { label: { name: 'bug' } })),
    );
    await probot.receive(
      delivery('pull_request', fake.pullRequestPayload('edited', { changes: { title: {} } })),
    );
    expect(fake.writes()).toEqual([]);
  });

  it('API 5xx: a failed check run that says why, and the delivery fails', async () => {
    breakingPullRequest(fake);
    fake.failures.set('GET /repos/acme/api/git/trees', [502, 502]);
    const probot = await testProbot();
    await expect(
      probot.receive(delivery('pull_request', fake.pullRequestPayload('opened'))),
    ).rejects.toThrow();
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.checkRuns[0]).toMatchObject({ conclusion: 'failure', head_sha: fake.pull.head.sha });
    expect(fake.checkRuns[0]?.output.summary).toContain('HTTP 502');
    expect(fake.botComments()).toHaveLength(0);
  });

  it('a contract file over the size limit is reported as a problem, without fetching it', async () => {
    fake.config = 'maxBytes: 2000\n';
    const files = toFiles(baseTree());
    const big = `{"type":"object","description":"${'x'.repeat(5000)}"}\n`;
    fake.pull.base.sha = fake.commit(files);
    fake.pull.head.sha = fake.commit({ ...files, 'contracts/sync-customers/v2/output.schema.json': big });
    const probot = await testProbot();
    await probot.receive(delivery('pull_request', fake.pullRequestPayload('opened')));
    const body = fake.botComments()[0]?.body ?? '';
    expect(body).toContain('output.schema.json');
    expect(body).toMatch(/limit/);
    expect(fake.checkRuns[0]?.conclusion).toBe('failure');
    const bigSha = fake.requests.filter((r) => r.path.includes('/git/blobs/')).map((r) => r.path);
    expect(bigSha.some((p) => p.endsWith(gitBlobSha(Buffer.from(big))))).toBe(false);
  });
});

describe('security', () => {
  it('a $ref leaving the contract root is a problem in the comment, and the file outside is never fetched', async () => {
    const files: Record<string, string | Buffer> = {
      ...toFiles(baseTree()),
      'secrets/keys.json': '{"type":"string"}\n',
    };
    const contract = String(files['contracts/sync-customers/v2/contract.yaml']).replace(
      'output: { $ref: ./output.schema.json }',
      'output: { $ref: ../../../secrets/keys.json }',
    );
    fake.pull.base.sha = fake.commit(files);
    fake.pull.head.sha = fake.commit({ ...files, 'contracts/sync-customers/v2/contract.yaml': contract });
    const probot = await testProbot();
    await probot.receive(delivery('pull_request', fake.pullRequestPayload('opened')));
    const body = fake.botComments()[0]?.body ?? '';
    expect(body).toContain('contracts/sync-customers/v2/contract.yaml');
    expect(body).toContain('leaves the contract root contracts');
    expect(fake.checkRuns[0]?.conclusion).toBe('failure');
    const secret = gitBlobSha(Buffer.from('{"type":"string"}\n'));
    expect(fake.requests.some((r) => r.path.endsWith(secret))).toBe(false);
  });
});

describe('check_run.rerequested', () => {
  it('re-runs the check of the PR whose head is the run’s commit, updating the same run', async () => {
    breakingPullRequest(fake);
    const probot = await testProbot();
    await probot.receive(delivery('pull_request', fake.pullRequestPayload('opened')));
    const run = fake.checkRuns[0];
    const payload = {
      action: 'rerequested',
      check_run: {
        id: run?.id,
        name: 'contractguard',
        head_sha: fake.pull.head.sha,
        pull_requests: [{ number: 7 }],
      },
      repository: fake.pullRequestPayload('opened').repository,
      installation: { id: 1 },
      sender: { login: 'author', type: 'User' },
    };
    const before = fake.requests.length;
    await probot.receive(delivery('check_run', payload));
    // Judged again (the commits' listings come from the process's cache) and published on the same run.
    const rerun = fake.requests.slice(before).map((r) => `${r.method} ${r.path}`);
    expect(rerun).toContain(`PATCH /repos/acme/api/check-runs/${run?.id}`);
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.botComments()).toHaveLength(1);

    const other = { ...payload, check_run: { ...payload.check_run, name: 'ci' } };
    const count = fake.requests.length;
    await probot.receive(delivery('check_run', other));
    expect(fake.requests.length).toBe(count);
  });
});
