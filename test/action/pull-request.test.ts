/**
 * The bundled Action on pull_request events, in a depth-1 checkout as `actions/checkout` leaves it: the
 * policy outcomes, exit codes, annotations, outputs and the job summary.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { baseTree, Repo } from '../e2e/helpers.js';
import { addSegment, useActionTestbed, hasCommit, requireTenant, shallowClone, V2 } from './harness.js';

const bed = useActionTestbed();
let origin: Repo | undefined;

/** origin: `main` with the base tree, `pr` one commit on top with `files`; the workspace: a depth-1 clone of pr. */
function pr(files: Record<string, unknown>, remove: string[] = []) {
  const made = bed.pullRequest(files, { remove });
  origin = made.origin;
  return made;
}

describe('the Action on a pull request', () => {
  it('fails a breaking change in v2: fetches the missing base, annotates file and line, writes outputs and summary', async () => {
    const { base, head, workspace } = pr(requireTenant());
    expect(hasCommit(workspace, base)).toBe(false);

    const run = await bed.runOnPullRequest({ base, head, workspace }, { inputs: { comment: 'false' } });

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`The base commit ${base.slice(0, 7)} is not in this clone; fetching it`);
    expect(hasCommit(workspace, base)).toBe(true);
    const errors = run.annotations.filter((a) => a.level === 'error' && a.props.file !== undefined);
    expect(errors.length).toBeGreaterThan(0);
    // The break in input.schema.json, and (issue 12 item 3: every error up front) the missing minor bump at
    // contract.yaml's `version:`, which no longer waits for an approval to appear.
    for (const e of errors) {
      expect([`${V2}/input.schema.json`, `${V2}/contract.yaml`]).toContain(e.props.file);
      expect(Number(e.props.line)).toBeGreaterThan(0);
    }
    expect(
      errors.some(
        (e) => e.props.file === `${V2}/contract.yaml` && /minor-bump-missing/.test(e.props.title ?? ''),
      ),
    ).toBe(true);
    expect(run.stdout).toMatch(new RegExp(`^::error file=${V2}/input\\.schema\\.json,line=\\d+`, 'm'));
    expect(errors.some((e) => /tenantId/.test(e.message))).toBe(true);
    // setFailed: the step's own error line, with the headline.
    expect(run.stdout).toMatch(/^::error::contractguard: breaking change in sync-customers v2/m);

    expect(run.outputs).toMatchObject({ verdict: 'breaking', breaking: '1', dangerous: '0', additive: '0' });
    const json = JSON.parse(run.outputs['report-json:content'] ?? '') as { passed: boolean; verdict: string };
    expect(json).toMatchObject({ passed: false, verdict: 'breaking' });
    expect(run.outputs['report-markdown']).toMatch(/report\.md$/);
    expect(`${run.outputs['report-markdown:content']}\n`).toBe(run.summary);
    expect(run.summary).toMatch(/^### ❌ contractguard: breaking change in sync-customers v2/);
    // Locations link to the files at the head commit.
    expect(run.summary).toContain(`https://github.com/acme/api/blob/${head}/${V2}/input.schema.json#L`);
    // comment: false — no request to GitHub at all.
    expect(bed.api.requests).toEqual([]);
  });

  it('passes an additive change with its minor bump (exit 0, notices only)', async () => {
    const tree = baseTree();
    const { base, head, workspace } = pr(
      addSegment(tree[`${V2}/contract.yaml`] as string, tree[`${V2}/output.schema.json`] as object),
    );
    const run = await bed.runOnPullRequest({ base, head, workspace }, { inputs: { comment: 'false' } });

    expect(run.code).toBe(0);
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
    expect(
      run.annotations.some((a) => a.level === 'notice' && a.props.file === `${V2}/output.schema.json`),
    ).toBe(true);
    expect(run.outputs).toMatchObject({ verdict: 'additive', breaking: '0', dangerous: '0', additive: '1' });
    expect(run.summary).toMatch(/^### ✅ contractguard: no breaking changes/);
  });

  it('fail-on: never overrides the policy file: the breaking change is reported, the step passes', async () => {
    const contract = baseTree()[`${V2}/contract.yaml`] as string;
    const { base, head, workspace } = pr({
      ...requireTenant(),
      [`${V2}/contract.yaml`]: contract.replace('version: 2.1.0', 'version: 2.2.0'),
    });
    const run = await bed.runOnPullRequest(
      { base, head, workspace },
      { inputs: { comment: 'false', 'fail-on': 'never' } },
    );
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'breaking', breaking: '1' });
    expect(
      run.annotations.some((a) => a.level === 'warning' && a.props.file === `${V2}/input.schema.json`),
    ).toBe(true);
  });

  it('rejects a bad input value with one line', async () => {
    const { base, head, workspace } = pr(requireTenant());
    const run = await bed.runOnPullRequest({ base, head, workspace }, { inputs: { 'fail-on': 'sometimes' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error::contractguard: input fail-on must be breaking, dangerous, never or empty, not "sometimes"',
    );
  });

  it('exits 0 at once when the PR does not touch the contracts, and says so', async () => {
    const { base, head, workspace } = pr({ 'README.md': '# api\n' });
    const run = await bed.runOnPullRequest({ base, head, workspace });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No contract changes: `contracts/` is identical in base and head.');
    expect(run.summary).toContain('No contract changes');
    expect(run.outputs).toMatchObject({ verdict: 'none', breaking: '0', dangerous: '0', additive: '0' });
    expect(run.annotations).toEqual([]);
    // Looked for an earlier comment to update; created none.
    expect(bed.api.writes()).toEqual([]);
  });

  it('annotates a malformed contract file at its file and line and fails', async () => {
    const contract = baseTree()[`${V2}/contract.yaml`] as string;
    const { base, head, workspace } = pr({
      [`${V2}/contract.yaml`]: contract.replace('status: active', 'status: actve'),
    });
    const run = await bed.runOnPullRequest({ base, head, workspace }, { inputs: { comment: 'false' } });

    expect(run.code).toBe(1);
    const problem = run.annotations.find(
      (a) => a.level === 'error' && a.props.file === `${V2}/contract.yaml`,
    );
    expect(problem).toBeDefined();
    const line = contract.split('\n').findIndex((l) => l.startsWith('status:')) + 1;
    expect(problem?.props.line).toBe(String(line));
    expect(problem?.message).toMatch(/status/);
    // A contract.yaml that does not validate leaves its major unreadable: told first, by name.
    expect(run.summary).toContain('sync-customers v2 cannot be read — fix this first');
  });

  it('fetches a missing head too (the checkout is the base branch)', async () => {
    const { base, head } = pr(requireTenant());
    const workspace = shallowClone((origin as Repo).dir, 'main');
    bed.track(workspace);
    expect(hasCommit(workspace, head)).toBe(false);
    const run = await bed.runOnPullRequest({ base, head, workspace }, { inputs: { comment: 'false' } });
    expect(run.stdout).toContain(`The head commit ${head.slice(0, 7)} is not in this clone; fetching it`);
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('breaking');
  });

  it('fails with the shallow-clone hint when the base cannot be fetched', async () => {
    const { head, workspace } = pr(requireTenant());
    const missing = 'f'.repeat(40);
    const run = await bed.runOnPullRequest({ base: missing, head, workspace });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /::error::contractguard: base commit fffffff is not in this clone .*fetching it failed too/,
    );
    expect(existsSync(workspace)).toBe(true);
  });
});
