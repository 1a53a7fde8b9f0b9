/**
 * Attack 3 of issue 11 on the Action, run as a process: a PR that relaxes `contractguard.yaml` in its own
 * head is still judged by base's policy, and the report names each change of the policy.
 */
import { describe, expect, it } from 'vitest';

import { bumpV2, requireTenant, useActionTestbed } from './harness.js';

const bed = useActionTestbed();

/** A PR breaking v2 (with its minor bump) whose head also rewrites contractguard.yaml to `policy`. */
async function relaxing(policy: string) {
  const pr = bed.pullRequest(
    { ...requireTenant(), ...bumpV2(), 'contracts/contractguard.yaml': policy },
    { message: 'break v2 and relax the policy' },
  );
  return bed.runOnPullRequest(pr, { inputs: { comment: 'false' } });
}

describe('the Action on a PR that changes the policy', () => {
  it('`failOn: never` in head does not let the break pass; the summary names the change', async () => {
    const run = await relaxing('semantics: pragmatic\nfailOn: never\nrequireMinorBump: error\n');

    expect(run.code).toBe(1);
    expect(run.summary).toContain('failOn: breaking → never');
    expect(run.summary).toContain('takes effect only after merge');
    const policy = run.annotations.find(
      (a) => a.level === 'error' && a.props.file === 'contracts/contractguard.yaml',
    );
    expect(policy?.props.line).toBe('2');
  });

  it('a `rules:` override in head that silences the break does not apply to this PR', async () => {
    const run = await relaxing(
      'semantics: pragmatic\nfailOn: breaking\nrequireMinorBump: error\nrules:\n  required-added: { input: none }\n',
    );

    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: 'breaking', breaking: '1' });
    expect(run.summary).toContain('rules.required-added.input: (not set) → none');
  });
});
