/**
 * The Action's verify mode: one endpoint major of the checked-out tree verified against a running
 * implementation (`contractguard verify`, docs/verify.md), published as the check run
 * `verify / <endpoint> v<major>` whose summary is the Markdown report. The step fails when a check fails.
 * Bad input and an endpoint that cannot be reached throw one line and publish nothing.
 */
import { loadContractSet } from '../load/load.js';
import { FsSource } from '../load/source.js';
import { renderVerifyMarkdown } from '../report/verify-markdown.js';
import { verifyHeadline } from '../report/verify-view.js';
import type { VerifyReport } from '../verify/report.js';
import { selectVersion } from '../verify/select.js';
import { verifyVersion } from '../verify/verify.js';
import { type ChecksApi, publishCheckRun, type PublishedCheckRun } from './check-run.js';

export interface VerifyCheckOptions {
  workspace: string;
  /** Contract root relative to the workspace. */
  root: string;
  endpoint: string;
  major: number;
  baseUrl: string;
  /** Sent with every request (credentials): recorded redacted. */
  headers: Record<string, string>;
  headSha: string;
  owner: string;
  repo: string;
  github: () => ChecksApi;
  log?: { info(message: string): void };
}

export interface VerifyCheckRun {
  report: VerifyReport;
  markdown: string;
  checkRun: PublishedCheckRun;
}

/** `verify / sync-customers v3`. */
export function verifyCheckName(endpoint: string, major: number): string {
  return `verify / ${endpoint} v${major}`;
}

export async function runVerifyCheck(opts: VerifyCheckOptions): Promise<VerifyCheckRun> {
  const set = await loadContractSet(new FsSource(opts.workspace), { root: opts.root });
  const { endpoint, version } = selectVersion(set, opts.endpoint, opts.major);
  const report = await verifyVersion(set, endpoint, version, {
    baseUrl: opts.baseUrl,
    headers: opts.headers,
  });
  const markdown = renderVerifyMarkdown(report);
  const title = verifyHeadline(report);
  const checkRun = await publishCheckRun(opts.github(), {
    owner: opts.owner,
    repo: opts.repo,
    headSha: opts.headSha,
    name: verifyCheckName(report.endpoint, report.major),
    conclusion: report.passed ? 'success' : 'failure',
    title,
    summary: markdown,
  });
  opts.log?.info(`contractguard: ${title}`);
  return { report, markdown, checkRun };
}
