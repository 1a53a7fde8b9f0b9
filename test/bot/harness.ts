/** Probot wired to a `FakeGitHub` through nock, with the network otherwise disabled. */
import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';

import app from '../../bot/app.js';
import { blobCache } from '../../bot/pipeline.js';
import { FakeGitHub, breakingTree, toFiles } from './fake-github.js';
import { baseTree } from '../e2e/helpers.js';

const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;

/** Routes every request to api.github.com into `fake`; anything else fails (net connect disabled). */
export function mountFake(fake: FakeGitHub): void {
  blobCache.clear(); // each test starts with a cold process
  nock.disableNetConnect();
  const scope = nock('https://api.github.com').persist();
  for (const method of METHODS) {
    scope.intercept(/.*/, method).reply((uri, requestBody) => {
      let body: unknown = requestBody;
      if (typeof requestBody === 'string' && requestBody !== '') {
        try {
          body = JSON.parse(requestBody);
        } catch {
          body = requestBody;
        }
      } else if (requestBody === '') body = undefined;
      const reply = fake.handle(method, uri, body);
      return [reply.status, reply.body as nock.Body, reply.headers ?? {}];
    });
  }
}

export function unmountFake(): void {
  nock.cleanAll();
  nock.enableNetConnect();
}

/**
 * Retries and throttling off. `ProbotOctokit.defaults({ throttle: { enabled: false } })` is not enough:
 * Probot passes its own `throttle` options when it creates a client, which replace the defaults' (a shallow
 * merge), so writes stay throttled to one a second. A function sees Probot's options and can switch it off.
 */
export const TestOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { enabled: false },
  throttle: { ...(options.throttle as object | undefined), enabled: false },
}));

export async function testProbot(): Promise<Probot> {
  const probot = new Probot({ githubToken: 'test', logLevel: 'fatal', Octokit: TestOctokit });
  await probot.load(app);
  return probot;
}

type Delivery = Parameters<Probot['receive']>[0];

let deliveries = 0;

/** A delivery as GitHub sends it (payloads in tests carry only the fields the bot reads). */
export function delivery(name: string, payload: Record<string, unknown>): Delivery {
  return { id: `delivery-${++deliveries}`, name, payload } as unknown as Delivery;
}

/** A PR whose head removes an output field of v2 (a breaking change inside an existing major). */
export function breakingPullRequest(fake: FakeGitHub): void {
  fake.pull.base.sha = fake.commit(toFiles(baseTree()));
  fake.pull.head.sha = fake.commit(breakingTree());
}
