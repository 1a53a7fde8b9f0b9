/** The GitHub REST/GraphQL client every GitHub-facing part of contractguard uses. */
import { getOctokit } from '@actions/github';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  /** REST API root; default `GITHUB_API_URL` (set on runners, GHES included), else `https://api.github.com`. */
  baseUrl?: string;
  env?: NodeJS.ProcessEnv;
}

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];

/**
 * An Octokit (REST methods and pagination) for `token`. Requests go through the global `fetch`, so HTTP mocks
 * (nock, msw) see them, unless a proxy is configured: then through `@actions/github`'s proxy-aware fetch,
 * as on a self-hosted runner behind a proxy Node's own `fetch` would not use it.
 */
export function createClient(token: string, opts: ClientOptions = {}): GitHubClient {
  const env = opts.env ?? process.env;
  const baseUrl = (opts.baseUrl ?? (env.GITHUB_API_URL || 'https://api.github.com')).replace(/\/+$/, '');
  const proxied = PROXY_VARIABLES.some((name) => (env[name] ?? '') !== '');
  return getOctokit(token, proxied ? { baseUrl } : { baseUrl, request: { fetch: globalThis.fetch } });
}

/** The HTTP status of an Octokit request error, if it is one. */
export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** An error's message on one line, for logs. */
export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
