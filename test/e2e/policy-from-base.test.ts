/**
 * Attack 3 of issue 11 on `contractguard diff`, run as a process: a PR that relaxes `contractguard.yaml` in
 * its own head is judged by base's policy, and the report names the change, which needs its own approval.
 */

import { afterEach, describe, expect, it } from 'vitest';

import { useBundledCli } from '../helpers/cli-process.js';
import { baseTree, Repo } from './helpers.js';

const V2 = 'contracts/sync-customers/v2';
let repo: Repo | undefined;

const cli = useBundledCli();
afterEach(() => repo?.cleanup());

/** main: the base tree; pr: a break in v2 (with its minor bump) and contractguard.yaml rewritten to `policy`. */
function relaxing(policy: string): Repo {
  repo = new Repo();
  repo.write(baseTree()).commit('base');
  repo.git('checkout', '-qb', 'pr');
  const output = structuredClone(baseTree()[`${V2}/output.schema.json`]) as {
    properties: Record<string, unknown>;
  };
  delete output.properties.email;
  const contract = (baseTree()[`${V2}/contract.yaml`] as string).replace('version: 2.1.0', 'version: 2.2.0');
  repo
    .write({
      [`${V2}/output.schema.json`]: output,
      [`${V2}/contract.yaml`]: contract,
      'contracts/contractguard.yaml': policy,
    })
    .commit('break v2 and relax the policy');
  return repo;
}

const diff = (dir: string, ...extra: string[]) =>
  cli(['diff', '--base', 'main', '--head', 'pr', ...extra], dir);

describe('contractguard diff judges a PR by the policy of its base', () => {
  it('`failOn: never` in head: exit 1, and the report names the policy change', async () => {
    const r = await diff(relaxing('semantics: pragmatic\nfailOn: never\nrequireMinorBump: error\n').dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('failOn: breaking → never');
    expect(r.stdout).toContain('takes effect only after merge');
  });

  it('the policy change passes once approved, bound to its fingerprint', async () => {
    const dir = relaxing('semantics: pragmatic\nfailOn: never\nrequireMinorBump: error\n').dir;
    const report = JSON.parse((await diff(dir, '--format', 'json')).stdout) as {
      findings: { rule: string; fingerprints?: string[] }[];
    };
    const approvals = report.findings
      .filter((f) => f.rule === 'breaking-change-in-existing-major' || f.rule === 'policy-changed')
      .flatMap((f) => f.fingerprints ?? [])
      .flatMap((fp) => ['--approve', `${fp}=@acme-lead`]);
    expect(approvals).toHaveLength(4);
    const r = await diff(dir, ...approvals);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/the policy change [0-9a-f]{12} in contractguard\.yaml approved by @acme-lead/);
  });
});
