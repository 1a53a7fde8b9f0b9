/**
 * Issue 11, attack 4, end to end: signed `check_run.completed` deliveries from the trusted app reach the bot's
 * real HTTP server, which talks to a fake GitHub over HTTP. The bot judges the canary's measurements itself
 * against the default branch's policy: a lying verdict, empty criteria, a candidate that does not exist or is
 * already the target change no PR and no branch, are explained in a neutral check run, and never block a
 * later valid report.
 */
import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { Probot } from 'probot';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { createBotServer } from '../../bot/server.js';
import type { CanaryCheckResult } from '../../src/canary/promotion.js';
import { renderCanarySummary } from '../../src/report/canary.js';
import { BRANCH, FILE, result, setTree } from './canary-fixtures.js';
import { serveFake } from './fake-github.js';
import { FakeGitHubWithPulls } from './fake-pulls.js';
import { coldProcess, TestOctokit } from './harness.js';

const SECRET = 'promotion-webhook-secret';
const EXPLAINER = 'contractguard promotion / sync-customers';

let fake: FakeGitHubWithPulls;
let api: { url: string; close(): Promise<void> };
let server: Server;
let botUrl: string;
let tip: string;

beforeEach(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  fake = new FakeGitHubWithPulls();
  coldProcess();
  api = await serveFake(fake);
  tip = setTree(fake, 1);
  const probot = new Probot({
    githubToken: 'test',
    secret: SECRET,
    baseUrl: api.url,
    logLevel: 'fatal',
    Octokit: TestOctokit,
  });
  server = await createBotServer({ probot });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await api.close();
  nock.enableNetConnect();
});

let n = 0;
/** A signed `check_run.completed` delivery of the canary check on the default branch's tip, from the Action. */
async function sendCanary(claim: CanaryCheckResult): Promise<void> {
  const body = JSON.stringify({
    action: 'completed',
    check_run: {
      name: 'canary / sync-customers',
      head_sha: tip,
      status: 'completed',
      app: { slug: 'github-actions' },
      check_suite: { head_branch: 'main', head_repository: { full_name: 'acme/api' } },
      pull_requests: [],
      output: { title: 'canary', summary: renderCanarySummary(claim), text: null },
    },
    repository: { name: 'api', full_name: 'acme/api', owner: { login: 'acme' }, default_branch: 'main' },
    installation: { id: 1 },
  });
  const response = await fetch(botUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/e2e',
      'x-github-event': 'check_run',
      'x-github-delivery': `10000000-0000-0000-0000-${String(++n).padStart(12, '0')}`,
      'x-github-hook-id': '1',
      'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
    },
    body,
  });
  expect(response.status).toBe(200);
}

/** No PR opened, updated or closed, and no branch or commit made. */
function expectNoPromotionChange(): void {
  expect(fake.pulls).toEqual([]);
  expect([...fake.branches.keys()]).toEqual(['main']);
  expect(fake.writes().filter((w) => /\/(pulls|git|issues)\b/.test(w.path))).toEqual([]);
}

/** The neutral check run in which the bot explains itself on the canary's commit. */
function explanation(): { title: string; summary: string } {
  const runs = fake.checkRuns.filter((r) => r.name === EXPLAINER);
  expect(runs).toHaveLength(1);
  expect(runs[0]).toMatchObject({ head_sha: tip, status: 'completed', conclusion: 'neutral' });
  return runs[0]!.output;
}

describe('promotion re-derives its verdict from the measurements', () => {
  it('a promote verdict over failing measurements opens no PR, and says the measurements say rollback', async () => {
    const failing = result('rollback');
    expect(failing.criteria.every((c) => c.outcome === 'fail' || c.name === 'minRequests')).toBe(true);
    await sendCanary({ ...failing, verdict: 'promote' });
    expectNoPromotionChange();
    const { summary } = explanation();
    expect(summary).toContain('The canary check run says **promote**, but its measurements');
    expect(summary).toContain('say **rollback**');
    expect(summary).toContain('nothing to roll back');
  });

  it('a promote verdict with an empty criteria list and no traffic opens no PR: the measurements say hold', async () => {
    await sendCanary({ ...result('hold'), verdict: 'promote', criteria: [] });
    expectNoPromotionChange();
    const { summary } = explanation();
    expect(summary).toContain('say **hold**');
    expect(summary).toContain('| requests `minRequests` | 0 | ≥ 1 | ⏳ not enough data |');
  });

  it('a candidate v99 that does not exist on the default branch opens no PR, and says so', async () => {
    await sendCanary(result('promote', 99));
    expectNoPromotionChange();
    const { title, summary } = explanation();
    expect(title).toBe('sync-customers v99: report not acted on');
    expect(summary).toContain("sync-customers has no v99 on the default branch (the report's candidate)");
  });

  it('a rollback verdict for the current target over passing measurements opens no rollback PR', async () => {
    tip = setTree(fake, 2); // prod already points at the candidate v2
    await sendCanary({ ...result('promote'), verdict: 'rollback' });
    expectNoPromotionChange();
    const { summary } = explanation();
    expect(summary).toContain('say **promote**');
    expect(summary).toContain('alias prod already points at v2');
  });
});

describe('a rejected report never blocks a valid one', () => {
  it('after a rejected v99 report, a valid v3 report opens the promotion PR', async () => {
    await sendCanary(result('promote', 99));
    await sendCanary(result('promote', 3));
    expect(fake.openPulls()).toHaveLength(1);
    expect(fake.openPulls()[0]?.title).toBe('contractguard: promote sync-customers prod to v3');
    expect(fake.fileOn(BRANCH, FILE)).toContain('prod: 3,');
  });

  it('an open promotion PR to a major that does not exist is closed, not obeyed, by a valid report', async () => {
    await sendCanary(result('promote', 3));
    const bogus = fake.openPulls()[0]!;
    bogus.body = bogus.body.replace('"target":3', '"target":99'); // as the old bot left it
    await sendCanary(result('promote', 2));
    expect(bogus.state).toBe('closed');
    expect(bogus.comments[0]).toContain('v99 is not a major `prod` may move to');
    expect(fake.openPulls()).toHaveLength(1);
    expect(fake.fileOn(BRANCH, FILE)).toContain('prod: 2,');
  });
});
