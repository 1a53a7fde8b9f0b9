/** The GitHub Action: inputs → the contract check (src/github/check.ts) → outputs, annotations, summary. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@actions/core';
import { context } from '@actions/github';

import { useJsonSchemaDiffSource } from '../src/diff/semantic.js';
import { createClient, errorText } from '../src/github/client.js';
import { runCheck } from '../src/github/check.js';
import { runCanaryCheck } from '../src/github/canary-check.js';
import { resolveRef } from '../src/load/git.js';
import { normalizeRepoPath } from '../src/load/source.js';
import { toAnnotations, toWorkflowCommands } from '../src/report/annotations.js';
import { toTreeJson } from '../src/report/json.js';

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
  const mode = choice('mode', ['diff', 'canary']) ?? 'diff';
  if (mode === 'canary') return canary();
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

/** `mode: canary`: judge a canary report, publish `canary / <endpoint>`; exit 0 promote or hold, 1 rollback. */
async function canary(): Promise<void> {
  const env = process.env;
  const token = core.getInput('github-token');
  const reportPath = core.getInput('report');
  if (reportPath === '') throw new Error('mode canary needs the report input (a canary report JSON file)');
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new Error('GITHUB_REPOSITORY is not set (owner/name)');
  const run = await runCanaryCheck({
    workspace,
    root: normalizeRepoPath(core.getInput('contracts') || 'contracts'),
    reportPath,
    endpoint: core.getInput('endpoint') || undefined,
    headSha: env.GITHUB_SHA || (await resolveRef(workspace, 'HEAD')),
    owner,
    repo,
    github: () => createClient(token),
    log: { info: core.info },
  });
  if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(run.summary, true).write();
  core.setOutput('verdict', run.result.verdict);
  if (run.result.verdict === 'rollback')
    core.setFailed(`contractguard: canary ${run.result.endpoint}: rollback`);
}

main().catch((error: unknown) => {
  core.debug(error instanceof Error ? (error.stack ?? error.message) : String(error));
  core.setFailed(`contractguard: ${errorText(error)}`);
});
