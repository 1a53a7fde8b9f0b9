/** bot/promotion.ts over src/github/canary-promotion.ts: promotion and rollback PRs from canary check runs, and the checks it refuses. */
import { Probot } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { registerPromotion } from '../../bot/promotion.js';
import type { CanaryCheckResult } from '../../src/canary/promotion.js';
import { onCanaryCheck, type PromotionOutcome } from '../../src/github/canary-promotion.js';
import type { GitHubClient } from '../../src/github/client.js';
import { renderCanarySummary } from '../../src/report/canary.js';
import { BRANCH, FILE, endpointYaml, result, setTree as setMain } from './canary-fixtures.js';
import { FakeGitHubWithPulls } from './fake-pulls.js';
import { delivery, mountFake, TestOctokit, unmountFake } from './harness.js';

let fake: FakeGitHubWithPulls;
let probot: Probot;
let tip: string;

function setTree(prod: number): void {
  tip = setMain(fake, prod);
}

beforeEach(async () => {
  fake = new FakeGitHubWithPulls();
  mountFake(fake);
  setTree(1);
  probot = new Probot({ githubToken: 'test', logLevel: 'fatal', Octokit: TestOctokit });
  await probot.load((app: Probot) => registerPromotion(app));
});
afterEach(() => unmountFake());

interface Overrides {
  name?: string;
  slug?: string;
  headBranch?: string;
  headRepo?: string;
  headSha?: string;
  summary?: string;
}

function payload(r: CanaryCheckResult, o: Overrides = {}) {
  return {
    action: 'completed',
    check_run: {
      name: o.name ?? 'canary / sync-customers',
      head_sha: o.headSha ?? tip,
      status: 'completed',
      app: { slug: o.slug ?? 'github-actions' },
      check_suite: {
        head_branch: o.headBranch ?? 'main',
        head_repository: { full_name: o.headRepo ?? 'acme/api' },
      },
      pull_requests: [],
      output: { title: 'canary', summary: o.summary ?? renderCanarySummary(r), text: null },
    },
    repository: {
      name: 'api',
      full_name: 'acme/api',
      owner: { login: 'acme' },
      default_branch: 'main',
    },
    installation: { id: 1 },
  };
}

async function send(r: CanaryCheckResult, o: Overrides = {}): Promise<void> {
  await probot.receive(delivery('check_run', payload(r, o)));
}

/** The handler called directly, for its reason. */
async function decide(r: CanaryCheckResult, o: Overrides = {}): Promise<PromotionOutcome> {
  const client = new TestOctokit({ auth: 'test' }) as unknown as GitHubClient;
  const log = { info: () => undefined, warn: () => undefined };
  return onCanaryCheck(client, payload(r, o), { root: 'contracts', maxBytes: 1_000_000 }, log);
}

describe('promotion PRs', () => {
  it('opens one PR moving the alias, byte for byte otherwise, labelled, with the evidence', async () => {
    await send(result('promote'));
    expect(fake.pulls).toHaveLength(1);
    const pull = fake.pulls[0]!;
    expect(pull).toMatchObject({
      head: { ref: BRANCH },
      base: { ref: 'main' },
      labels: [{ name: 'contractguard:promotion' }],
    });
    expect(fake.fileOn(BRANCH, FILE)).toBe(endpointYaml(1).replace('prod: 1,', 'prod: 2,'));
    expect(fake.fileOn('main', FILE)).toBe(endpointYaml(1));
    expect(pull.body).toContain('v1 → v2');
    expect(pull.body).toContain('| error rate `errorRate.above` |');
    expect(pull.body).toContain('- `billing-job` (@acme/billing) on v1');
    expect(pull.body).not.toContain('ops-dashboard'); // already on v2
  });

  it('the same event twice leaves one PR, updated', async () => {
    await send(result('promote'));
    const head = fake.branches.get(BRANCH);
    await send(result('promote'));
    expect(fake.branches.get(BRANCH)).toBe(head); // already the tip plus the edit: not rewritten
    expect(fake.parents.get(head ?? '')).toEqual([tip]);
    expect(fake.writes().some((w) => w.method === 'PATCH' && w.path.includes('/git/refs/'))).toBe(false);
    expect(fake.pulls).toHaveLength(1);
    expect(fake.openPulls()).toHaveLength(1);
    expect(fake.fileOn(BRANCH, FILE)).toBe(endpointYaml(1).replace('prod: 1,', 'prod: 2,'));
    expect(fake.writes().filter((w) => w.method === 'PATCH' && /\/pulls\/\d+$/.test(w.path))).toHaveLength(1);
  });

  it('hold updates the open PR body only', async () => {
    await send(result('promote'));
    const writes = fake.writes().length;
    await send(result('hold'));
    expect(fake.pulls).toHaveLength(1);
    expect(fake.pulls[0]?.body).toContain('**Verdict: hold**');
    const after = fake.writes().slice(writes);
    expect(after.map((w) => `${w.method} ${w.path}`)).toEqual([
      `PATCH /repos/acme/api/pulls/${fake.pulls[0]?.number}`,
    ]);
  });

  it('hold without a promotion PR writes nothing', async () => {
    await send(result('hold'));
    expect(fake.writes()).toEqual([]);
  });

  it('a newer candidate closes the older promotion PR with a comment', async () => {
    await send(result('promote', 2));
    await send(result('promote', 3));
    expect(fake.pulls).toHaveLength(2);
    expect(fake.pulls[0]).toMatchObject({ state: 'closed' });
    expect(fake.pulls[0]?.comments[0]).toContain('Superseded');
    expect(fake.openPulls()).toHaveLength(1);
    expect(fake.fileOn(BRANCH, FILE)).toContain('prod: 3,');
    expect(fake.parents.get(fake.branches.get(BRANCH) ?? '')).toEqual([tip]);
    // The ref moved straight to the new commit, never to the tip (GitHub would call the PR merged).
    const moves = fake.writes().filter((w) => w.path.includes('/git/refs'));
    expect(moves.every((w) => (w.body as { sha: string }).sha !== tip)).toBe(true);
  });

  it('rollback after the alias was promoted opens a PR moving it back, mentioning the owner', async () => {
    setTree(2);
    await send(result('rollback'));
    expect(fake.pulls).toHaveLength(1);
    const pull = fake.pulls[0]!;
    expect(pull.head.ref).toBe('contractguard/rollback-sync-customers-prod');
    expect(fake.fileOn(pull.head.ref, FILE)).toBe(endpointYaml(2).replace('prod: 2,', 'prod: 1,'));
    expect(pull.body).toContain('@acme/crm-team');
    expect(pull.body).toContain(
      '- `errorRate.above`: 50 errors in 1000 requests is 5%, 95% bounds 3.98282% to 6.26002% (one-sided Wilson): above the limit of 1% with 95% confidence',
    );
  });

  it('rollback of a candidate the alias does not point at opens nothing', async () => {
    await send(result('rollback'));
    expect(fake.writes()).toEqual([]);
  });
});

describe('forged or foreign checks open no PR', () => {
  it.each<[string, Overrides, RegExp]>([
    ['another app', { slug: 'mallory-app' }, /not a trusted one/],
    ['a fork', { headRepo: 'mallory/api' }, /fork/],
    ['another branch', { headBranch: 'feature' }, /not on the default branch/],
    ['a commit not on the default branch', { headSha: 'f'.repeat(40) }, /is not on main/],
    [
      'an invalid report',
      { summary: '<!-- contractguard:canary -->\n```json\n{"verdict":"promote"}\n```' },
      /invalid canary report: the report has no valid endpoint/,
    ],
    ['no report', { summary: 'all good' }, /invalid canary report: .*no <!-- contractguard:canary --> block/],
    ['an unknown check name', { name: 'canary / other' }, /no endpoint other/],
  ])('from %s', async (_, overrides, reason) => {
    await send(result('promote'), overrides);
    expect(fake.pulls).toEqual([]);
    expect(fake.writes()).toEqual([]);
    const outcome = await decide(result('promote'), overrides);
    expect(outcome).toMatchObject({ acted: false });
    expect(outcome.reason).toMatch(reason);
  });

  it('a report for another endpoint under this check name', async () => {
    await send({ ...result('promote'), endpoint: 'export-orders' });
    expect(fake.writes()).toEqual([]);
  });

  it('accepts an ancestor of the default branch tip', async () => {
    const old = tip;
    setTree(1);
    fake.ancestors.add(`${tip}...${old}`);
    await send(result('promote'), { headSha: old });
    expect(fake.pulls).toHaveLength(1);
  });
});
