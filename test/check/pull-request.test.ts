/** The PR check use case with in-memory sources and people: what it judges, what still needs approval. */
import { afterAll, describe, expect, it } from 'vitest';

import {
  checkPullRequest,
  type PullRequestCheck,
  type PullRequestOutcome,
} from '../../src/check/pull-request.js';
import { shutdownSemanticWorker } from '../../src/diff/semantic.js';
import { breakingTree, toFiles } from '../bot/fake-github.js';
import { baseTree } from '../e2e/helpers.js';
import { FakePeople, MemorySource } from './helpers.js';

afterAll(async () => {
  await shutdownSemanticWorker();
});

const NOW = new Date('2026-12-01T12:00:00Z');

function check(extra: Partial<PullRequestCheck> = {}, head = breakingTree()): Promise<PullRequestOutcome> {
  return checkPullRequest({
    base: new MemorySource(toFiles(baseTree())),
    head: new MemorySource(head),
    refs: { base: 'main', head: 'feature' },
    load: { root: 'contracts' },
    now: NOW,
    ...extra,
  });
}

describe('checkPullRequest', () => {
  it('fails an unapproved break and says what needs approval, with the owner from base', async () => {
    const { report, pending } = await check();
    expect(report.passed).toBe(false);
    expect(pending.endpoints).toEqual([{ name: 'sync-customers', owner: '@acme/crm-team' }]);
    expect([...pending.fingerprints.values()]).toEqual(['sync-customers']);
  });

  it('records an approve command from someone who may approve, and the check passes', async () => {
    const { pending } = await check();
    const [fp] = [...pending.fingerprints.keys()];
    const people = new FakePeople({ admins: ['alice'] });
    const outcome = await check({
      people,
      evidence: { command: { fingerprint: fp as string, reason: 'ops know', by: 'alice' } },
    });
    expect(outcome.command).toEqual({
      kind: 'recorded',
      entries: [{ fingerprint: fp, by: 'alice', reason: 'ops know', at: NOW.toISOString(), via: 'command' }],
      as: 'an admin of acme/api',
    });
    expect(outcome.report.passed).toBe(true);
    expect(outcome.pending.endpoints).toEqual([]);
  });

  it('does not record a command from someone who may not approve, and keeps the report before it', async () => {
    const outcome = await check({
      people: new FakePeople(),
      evidence: { command: { fingerprint: 'all', by: 'bob' } },
    });
    expect(outcome.command).toEqual({
      kind: 'not-allowed',
      why: ['not an admin or maintainer of acme/api'],
      endpoints: [{ name: 'sync-customers', owner: '@acme/crm-team' }],
      policy: false,
    });
    expect(outcome.report.passed).toBe(false);
  });

  it('answers an unknown fingerprint without asking anyone about rights', async () => {
    const people = new FakePeople({ admins: ['alice'] });
    const outcome = await check({
      people,
      evidence: { command: { fingerprint: '000000000000', by: 'alice' } },
    });
    expect(outcome.command?.kind).toBe('unknown-fingerprint');
    expect(people.asked).toEqual([]);
  });

  it('says there is nothing to approve when nothing needs approval', async () => {
    const outcome = await check(
      {
        people: new FakePeople({ admins: ['alice'] }),
        evidence: { command: { fingerprint: 'all', by: 'alice' } },
      },
      toFiles(baseTree()),
    );
    expect(outcome.command).toEqual({ kind: 'nothing-to-approve' });
  });

  it('asks about rights with the owners of base, not of head', async () => {
    const head = breakingTree();
    head['contracts/sync-customers/endpoint.yaml'] = String(
      head['contracts/sync-customers/endpoint.yaml'],
    ).replace('@acme/crm-team', '@mallory');
    const people = new FakePeople({ owners: { '@mallory': ['mallory'] } });
    const outcome = await check(
      { people, evidence: { command: { fingerprint: 'all', by: 'mallory' } } },
      head,
    );
    expect(people.asked[0]?.scope.endpoints).toEqual([{ name: 'sync-customers', owner: '@acme/crm-team' }]);
    expect(outcome.command?.kind).toBe('not-allowed');
  });

  it('counts the approve label when the person who applied it may approve', async () => {
    const outcome = await check({
      people: new FakePeople({ owners: { '@acme/crm-team': ['carol'] } }, { login: 'carol' }),
      evidence: { label: { name: 'contractguard: breaking-approved' } },
    });
    const [fp] = [...(await check()).pending.fingerprints.keys()];
    expect(outcome.label).toEqual({
      kind: 'judged',
      approved: [
        {
          fingerprint: fp,
          by: 'carol',
          reason: 'applied the label as the owner of sync-customers',
          at: NOW.toISOString(),
          via: 'label',
        },
      ],
    });
    expect(outcome.report.passed).toBe(true);
  });

  it('reports the approve label as not counted when its applier may not approve', async () => {
    const outcome = await check({
      people: new FakePeople({}, { login: 'eve' }),
      evidence: { label: { name: 'contractguard: breaking-approved' } },
    });
    expect(outcome.report.passed).toBe(false);
    expect(outcome.report.findings).toContainEqual(
      expect.objectContaining({
        rule: 'approval-not-counted',
        message:
          'the approval by @eve does not count: they applied the label "contractguard: breaking-approved" but are not an admin or maintainer of acme/api',
      }),
    );
  });

  it('leaves the approve label unchecked without a people port', async () => {
    const outcome = await check({ evidence: { label: { name: 'contractguard: breaking-approved' } } });
    expect(outcome.label).toEqual({ kind: 'unchecked' });
    expect(outcome.report.passed).toBe(false);
  });
});

/** The breaking tree with a second break in another major (v1's output loses `email` too). */
function twoBreaks(): Record<string, string | Buffer> {
  const head = breakingTree();
  head['contracts/sync-customers/v1/output.schema.json'] = head[
    'contracts/sync-customers/v2/output.schema.json'
  ] as string;
  head['contracts/sync-customers/v1/contract.yaml'] = String(
    head['contracts/sync-customers/v1/contract.yaml'],
  ).replace('version: 1.1.0', 'version: 1.2.0');
  return head;
}

/** The breaking tree with `failOn: never` written into its contractguard.yaml. */
function relaxed(): Record<string, string | Buffer> {
  return {
    ...breakingTree(),
    'contracts/contractguard.yaml': 'semantics: pragmatic\nfailOn: never\nrequireMinorBump: error\n',
  };
}

describe('approvals bound to what was approved', () => {
  it('`approve all` is recorded as the fingerprints present at that moment', async () => {
    const { pending } = await check({}, twoBreaks());
    expect(pending.fingerprints.size).toBe(2);
    const outcome = await check(
      {
        people: new FakePeople({ admins: ['alice'] }),
        evidence: { command: { fingerprint: 'all', by: 'alice' } },
      },
      twoBreaks(),
    );
    expect(outcome.command?.kind === 'recorded' && outcome.command.entries.map((e) => e.fingerprint)).toEqual(
      [...pending.fingerprints.keys()],
    );
  });

  it('a break pushed after an approval needs its own approval', async () => {
    const first = await check({
      people: new FakePeople({ admins: ['alice'] }),
      evidence: { command: { fingerprint: 'all', by: 'alice' } },
    });
    const entries = first.command?.kind === 'recorded' ? first.command.entries : [];
    const later = await check(
      { approvals: entries.map((e) => ({ fingerprint: e.fingerprint, by: `@${e.by}` })) },
      twoBreaks(),
    );
    expect(later.report.passed).toBe(false);
    expect(later.pending.fingerprints.size).toBe(1);
    expect(later.pending.fingerprints.has(entries[0]?.fingerprint as string)).toBe(false);
  });
});

describe('policy from base', () => {
  it("judges a PR by base's policy: `failOn: never` in head does not let a break pass", async () => {
    const { report } = await check({}, relaxed());
    expect(report.findings.find((f) => f.rule === 'breaking-change-in-existing-major')?.level).toBe('error');
    expect(report.passed).toBe(false);
  });

  it('reports the change of the policy as an error that names it', async () => {
    const { report, pending } = await check({}, relaxed());
    const change = report.findings.find((f) => f.rule === 'policy-changed');
    expect(change).toMatchObject({
      level: 'error',
      message:
        "the policy change `failOn: breaking → never` takes effect only after merge; this PR is judged by base's contractguard.yaml",
      position: { file: 'contracts/contractguard.yaml', line: 2 },
    });
    expect(pending.fingerprints.get(change?.fingerprints?.[0] as string)).toBeUndefined();
    expect(pending.fingerprints.has(change?.fingerprints?.[0] as string)).toBe(true);
  });

  it("an endpoint's owner approving all covers the endpoint's break, not the policy change", async () => {
    const people = new FakePeople({ owners: { '@acme/crm-team': ['dana'] } });
    const outcome = await check(
      { people, evidence: { command: { fingerprint: 'all', by: 'dana' } } },
      relaxed(),
    );
    expect(outcome.command).toMatchObject({
      kind: 'recorded',
      declined: { endpoints: [], policy: true, why: ['not an admin or maintainer of acme/api'] },
    });
    expect(outcome.report.passed).toBe(false);
    expect(outcome.report.findings.filter((f) => f.level === 'error').map((f) => f.rule)).toEqual([
      'policy-changed',
    ]);
  });

  it('an admin approves the policy change, and the check passes', async () => {
    const outcome = await check(
      {
        people: new FakePeople({ admins: ['alice'] }),
        evidence: { command: { fingerprint: 'all', by: 'alice' } },
      },
      relaxed(),
    );
    expect(outcome.report.passed).toBe(true);
    expect(outcome.report.findings.map((f) => f.message)).toContainEqual(
      expect.stringMatching(/^the policy change [0-9a-f]{12} in contractguard\.yaml approved by @alice/),
    );
  });
});
