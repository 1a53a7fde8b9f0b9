import { Probot } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { registerDeprecations } from '../../bot/deprecations.js';
import { runDeprecationSync } from '../../src/github/deprecation-issues.js';
import {
  DASHBOARD_LABEL,
  DASHBOARD_MARKER,
  DEPRECATION_LABEL,
  deprecationMarker,
  parseDeprecationState,
} from '../../src/github/deprecation-state.js';
import type { GitHubClient } from '../../src/github/client.js';
import { runScheduledSync } from '../../bot/schedule.js';
import { baseTree } from '../e2e/helpers.js';
import { OWNER, REPO, toFiles } from './fake-github.js';
import { FakeGitHubWithIssues } from './fake-issues.js';
import { TestOctokit, delivery, mountFake, unmountFake } from './harness.js';

let fake: FakeGitHubWithIssues;
let now: Date;
let probot: Probot;

beforeEach(async () => {
  fake = new FakeGitHubWithIssues();
  mountFake(fake);
  now = new Date('2026-11-25T12:00:00Z');
  probot = new Probot({ githubToken: 'test', logLevel: 'fatal', Octokit: TestOctokit });
  await probot.load((app: Probot) => registerDeprecations(app, () => now));
});
afterEach(unmountFake);

interface TreeOptions {
  date?: string;
  /** Major `ops-dashboard` (owner a team) uses. */
  dashboardOn?: number;
  /** Major `billing-job` (owner a user) uses; `undefined` removes the consumer. */
  billingOn?: number | undefined;
}

/** `baseTree()` with v2 requiring a new input field, v1's deadline `date`, and two consumers. */
function tree(opts: TreeOptions = {}): Record<string, string | Buffer> {
  const { date = '2027-03-01', dashboardOn = 1 } = opts;
  const billingOn = 'billingOn' in opts ? opts.billingOn : 1;
  const base = baseTree();
  const input = structuredClone(base['contracts/sync-customers/v2/input.schema.json']) as {
    required: string[];
    properties: Record<string, unknown>;
  };
  input.required.push('region');
  input.properties.region = { type: 'string' };
  const files: Record<string, unknown> = {
    ...base,
    'contracts/sync-customers/v1/contract.yaml': String(
      base['contracts/sync-customers/v1/contract.yaml'],
    ).replace('2099-12-31', date),
    'contracts/sync-customers/v2/input.schema.json': input,
    'contracts/consumers/ops-dashboard.yaml':
      'name: ops-dashboard\nowner: "@acme/ops"\nkind: dashboard\nuses:\n' +
      `  - endpoint: sync-customers\n    version: ${dashboardOn}\n`,
  };
  if (billingOn !== undefined) {
    files['contracts/consumers/billing-job.yaml'] =
      'name: billing-job\nowner: "@alice"\nkind: job\nuses:\n' +
      `  - endpoint: sync-customers\n    version: ${billingOn}\n`;
  }
  return toFiles(files);
}

function pushPayload(sha: string, ref = 'refs/heads/main'): Record<string, unknown> {
  return {
    ref,
    after: sha,
    deleted: false,
    repository: {
      name: REPO,
      full_name: `${OWNER}/${REPO}`,
      owner: { login: OWNER, name: OWNER },
      default_branch: 'main',
    },
    installation: { id: 1 },
    sender: { login: 'someone', type: 'User' },
  };
}

/** Pushes `files` to main, twice (the second delivery must change nothing). */
async function push(files: Record<string, string | Buffer>): Promise<void> {
  const sha = fake.commit(files);
  fake.branchSha = sha;
  await probot.receive(delivery('push', pushPayload(sha)));
  const writes = fake.writes().length;
  const snapshot = JSON.stringify(fake.issues);
  await probot.receive(delivery('push', pushPayload(sha)));
  expect(fake.writes().length).toBe(writes);
  expect(JSON.stringify(fake.issues)).toBe(snapshot);
}

function deprecationIssue(consumer: string) {
  const marker = deprecationMarker('sync-customers', 1, consumer);
  const found = fake
    .withLabel(DEPRECATION_LABEL)
    .filter((i) => i.user.type === 'Bot' && i.body.includes(marker));
  expect(found).toHaveLength(1);
  return found[0] as (typeof found)[number];
}

function dashboard() {
  const found = fake.withLabel(DASHBOARD_LABEL);
  expect(found).toHaveLength(1);
  return found[0] as (typeof found)[number];
}

async function client(): Promise<GitHubClient> {
  return (await probot.auth()) as unknown as GitHubClient;
}

describe('deprecation issues on push', () => {
  it('creates one issue per consumer of a deprecated major, and a dashboard', async () => {
    await push(tree());
    expect(fake.withLabel(DEPRECATION_LABEL)).toHaveLength(2);

    const billing = deprecationIssue('billing-job');
    expect(billing.title).toBe('Migrate billing-job off sync-customers v1 by 2027-03-01');
    expect(billing.state).toBe('open');
    expect(billing.assignees).toEqual([{ login: 'alice' }]);
    expect(billing.body).toContain('@alice');
    expect(billing.body).toContain('2027-03-01 (96 days left)');
    expect(billing.body).toContain('**Replacement:** v2');
    expect(billing.body).toMatch(/Request \(breaking\): .*region/);
    expect(billing.comments).toEqual([]);

    const ops = deprecationIssue('ops-dashboard');
    expect(ops.assignees).toEqual([]); // a team is mentioned, not assigned
    expect(ops.body).toContain('@acme/ops');

    const board = dashboard();
    expect(board.body.startsWith(DASHBOARD_MARKER)).toBe(true);
    expect(board.body).toContain(
      `| sync-customers | v1 | deprecated | — | billing-job, ops-dashboard | 2027-03-01 | 96 | #${billing.number} #${ops.number} |`,
    );
    expect(board.body).toContain('| sync-customers | v2 | active | latest, prod | — | — | — | — |');
  });

  it('ignores pushes to other branches', async () => {
    const sha = fake.commit(tree());
    await probot.receive(delivery('push', pushPayload(sha, 'refs/heads/feature')));
    expect(fake.issues).toHaveLength(0);
  });

  it('edits the issue (and the dashboard) when the deadline changes, and only then', async () => {
    await push(tree());
    const before = deprecationIssue('billing-job');
    const number = before.number;
    const boardBefore = dashboard().body;
    await push(tree({ date: '2027-06-30' }));
    const after = deprecationIssue('billing-job');
    expect(after.number).toBe(number);
    expect(after.title).toBe('Migrate billing-job off sync-customers v1 by 2027-06-30');
    expect(after.body).toContain('2027-06-30');
    expect(dashboard().body).not.toBe(boardBefore);
    expect(dashboard().body).toContain('2027-06-30');
    expect(fake.issues).toHaveLength(3);
  });

  it('closes with a comment when the consumer moves to a supported major, reopens when it moves back', async () => {
    await push(tree());
    await push(tree({ dashboardOn: 2 }));
    const ops = deprecationIssue('ops-dashboard');
    expect(ops.state).toBe('closed');
    expect(ops.comments).toEqual([
      '`ops-dashboard` now uses sync-customers v2: nothing left to migrate, closing.',
    ]);
    expect(parseDeprecationState(ops.body).resolved).toBe(true);
    expect(deprecationIssue('billing-job').state).toBe('open');
    expect(dashboard().body).toContain('| sync-customers | v2 | active | latest, prod | ops-dashboard |');

    await push(tree({ dashboardOn: 1 }));
    const reopened = deprecationIssue('ops-dashboard');
    expect(reopened.number).toBe(ops.number);
    expect(reopened.state).toBe('open');
    expect(reopened.comments).toHaveLength(2);
    expect(reopened.comments[1]).toContain('uses sync-customers v1 again');
    expect(parseDeprecationState(reopened.body).resolved).toBe(false);
    expect(fake.withLabel(DEPRECATION_LABEL)).toHaveLength(2);
  });

  it('closes when the consumer is removed', async () => {
    await push(tree());
    await push(tree({ billingOn: undefined }));
    const billing = deprecationIssue('billing-job');
    expect(billing.state).toBe('closed');
    expect(billing.comments).toEqual([
      '`billing-job` was removed from the consumers: nothing left to migrate, closing.',
    ]);
  });

  it('does not close an issue while the consumer file does not load', async () => {
    await push(tree());
    await push({ ...tree({ dashboardOn: 2 }), 'contracts/consumers/ops-dashboard.yaml': 'name: [oops\n' });
    expect(deprecationIssue('ops-dashboard').state).toBe('open');
    expect(deprecationIssue('ops-dashboard').comments).toEqual([]);
  });

  it('ignores a marker in an issue someone else opened', async () => {
    const forged = `${deprecationMarker('sync-customers', 1, 'billing-job')}\n<!-- contractguard:deprecation-state {"reminders":["30","7","1","overdue"],"resolved":false} -->`;
    fake.issues.push({
      number: 4000,
      title: 'forged',
      body: forged,
      state: 'open',
      labels: [{ name: DEPRECATION_LABEL }],
      assignees: [],
      user: { login: 'mallory', type: 'User' },
      comments: [],
    });
    await push(tree());
    const ours = fake.withLabel(DEPRECATION_LABEL).filter((i) => i.user.type === 'Bot');
    expect(ours).toHaveLength(2);
    expect(fake.issue(4000).body).toBe(forged);
    expect(fake.issue(4000).comments).toEqual([]);
  });

  it('leaves an issue a person closed alone', async () => {
    await push(tree());
    const billing = deprecationIssue('billing-job');
    billing.state = 'closed';
    await push(tree({ date: '2027-06-30' }));
    expect(billing.state).toBe('closed');
    expect(billing.comments).toEqual([]);
    expect(billing.body).toContain('2027-03-01');
  });
});

describe('reminders (scheduled runs)', () => {
  /** A scheduled run at `at` against the head of the default branch, twice. */
  async function scheduled(at: string): Promise<void> {
    now = new Date(at);
    const octokit = await client();
    const repo = { owner: OWNER, repo: REPO };
    await runDeprecationSync(octokit, repo, { now });
    const writes = fake.writes().length;
    const snapshot = JSON.stringify(fake.issues);
    const again = await runDeprecationSync(octokit, repo, { now });
    expect(again.reminded).toEqual([]);
    expect(fake.writes().length).toBe(writes);
    expect(JSON.stringify(fake.issues)).toBe(snapshot);
  }

  it('posts each reminder once: 30, 7 and 1 days before and once overdue', async () => {
    now = new Date('2027-01-01T09:00:00Z'); // 59 days before 2027-03-01
    await push(tree({ billingOn: undefined }));
    const ops = deprecationIssue('ops-dashboard');
    expect(ops.comments).toEqual([]);

    await scheduled('2027-01-15T09:00:00Z'); // 45 days: nothing due
    expect(ops.comments).toHaveLength(0);
    await scheduled('2027-01-30T09:00:00Z'); // 30 days
    expect(ops.comments).toHaveLength(1);
    expect(ops.comments[0]).toContain('@acme/ops reminder: 30 days left');
    await scheduled('2027-02-10T09:00:00Z'); // 19 days: nothing new
    expect(ops.comments).toHaveLength(1);
    await scheduled('2027-02-22T09:00:00Z'); // 7 days
    expect(ops.comments).toHaveLength(2);
    expect(ops.comments[1]).toContain('7 days left');
    await scheduled('2027-02-28T23:59:00Z'); // 1 day
    expect(ops.comments).toHaveLength(3);
    expect(ops.comments[2]).toContain('1 day left');
    await scheduled('2027-03-01T09:00:00Z'); // due today: nothing new
    expect(ops.comments).toHaveLength(3);
    await scheduled('2027-03-02T09:00:00Z'); // overdue
    expect(ops.comments).toHaveLength(4);
    expect(ops.comments[3]).toContain('the deadline has passed');
    expect(ops.comments[3]).toContain('overdue by 1 day');
    await scheduled('2027-04-02T09:00:00Z'); // still overdue: once only
    expect(ops.comments).toHaveLength(4);
    expect(parseDeprecationState(ops.body).reminders).toEqual(['30', '7', '1', 'overdue']);
    expect(ops.body).toContain('overdue by 32 days');
    expect(fake.withLabel(DEPRECATION_LABEL)).toHaveLength(1);
    expect(fake.withLabel(DASHBOARD_LABEL)).toHaveLength(1);
  });

  it('does not post the reminders already due when the issue is opened, only later ones', async () => {
    now = new Date('2027-02-24T09:00:00Z'); // 5 days before: 30 and 7 are already due
    await push(tree({ billingOn: undefined }));
    const ops = deprecationIssue('ops-dashboard');
    expect(ops.comments).toEqual([]);
    expect(parseDeprecationState(ops.body).reminders).toEqual(['30', '7']);
    await scheduled('2027-03-05T09:00:00Z'); // skipped the 1-day run: only the overdue one is posted
    expect(ops.comments).toHaveLength(1);
    expect(ops.comments[0]).toContain('the deadline has passed');
  });
});

describe('the scheduled entry (runScheduledSync)', () => {
  it('syncs the head of the default branch of GITHUB_REPOSITORY, and changes nothing the second time', async () => {
    fake.branchSha = fake.commit(tree());
    fake.config = 'root: contracts\nmaxBytes: 100000\n';
    const env = { GITHUB_REPOSITORY: `${OWNER}/${REPO}`, GITHUB_TOKEN: 'ghs_test' };
    const errors: string[] = [];
    const at = new Date('2027-01-30T09:00:00Z');
    expect(await runScheduledSync({ env, now: at, error: (l) => errors.push(l) })).toBe(0);
    expect(errors).toEqual([]);
    expect(fake.withLabel(DEPRECATION_LABEL)).toHaveLength(2);
    expect(fake.withLabel(DASHBOARD_LABEL)).toHaveLength(1);
    const writes = fake.writes().length;
    expect(await runScheduledSync({ env, now: at, error: (l) => errors.push(l) })).toBe(0);
    expect(fake.writes().length).toBe(writes);
  });

  it('takes the contract root from .github/contractguard.yml', async () => {
    fake.branchSha = fake.commit(tree());
    fake.config = 'root: elsewhere\n';
    const env = { GITHUB_REPOSITORY: `${OWNER}/${REPO}`, GITHUB_TOKEN: 'ghs_test' };
    expect(await runScheduledSync({ env, now })).toBe(0);
    expect(fake.withLabel(DEPRECATION_LABEL)).toHaveLength(0);
    expect(dashboard().body).not.toContain('sync-customers');
  });

  it('fails without a repository', async () => {
    const errors: string[] = [];
    expect(await runScheduledSync({ env: {}, error: (l) => errors.push(l) })).toBe(1);
    expect(errors[0]).toContain('GITHUB_REPOSITORY and GITHUB_TOKEN');
  });
});

describe('finding issues', () => {
  it('finds its issues past the first page of labeled issues', async () => {
    for (let i = 0; i < 120; i++) {
      fake.issues.push({
        number: 5000 + i,
        title: `other ${i}`,
        body: 'not ours',
        state: 'open',
        labels: [{ name: DEPRECATION_LABEL }],
        assignees: [],
        user: { login: 'someone', type: 'User' },
        comments: [],
      });
    }
    await push(tree());
    await push(tree());
    expect(fake.withLabel(DEPRECATION_LABEL)).toHaveLength(122);
    const pages = fake.requests.filter((r) => r.path === '/repos/acme/api/issues' && r.method === 'GET');
    expect(pages.some((r) => r.query.get('page') === '2')).toBe(true);
  });
});
