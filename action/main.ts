/** The GitHub Action: inputs → the contract check (src/github/check.ts) → outputs, annotations, summary. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import { context } from '@actions/github';

import { writeCatalog } from '../src/commands/catalog.js';
import { contractRoot } from '../src/commands/tree-input.js';
import { useJsonSchemaDiffSource } from '../src/diff/semantic.js';
import { createClient, errorText } from '../src/github/client.js';
import { runCheck } from '../src/github/check.js';
import { runCanaryAction } from '../src/github/canary-check.js';
import { runVerifyCheck } from '../src/github/verify-check.js';
import { resolveRef } from '../src/load/git.js';
import { normalizeRepoPath } from '../src/load/source.js';
import { toAnnotations, toWorkflowCommands } from '../src/report/annotations.js';
import { toTreeJson } from '../src/report/json.js';
import { renderVerifyJson } from '../src/report/verify-json.js';
import { parseHeaderLines } from '../src/verify/target.js';

/** json-schema-diff as one CommonJS module's code, put in by action/build.mjs: no node_modules on a runner. */
declare const JSON_SCHEMA_DIFF_SOURCE: string;
useJsonSchemaDiffSource(JSON_SCHEMA_DIFF_SOURCE);

/** An optional input restricted to `allowed` (empty: undefined). */
function choice<T extends string>(name: string, allowed: readonly T[]): T | undefined {
  const value = core.getInput(name);
  if (value === '') return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(`input ${name} must be ${allowed.join(', ')} or empty, not ${JSON.stringify(value)}`);
}

async function main(): Promise<void> {
  const mode = choice('mode', ['diff', 'canary', 'catalog', 'verify']) ?? 'diff';
  if (mode === 'canary') return canary();
  if (mode === 'catalog') return catalog();
  if (mode === 'verify') return verify();
  const env = process.env;
  const token = core.getInput('github-token');
  const result = await runCheck({
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    root: normalizeRepoPath(core.getInput('contracts') || 'contracts'),
    eventName: context.eventName,
    payload: context.payload,
    base: core.getInput('base') || undefined,
    head: core.getInput('head') || undefined,
    semantics: choice('semantics', ['pragmatic', 'strict']),
    failOn: choice('fail-on', ['breaking', 'dangerous', 'never']),
    comment: core.getInput('comment') === '' ? true : core.getBooleanInput('comment'),
    approveLabel: core.getInput('approve-label') || 'contractguard: breaking-approved',
    repository: env.GITHUB_REPOSITORY || undefined,
    serverUrl: env.GITHUB_SERVER_URL || 'https://github.com',
    github: () => createClient(token),
    log: { info: core.info, warning: core.warning },
  });
  const { report } = result;
  for (const line of toWorkflowCommands(toAnnotations(report))) process.stdout.write(`${line}\n`);

  const json = toTreeJson(report);
  const dir = join(env.RUNNER_TEMP || tmpdir(), 'contractguard');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'report.json'), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(dir, 'report.md'), result.summary);
  if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(result.summary, true).write();

  core.setOutput('verdict', report.verdict);
  core.setOutput('breaking', json.counts.breaking);
  core.setOutput('dangerous', json.counts.dangerous);
  core.setOutput('additive', json.counts.additive);
  core.setOutput('report-json', join(dir, 'report.json'));
  core.setOutput('report-markdown', join(dir, 'report.md'));
  if (!report.passed) core.setFailed(`contractguard: ${json.summary}`);
  else core.info(`contractguard: ${json.summary}`);
}

/**
 * `mode: canary`: judge a canary report — the `report` file, or collected from `prometheus-url` over
 * `window` — and publish `canary / <endpoint>`; exit 0 on promote or hold, 1 on rollback.
 */
async function canary(): Promise<void> {
  const env = process.env;
  const token = core.getInput('github-token');
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new Error('GITHUB_REPOSITORY is not set (owner/name)');
  const run = await runCanaryAction(
    {
      workspace,
      root: normalizeRepoPath(core.getInput('contracts') || 'contracts'),
      headSha: env.GITHUB_SHA || (await resolveRef(workspace, 'HEAD')),
      owner,
      repo,
      github: () => createClient(token),
      log: { info: core.info },
    },
    {
      report: core.getInput('report'),
      prometheusUrl: core.getInput('prometheus-url'),
      endpoint: core.getInput('endpoint'),
      baseline: core.getInput('baseline'),
      candidate: core.getInput('candidate'),
      window: core.getInput('window'),
    },
  );
  if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(run.summary, true).write();
  core.setOutput('verdict', run.result.verdict);
  if (run.result.verdict === 'rollback')
    core.setFailed(`contractguard: canary ${run.result.endpoint}: rollback`);
}

/** `mode: catalog`: the checked-out tree as a static site in `out`, for actions/upload-pages-artifact. */
async function catalog(): Promise<void> {
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const out = core.getInput('out') || '_site';
  const written = await writeCatalog({
    repo: workspace,
    root: contractRoot(core.getInput('contracts') || 'contracts'),
    out: resolve(workspace, out),
    outTyped: out,
    now: new Date(),
  });
  const line = `contractguard catalog: ${join(out, 'index.html')}: ${written.summary}`;
  core.info(line);
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(line, true).write();
  core.setOutput('site', resolve(workspace, out));
}

/**
 * `mode: verify`: `contractguard verify` of one endpoint major against `base-url`, published as the check run
 * `verify / <endpoint> v<major>`; the step fails when a check fails.
 */
async function verify(): Promise<void> {
  const env = process.env;
  const required = (name: string): string => {
    const value = core.getInput(name);
    if (value === '') throw new Error(`mode verify needs the ${name} input`);
    return value;
  };
  const endpoint = required('endpoint');
  const major = Number(required('major'));
  if (!Number.isInteger(major) || major < 1)
    throw new Error(
      `input major must be a major version number, not ${JSON.stringify(core.getInput('major'))}`,
    );
  const headers = parseHeaderLines(core.getInput('headers'));
  // The values are credentials: masked wherever the log would show them.
  for (const value of Object.values(headers)) if (value !== '') core.setSecret(value);
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new Error('GITHUB_REPOSITORY is not set (owner/name)');
  const token = core.getInput('github-token');
  const run = await runVerifyCheck({
    workspace,
    root: normalizeRepoPath(core.getInput('contracts') || 'contracts'),
    endpoint,
    major,
    baseUrl: required('base-url'),
    headers,
    headSha: env.GITHUB_SHA || (await resolveRef(workspace, 'HEAD')),
    owner,
    repo,
    github: () => createClient(token),
    log: { info: core.info },
  });
  const dir = join(env.RUNNER_TEMP || tmpdir(), 'contractguard');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'verify.json'), renderVerifyJson(run.report));
  writeFileSync(join(dir, 'verify.md'), run.markdown);
  if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(run.markdown, true).write();
  core.setOutput('verdict', run.report.passed ? 'pass' : 'fail');
  core.setOutput('report-json', join(dir, 'verify.json'));
  core.setOutput('report-markdown', join(dir, 'verify.md'));
  const { fail, pass } = run.report.counts;
  if (!run.report.passed)
    core.setFailed(
      `contractguard: verify ${endpoint} v${major}: ${fail} check${fail === 1 ? '' : 's'} failed`,
    );
  else core.info(`contractguard: verify ${endpoint} v${major}: ${pass} checks passed`);
}

main().catch((error: unknown) => {
  core.debug(error instanceof Error ? (error.stack ?? error.message) : String(error));
  core.setFailed(`contractguard: ${errorText(error)}`);
});
