/**
 * Issue 17, the bot: after the first check of a PR, a push that changes one file costs the same API requests
 * on a repository of 50 endpoints as on one of 500 (the tokens of every base blob are cached by SHA, the
 * changed paths come from the two tree listings, base's kept from the first check), and the comment and
 * check run say what a full check says, less the list of untouched versions it never read — also when the
 * process starts cold on that push.
 */
import { describe, expect, it } from 'vitest';

import { applyTreeEdits, generateTree, type TreeFiles, type TreeSpec } from '../../bench/generate.js';
import { checkPullRequest } from '../../src/check/pull-request.js';
import { GitHubApiSource, type GitDataApi } from '../../src/github/api-source.js';
import { DEFAULT_CONFIG } from '../../src/github/config.js';
import { commentBody } from '../../src/github/sticky-comment.js';
import { checkRunSummary, checkRunTitle, commentText } from '../../src/report/pull-request.js';
import { FakeGitHub, gitBlobSha, OWNER, REPO, type RecordedRequest } from './fake-github.js';
import { coldProcess, delivery, ledgerOf, mountFake, testProbot, unmountFake } from './harness.js';

const spec = (endpoints: number): TreeSpec => ({
  endpoints,
  majors: 2,
  sharedUsers: 5,
  crossRefs: true,
  consumers: 4,
});

const inRoot = (files: TreeFiles) =>
  Object.fromEntries([...files].map(([f, text]) => [`contracts/${f}`, text]));

/** `GET /repos/acme/api/git/blobs/:sha` → how many times, for each route requested. */
function routes(requests: readonly RecordedRequest[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of requests) {
    const route = `${r.method} ${r.path.replace(/\/[0-9a-f]{40}(?=\/|$)/g, '/:sha').replace(/\/\d+(?=\/|$)/g, '/:id')}`;
    counts[route] = (counts[route] ?? 0) + 1;
  }
  return counts;
}

/** The report of a full check (both trees loaded whole) of the fake's PR, read through the fake's API. */
async function fullCheck(fake: FakeGitHub) {
  const call = (path: string) => {
    const reply = fake.handle('GET', path, undefined);
    if (reply.status !== 200) throw new Error(`${path}: ${reply.status}`);
    return reply.body;
  };
  const api: GitDataApi = {
    rest: {
      git: {
        getTree: async ({ tree_sha }) => ({
          data: call(`/repos/${OWNER}/${REPO}/git/trees/${tree_sha}`) as never,
        }),
        getBlob: async ({ file_sha }) => ({
          data: call(`/repos/${OWNER}/${REPO}/git/blobs/${file_sha}`) as never,
        }),
      },
    },
  };
  const { base, head } = fake.pull;
  const source = (sha: string) =>
    new GitHubApiSource(api, { owner: OWNER, repo: REPO, sha, root: 'contracts' });
  return checkPullRequest({
    base: source(base.sha),
    head: source(head.sha),
    refs: { base: `${base.ref} (${base.sha.slice(0, 7)})`, head: `${head.ref} (${head.sha.slice(0, 7)})` },
    load: { root: DEFAULT_CONFIG.root, maxBytes: DEFAULT_CONFIG.maxBytes },
    approvals: [],
  });
}

/** A comment or check run summary without its list of unchanged versions (a full check lists them all). */
const withoutUnchanged = (text: string) =>
  text.replace(/<details><summary>\d+ versions? unchanged<\/summary>[\s\S]*?<\/details>/, '(unchanged)');

interface Pushed {
  fake: FakeGitHub;
  /** Requests per route of the synchronize event. */
  synchronize: Record<string, number>;
  opened: Record<string, number>;
  /** Distinct blobs of the base tree, and of the base and both heads. */
  blobs: { base: number; all: number };
}

const distinctBlobs = (...trees: TreeFiles[]) =>
  new Set(trees.flatMap((tree) => [...tree.values()].map((text) => gitBlobSha(Buffer.from(text))))).size;

/**
 * A PR on a generated tree of `endpoints` endpoints × 2 majors: opened with a breaking change in one
 * endpoint, then a push that changes one file of another (breaking too). `cold`: the process restarts (its
 * caches empty) between the two events.
 */
async function pushToPullRequest(endpoints: number, cold = false): Promise<Pushed> {
  const fake = new FakeGitHub();
  mountFake(fake);
  try {
    fake.config = 'maxFiles: 5000\n';
    const base = generateTree(spec(endpoints));
    const first = applyTreeEdits(spec(endpoints), base, [{ kind: 'output-enum', endpoint: 3, major: 1 }]);
    const second = applyTreeEdits(spec(endpoints), first, [
      { kind: 'input-required', endpoint: 7, major: 2 },
    ]);
    fake.pull.base.sha = fake.commit(inRoot(base));
    fake.pull.head.sha = fake.commit(inRoot(first));
    const probot = await testProbot();
    await probot.receive(delivery('pull_request', fake.pullRequestPayload('opened')));
    const opened = routes(fake.requests);
    const before = fake.requests.length;
    if (cold) {
      coldProcess();
    }
    fake.pull.head.sha = fake.commit(inRoot(second));
    await probot.receive(delivery('pull_request', fake.pullRequestPayload('synchronize')));
    const blobs = { base: distinctBlobs(base), all: distinctBlobs(base, first, second) };
    return { fake, opened, synchronize: routes(fake.requests.slice(before)), blobs };
  } finally {
    unmountFake();
  }
}

/** The bot's comment and last check run equal a full check's, but for the unchanged versions listed. */
async function expectFullVerdict(fake: FakeGitHub): Promise<void> {
  const [comment] = fake.botComments();
  const run = fake.checkRuns.at(-1);
  const full = await fullCheck(fake);
  const links = {
    base: `https://github.com/${OWNER}/${REPO}/blob/${fake.pull.base.sha}`,
    head: `https://github.com/${OWNER}/${REPO}/blob/${fake.pull.head.sha}`,
  };
  expect(full.report.passed).toBe(false);
  expect(run).toMatchObject({ head_sha: fake.pull.head.sha, conclusion: 'failure' });
  expect(run?.output.title).toBe(checkRunTitle(full.report));
  expect(withoutUnchanged(run?.output.summary ?? '')).toBe(
    withoutUnchanged(checkRunSummary(full.report, links)),
  );

  const body = comment?.body ?? '';
  const expected = commentText({
    report: full.report,
    previous: { sha: fake.pull.head.sha, passed: false }, // unused: the report fails
    pending: full.pending,
    approveLabel: DEFAULT_CONFIG.approveLabel,
    repoName: `${OWNER}/${REPO}`,
    approvers: full.approvers,
    checkRunUrl: `https://github.com/${OWNER}/${REPO}/runs/${run?.id}`,
    labelOnPr: false,
    stateMarker: body.slice(body.lastIndexOf('\n\n<!-- ') + 2),
    links,
  });
  expect(ledgerOf(body).last).toEqual({ sha: fake.pull.head.sha, passed: false });
  expect(withoutUnchanged(body)).toBe(withoutUnchanged(commentBody(expected)));
  // The full check lists every untouched version as unchanged; the bot did not read them.
  const unchanged = (text: string) => Number(/(\d+) versions? unchanged/.exec(text)?.[1] ?? 0);
  expect(unchanged(body)).toBeLessThan(unchanged(commentBody(expected)) / 2);
}

describe('the bot on a large repository', () => {
  it('a push changing one file makes the same API requests on 50 and on 500 endpoints', async () => {
    const small = await pushToPullRequest(50);
    const large = await pushToPullRequest(500);

    expect(large.synchronize).toEqual(small.synchronize);
    expect(large.synchronize['GET /repos/acme/api/git/blobs/:sha']).toBe(1); // the changed file
    expect(large.synchronize['GET /repos/acme/api/git/trees/:sha']).toBe(1); // the new head: base's is kept
    // The first check read every blob of base once (and the one its head changed).
    for (const { opened, blobs } of [small, large])
      expect(opened['GET /repos/acme/api/git/blobs/:sha']).toBe(blobs.base + 1);
    expect(large.blobs.base).toBeGreaterThan(5 * small.blobs.base);
  }, 120_000);

  it('the comment and check run of that push are what a full check gives', async () => {
    const { fake } = await pushToPullRequest(500);
    await expectFullVerdict(fake);
  }, 120_000);

  it('a push the process meets cold is judged as a full check judges it', async () => {
    const { fake, synchronize, blobs } = await pushToPullRequest(50, true);
    // Base read again (to find what refers to the changed files), with the two files head changed.
    expect(synchronize['GET /repos/acme/api/git/blobs/:sha']).toBe(blobs.all);
    await expectFullVerdict(fake);
  }, 120_000);
});
