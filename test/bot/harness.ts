/**
 * Probot wired to a `FakeGitHub`: in-process through nock (the network otherwise disabled), or end to end —
 * the bot's real server on localhost taking signed deliveries, the fake served over HTTP.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nock from 'nock';
import { Probot } from 'probot';
import { afterEach, beforeEach } from 'vitest';

import app from '../../bot/app.js';
import { createBotServer } from '../../bot/server.js';
import { type BotState, readState } from '../../src/check/ledger.js';
import { mentionCache } from '../../src/github/api-changes.js';
import { blobCache, treeListings } from '../../src/github/api-source.js';
import { ledgerKeyFromSecret } from '../../src/github/ledger-key.js';
import { FakeGitHub, breakingTree, serveFake, toFiles } from './fake-github.js';
import { deliveryId, sendDelivery } from './signed-delivery.js';
import { TestOctokit } from './test-octokit.js';
import { baseTree } from '../e2e/helpers.js';

const METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;

/** Empties the bot process's caches (blobs, listings, tokens): each test starts as a process just started. */
export function coldProcess(): void {
  blobCache.clear();
  treeListings.clear();
  mentionCache.clear();
}

/** Routes every request to api.github.com into `fake`; anything else fails (net connect disabled). */
export function mountFake(fake: FakeGitHub): void {
  coldProcess();
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

export { TestOctokit };

/** The webhook secret of the test bots: the approval ledger is sealed with a key derived from it. */
export const TEST_SECRET = 'test-webhook-secret';

export async function testProbot(secret = TEST_SECRET): Promise<Probot> {
  const probot = new Probot({ githubToken: 'test', secret, logLevel: 'fatal', Octokit: TestOctokit });
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

/** The approval ledger in a comment of PR #7, read as the bot with `secret` reads it. */
export function ledgerOf(body: string | undefined, secret = TEST_SECRET): BotState & { tampered: boolean } {
  const { state, tampered } = readState(body, {
    key: ledgerKeyFromSecret(secret),
    pullRequest: 'acme/api#7',
  });
  return { ...state, tampered };
}

export interface BotServerBed {
  /** The fake GitHub of the current test. */
  readonly fake: FakeGitHub;
  /** Sends a delivery signed with `secret` (default: the bot's own) to the bot's server. */
  send(event: string, payload: unknown, secret?: string): Promise<Response>;
  /** The webhook URL. */
  readonly url: string;
}

/**
 * The bot's server (`bot/server.ts`, Probot's node middleware) on localhost with webhook secret `secret`,
 * talking to a fake GitHub served by a second local server; fresh for every test.
 */
export function useBotServer(secret = TEST_SECRET): BotServerBed {
  let fake: FakeGitHub | undefined;
  let api: { url: string; close(): Promise<void> } | undefined;
  let server: Server | undefined;
  let url = '';
  beforeEach(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
    fake = new FakeGitHub();
    coldProcess();
    api = await serveFake(fake);
    const probot = new Probot({
      githubToken: 'test',
      secret,
      baseUrl: api.url,
      logLevel: 'fatal',
      Octokit: TestOctokit,
    });
    server = await createBotServer({ probot });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await api?.close();
    nock.enableNetConnect();
  });
  return {
    get fake(): FakeGitHub {
      if (fake === undefined) throw new Error('the fake GitHub starts in beforeEach');
      return fake;
    },
    get url(): string {
      return url;
    },
    send(event, payload, as = secret) {
      return sendDelivery(url, { event, body: payload, secret: as, id: deliveryId() });
    },
  };
}
