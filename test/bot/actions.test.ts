import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { runInActions } from '../../bot/actions.js';
import { FakeGitHub, serveFake } from './fake-github.js';
import { coldProcess, TestOctokit, breakingPullRequest } from './harness.js';

let fake: FakeGitHub;
let api: { url: string; close(): Promise<void> };
let dir: string;

beforeEach(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  fake = new FakeGitHub();
  coldProcess();
  api = await serveFake(fake);
  dir = mkdtempSync(join(tmpdir(), 'contractguard-actions-'));
});

afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
  nock.enableNetConnect();
});

function env(name: string, payload: unknown): NodeJS.ProcessEnv {
  const path = join(dir, 'event.json');
  writeFileSync(path, JSON.stringify(payload));
  return {
    GITHUB_EVENT_NAME: name,
    GITHUB_EVENT_PATH: path,
    GITHUB_TOKEN: 'ghs_test',
    GITHUB_API_URL: api.url,
    LOG_LEVEL: 'fatal',
  };
}

describe('the Actions entry', () => {
  it('hands a scheduled run to the deprecation sync, which needs the repository named', async () => {
    const errors: string[] = [];
    const code = await runInActions({
      env: env('schedule', { schedule: '0 6 * * *' }),
      Octokit: TestOctokit,
      error: (line) => errors.push(line),
    });
    expect(code).toBe(1);
    expect(errors).toEqual([
      '::error::contractguard: GITHUB_REPOSITORY and GITHUB_TOKEN must be set for a scheduled run',
    ]);
    expect(fake.requests).toEqual([]);
  });

  it('runs the app on the job’s event', async () => {
    breakingPullRequest(fake);
    const errors: string[] = [];
    const code = await runInActions({
      env: env('pull_request', fake.pullRequestPayload('opened')),
      Octokit: TestOctokit,
      error: (line) => errors.push(line),
    });
    expect(errors).toEqual([]);
    expect(code).toBe(0);
    expect(fake.checkRuns).toHaveLength(1);
    expect(fake.botComments()).toHaveLength(1);
    expect(fake.requests.every((r) => r.path.startsWith('/repos/acme/') || r.path === '/graphql')).toBe(true);
  });

  it('fails the step (exit code 1) when a handler fails', async () => {
    breakingPullRequest(fake);
    fake.failures.set('GET /repos/acme/api/git/trees', [503, 503]);
    const errors: string[] = [];
    const code = await runInActions({
      env: env('pull_request', fake.pullRequestPayload('opened')),
      Octokit: TestOctokit,
      error: (line) => errors.push(line),
    });
    expect(code).toBe(1);
    expect(errors.join('\n')).toMatch(/^::error::contractguard: /);
    expect(fake.checkRuns[0]?.conclusion).toBe('failure');
  });

  it('fails when the event or token is missing', async () => {
    const errors: string[] = [];
    expect(await runInActions({ env: {}, error: (line) => errors.push(line) })).toBe(1);
    expect(errors[0]).toContain('GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_TOKEN not set');
  });
});
