import { afterAll, describe, expect, it } from 'vitest';
import { shutdownSemanticWorker } from '../../src/diff/semantic.js';
import { evaluatePolicy } from '../../src/policy/evaluate.js';
import { diffTrees } from '../../src/tree/diff.js';
import type { Approval, Finding } from '../../src/policy/types.js';
import type { SchemaValue } from '../../src/schema/types.js';
import { NOW, type TreeSpec, type VersionSpec, contractFile, positions, tree } from '../tree/helpers.js';

afterAll(async () => {
  await shutdownSemanticWorker();
});

async function evaluate(base: TreeSpec, head: TreeSpec, approvals?: Approval[]) {
  const b = tree(base);
  const h = tree(head);
  const diff = await diffTrees(b, h);
  return { diff, findings: evaluatePolicy(diff, b, h, { now: NOW, ...(approvals ? { approvals } : {}) }) };
}

const brief = (findings: Finding[]) => findings.map((f) => [f.rule, f.level, f.endpoint, f.major]);

const INPUT = { type: 'object', properties: { customerId: { type: 'string' } } };
const STRICTER = { ...INPUT, required: ['customerId'] };
const WIDER = { type: 'object', properties: { customerId: { type: 'string' }, email: { type: 'string' } } };

const sync = (versions: Record<number, VersionSpec>, aliases?: Record<string, number>) => ({
  'sync-customers': { versions, ...(aliases ? { aliases } : {}) },
});

describe('breaking change in an existing major', () => {
  it('is ONE error per major, listing every breaking change', async () => {
    const { diff, findings } = await evaluate(
      { endpoints: sync({ 3: { version: '3.2.0', input: INPUT, operational: { timeoutMs: 30000 } } }) },
      {
        endpoints: sync({ 3: { version: '3.3.0', input: STRICTER, operational: { timeoutMs: 1000 } } }),
        position: positions({ 'contracts/sync-customers/v3/input.schema.json#/required': 4 }),
      },
    );
    const breaking = diff.versions[0]?.changes.map((c) => c.fingerprint);
    expect(findings).toEqual([
      {
        rule: 'breaking-change-in-existing-major',
        level: 'error',
        endpoint: 'sync-customers',
        major: 3,
        message: '2 breaking changes reuse major v3 of sync-customers — add v4',
        fix: 'move them to v4: `contractguard new-version sync-customers --move --base <base>` copies v3 with these changes to v4 and restores v3; or make it additive (keep what callers rely on and add the new behaviour beside it, e.g. a new optional field instead of a changed one); or have the endpoint owner or an approver approve it',
        position: { file: 'contracts/sync-customers/v3/input.schema.json', line: 4, column: 3 },
        fingerprints: breaking,
      },
    ]);
  });

  it('names the next free major', async () => {
    const { findings } = await evaluate(
      { endpoints: sync({ 3: { input: INPUT }, 5: {} }) },
      { endpoints: sync({ 3: { version: '3.1.0', input: STRICTER }, 5: {} }) },
    );
    expect(findings.map((f) => f.message)).toEqual([
      'breaking change reuses major v3 of sync-customers — add v6',
    ]);
  });

  it('points at a major added in the same PR', async () => {
    const { findings } = await evaluate(
      { endpoints: sync({ 3: { input: INPUT } }) },
      {
        endpoints: sync({
          3: { version: '3.1.0', input: STRICTER, deprecation: { date: '2027-06-30', replacement: 4 } },
          4: { input: STRICTER },
        }),
      },
    );
    expect(findings[0]).toMatchObject({
      rule: 'breaking-change-in-existing-major',
      message: 'breaking change reuses major v3 of sync-customers — move it to v4',
      fix: expect.stringMatching(
        /^make it in sync-customers\/v4 \(added in this PR\) and restore v3 \(`git checkout <base> -- contracts\/sync-customers\/v3\/input\.schema\.json`\); /,
      ),
    });
  });

  it('the same change as a new major passes, with a deprecation warning for the old one', async () => {
    const { findings } = await evaluate(
      { endpoints: sync({ 3: { version: '3.2.0', input: INPUT } }) },
      { endpoints: sync({ 3: { version: '3.2.0', input: INPUT }, 4: { input: STRICTER } }) },
    );
    expect(findings).toEqual([
      {
        rule: 'deprecation-missing',
        level: 'warning',
        endpoint: 'sync-customers',
        major: 3,
        message: 'sync-customers v3 needs a deprecation date now that v4 exists',
        fix: 'add `deprecation: { date: 2027-02-23, replacement: 4 }` to contracts/sync-customers/v3/contract.yaml (at least 90 days from today)',
      },
    ]);
  });

  it('a new major with a far enough deprecation date on the old one passes clean', async () => {
    const dep = { status: 'deprecated' as const, deprecation: { date: '2027-03-31', replacement: 4 } };
    const { findings } = await evaluate(
      { endpoints: sync({ 3: {} }) },
      { endpoints: sync({ 3: { version: '3.0.0', ...dep }, 4: {} }) },
    );
    expect(brief(findings)).toEqual([]);
  });

  it('a deprecation date inside the window is a warning', async () => {
    const { findings } = await evaluate(
      { endpoints: sync({ 3: {} }) },
      { endpoints: sync({ 3: { deprecation: { date: '2027-01-01', replacement: 4 } }, 4: {} }) },
    );
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'deprecation-too-soon',
        level: 'warning',
        message:
          'sync-customers v3 is deprecated as of 2027-01-01, 37 days from now; the policy asks for at least 90 days',
        fix: 'move `deprecation.date` in contracts/sync-customers/v3/contract.yaml to 2027-02-23 or later so callers have time to move to v4',
      }),
    ]);
  });

  it('a deprecation date set in a PR without a new major is checked too; the window is policy', async () => {
    const head = (deprecationWindowDays: number): TreeSpec => ({
      policy: { deprecationWindowDays },
      endpoints: sync({ 3: { deprecation: { date: '2026-12-25' } } }),
    });
    expect(brief((await evaluate({ endpoints: sync({ 3: {} }) }, head(90))).findings)).toEqual([
      ['deprecation-too-soon', 'warning', 'sync-customers', 3],
    ]);
    expect(brief((await evaluate({ endpoints: sync({ 3: {} }) }, head(30))).findings)).toEqual([]);
  });
});

describe('failOn', () => {
  const base = { endpoints: sync({ 3: { version: '3.0.0', operational: { timeoutMs: 1000 } } }) };
  const dangerousHead = (failOn: 'breaking' | 'dangerous' | 'never'): TreeSpec => ({
    policy: { failOn },
    endpoints: sync({ 3: { version: '3.1.0', operational: { timeoutMs: 5000 } } }),
  });
  const breakingHead = (failOn: 'breaking' | 'dangerous' | 'never'): TreeSpec => ({
    policy: { failOn },
    endpoints: sync({ 3: { version: '3.1.0', operational: { timeoutMs: 500 } } }),
  });

  it('breaking (default): dangerous changes are a warning', async () => {
    const { findings } = await evaluate(base, dangerousHead('breaking'));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'dangerous-change-in-existing-major',
        level: 'warning',
        message: '1 dangerous change in major v3 of sync-customers — review it against its callers',
      }),
    ]);
  });

  it('dangerous: dangerous changes fail like breaking ones', async () => {
    const { findings } = await evaluate(base, dangerousHead('dangerous'));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'breaking-change-in-existing-major',
        level: 'error',
        message: 'dangerous change reuses major v3 of sync-customers — add v4',
      }),
    ]);
  });

  it('never: breaking changes are a warning', async () => {
    expect(brief((await evaluate(base, breakingHead('never'))).findings)).toEqual([
      ['breaking-change-in-existing-major', 'warning', 'sync-customers', 3],
    ]);
    expect(brief((await evaluate(base, breakingHead('breaking'))).findings)).toEqual([
      ['breaking-change-in-existing-major', 'error', 'sync-customers', 3],
    ]);
  });

  it("an override (the Action's fail-on input) beats the policy file", async () => {
    const b = tree(base);
    const h = tree(breakingHead('breaking'));
    const diff = await diffTrees(b, h);
    expect(brief(evaluatePolicy(diff, b, h, { now: NOW, failOn: 'never' }))).toEqual([
      ['breaking-change-in-existing-major', 'warning', 'sync-customers', 3],
    ]);
    const d = tree(dangerousHead('breaking'));
    const dangerous = await diffTrees(b, d);
    expect(brief(evaluatePolicy(dangerous, b, d, { now: NOW, failOn: 'dangerous' }))).toEqual([
      ['breaking-change-in-existing-major', 'error', 'sync-customers', 3],
    ]);
  });
});

describe('minor bump', () => {
  const base = { endpoints: sync({ 3: { version: '3.2.0', input: INPUT } }) };
  const head = (version: string, requireMinorBump: 'error' | 'warning' | 'off' = 'error'): TreeSpec => ({
    policy: { requireMinorBump },
    endpoints: sync({ 3: { version, input: WIDER } }),
    position: positions({ 'contracts/sync-customers/v3/contract.yaml#/version': 2 }),
  });

  it('an additive change with a minor bump passes', async () => {
    expect((await evaluate(base, head('3.3.0'))).findings).toEqual([]);
    expect((await evaluate(base, head('3.4.1'))).findings).toEqual([]);
  });

  it('an additive change without a bump is an error naming the version to use', async () => {
    const { diff, findings } = await evaluate(base, head('3.2.0'));
    expect(findings).toEqual([
      {
        rule: 'minor-bump-missing',
        level: 'error',
        endpoint: 'sync-customers',
        major: 3,
        message:
          'the contract of sync-customers v3 changed but its version is still 3.2.0 — bump version to 3.3.0',
        fix: 'set `version: 3.3.0` in contracts/sync-customers/v3/contract.yaml',
        position: { file: 'contracts/sync-customers/v3/contract.yaml', line: 2, column: 3 },
        fingerprints: diff.versions[0]?.changes.map((c) => c.fingerprint),
      },
    ]);
  });

  it('a patch bump is not enough', async () => {
    const { findings } = await evaluate(base, head('3.2.1'));
    expect(findings.map((f) => f.message)).toEqual([
      'the contract of sync-customers v3 changed but its version only went from 3.2.0 to 3.2.1 (a patch bump) — bump version to 3.3.0',
    ]);
  });

  it('requireMinorBump: warning / off', async () => {
    expect(brief((await evaluate(base, head('3.2.0', 'warning'))).findings)).toEqual([
      ['minor-bump-missing', 'warning', 'sync-customers', 3],
    ]);
    expect((await evaluate(base, head('3.2.0', 'off'))).findings).toEqual([]);
  });

  it('changes that mean nothing need no bump', async () => {
    const { findings } = await evaluate(
      { endpoints: sync({ 3: { version: '3.2.0', owner: '@a' } }) },
      { endpoints: sync({ 3: { version: '3.2.0', owner: '@b' } }) },
    );
    expect(findings).toEqual([]);
  });

  it('a version going backwards is an error', async () => {
    const { findings } = await evaluate(
      { endpoints: sync({ 3: { version: '3.2.0' } }) },
      { endpoints: sync({ 3: { version: '3.1.9' } }) },
    );
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'version-decreased',
        level: 'error',
        message: 'the version of sync-customers v3 went backwards, from 3.2.0 to 3.1.9',
        fix: 'set `version: 3.2.0` in contracts/sync-customers/v3/contract.yaml',
      }),
    ]);
  });
});

describe('a change to a major deprecated before this PR', () => {
  const deprecatedV2 = (input: SchemaValue): TreeSpec => ({
    endpoints: sync({
      2: {
        version: '2.4.0',
        status: 'deprecated',
        deprecation: { date: '2027-06-30', replacement: 3 },
        input,
      },
      3: { version: '3.0.0', input: STRICTER },
    }),
  });

  it('says to revert it, naming the replacement and the exact git command, not new-version', async () => {
    const b = tree(deprecatedV2(INPUT));
    const h = tree({
      ...deprecatedV2(STRICTER),
      position: positions({ 'contracts/sync-customers/v2/input.schema.json#/required': 3 }),
    });
    const findings = evaluatePolicy(await diffTrees(b, h), b, h, { now: NOW, baseRef: 'main' });
    const breaking = findings.find((f) => f.rule === 'breaking-change-in-existing-major');
    expect(breaking?.message).toBe('breaking change in deprecated major v2 of sync-customers — revert it');
    expect(breaking?.fix).toBe(
      'v2 is deprecated (replaced by v3): revert this change (`git checkout main -- contracts/sync-customers/v2/input.schema.json`); ' +
        'callers that need it move to v3, so make it there if v3 lacks it; or have the endpoint owner or an approver approve it. ' +
        "Approval alone won't pass: also bump version to 2.5.0",
    );
    expect(breaking?.fix).not.toContain('new-version');
  });
});

describe('every error up front (no error held back until an approval)', () => {
  const base = { endpoints: sync({ 3: { version: '3.2.0', input: INPUT } }) };
  const head = { endpoints: sync({ 3: { version: '3.2.0', input: STRICTER } }) };
  const fixture = {
    consumer: 'retool-ops-dashboard',
    endpoint: 'sync-customers',
    major: 3,
    kind: 'fixture-request' as const,
    file: 'contracts/consumers/fixtures/retool/request.json',
    line: 1,
    message: "retool-ops-dashboard's recorded request request.json is not valid sync-customers v3 input",
  };
  const judge = async (approvals: Approval[] = []) => {
    const b = tree(base);
    const h = tree(head);
    return evaluatePolicy(await diffTrees(b, h), b, h, {
      now: NOW,
      baseRef: 'main',
      approvals,
      consumerProblems: [fixture],
    });
  };

  it('the first report has the missing minor bump beside the break, not only after an approval', async () => {
    expect(brief(await judge())).toEqual([
      ['breaking-change-in-existing-major', 'error', 'sync-customers', 3],
      ['consumer-contract-broken', 'error', 'sync-customers', 3],
      ['minor-bump-missing', 'error', 'sync-customers', 3],
    ]);
  });

  it("the break's fix says what an approval alone leaves: the bump and the consumers' fixtures", async () => {
    const [breaking] = await judge();
    expect(breaking?.fix).toMatch(
      /Approval alone won't pass: also bump version to 3\.3\.0 and update the fixtures of retool-ops-dashboard$/,
    );
    expect(breaking?.fix).toContain('`contractguard new-version sync-customers --move --base main`');
  });

  it('the bump says it is needed only while the breaking change stays in the major', async () => {
    const bump = (await judge()).find((f) => f.rule === 'minor-bump-missing');
    expect(bump?.fix).toBe(
      'set `version: 3.3.0` in contracts/sync-customers/v3/contract.yaml, if the breaking change stays in v3; moved to a new major, v3 needs no bump',
    );
  });

  it('an approval only removes the break: every error left was in the first report', async () => {
    const before = (await judge()).filter((f) => f.level === 'error');
    const after = (await judge([{ fingerprint: 'all', by: '@lead' }])).filter((f) => f.level === 'error');
    expect(after.map((f) => f.rule)).toEqual(['consumer-contract-broken', 'minor-bump-missing']);
    for (const f of after) expect(before.map((x) => x.message)).toContain(f.message);
  });
});

describe('approvals', () => {
  const base = {
    endpoints: sync({ 3: { version: '3.2.0', input: INPUT, operational: { timeoutMs: 30000 } } }),
  };
  const head = {
    endpoints: sync({ 3: { version: '3.3.0', input: STRICTER, operational: { timeoutMs: 1000 } } }),
  };

  it('covering every fingerprint turns the error into a notice naming who approved', async () => {
    const { diff } = await evaluate(base, head);
    const fps = diff.versions[0]?.changes.map((c) => c.fingerprint) ?? [];
    const { findings } = await evaluate(
      base,
      head,
      fps.map((fingerprint) => ({ fingerprint, by: '@alice', reason: 'all callers migrated' })),
    );
    expect(findings).toEqual([
      {
        rule: 'breaking-change-approved',
        level: 'notice',
        endpoint: 'sync-customers',
        major: 3,
        message:
          '2 breaking changes in major v3 of sync-customers approved by @alice ("all callers migrated")',
        position: expect.anything(),
        fingerprints: fps,
      },
    ]);
  });

  it('`all` covers everything', async () => {
    const { findings } = await evaluate(base, head, [{ fingerprint: 'all', by: '@bob' }]);
    expect(findings.map((f) => [f.rule, f.level, f.message])).toEqual([
      [
        'breaking-change-approved',
        'notice',
        '2 breaking changes in major v3 of sync-customers approved by @bob',
      ],
    ]);
  });

  it('covering some keeps the error and says which are missing', async () => {
    const { diff } = await evaluate(base, head);
    const [first, second] = diff.versions[0]?.changes.map((c) => c.fingerprint) ?? [];
    const { findings } = await evaluate(base, head, [{ fingerprint: first ?? '', by: '@alice' }]);
    expect(brief(findings)).toEqual([['breaking-change-in-existing-major', 'error', 'sync-customers', 3]]);
    expect(findings[0]?.message).toBe(
      `2 breaking changes reuse major v3 of sync-customers — add v4 (1 of 2 changes approved; not yet: ${second})`,
    );
  });

  it('a refused approval is a warning saying who tried and why, and approves nothing', async () => {
    const b = tree(base);
    const h = tree(head);
    const diff = await diffTrees(b, h);
    const findings = evaluatePolicy(diff, b, h, {
      now: NOW,
      refused: [{ by: 'mallory', reason: 'they applied the label but are not a collaborator of acme/api' }],
    });
    expect(brief(findings)).toEqual([
      ['breaking-change-in-existing-major', 'error', 'sync-customers', 3],
      ['approval-not-counted', 'warning', undefined, undefined],
    ]);
    expect(findings[1]?.message).toBe(
      'the approval by @mallory does not count: they applied the label but are not a collaborator of acme/api',
    );
    const unknown = evaluatePolicy(diff, b, h, { now: NOW, refused: [{ reason: 'nobody applied it' }] });
    expect(unknown[1]?.message).toBe('the approval does not count: nobody applied it');
  });

  it('an approval that matches no change is a notice', async () => {
    const { findings } = await evaluate(base, base, [{ fingerprint: 'abcdefabcdef', by: '@alice' }]);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'approval-unmatched',
        level: 'notice',
        message: 'the approval of abcdefabcdef by @alice matches no change in this diff',
      }),
    ]);
  });
});

describe('aliases', () => {
  it('an alias to a missing major is an error at the alias', async () => {
    const { findings } = await evaluate(
      { endpoints: sync({ 3: {} }, { prod: 3 }) },
      {
        endpoints: sync({ 3: {} }, { prod: 5 }),
        position: positions({ 'contracts/sync-customers/endpoint.yaml#/aliases/prod': 6 }),
      },
    );
    expect(findings).toEqual([
      {
        rule: 'alias-invalid',
        level: 'error',
        endpoint: 'sync-customers',
        major: 5,
        message: 'alias `prod` of sync-customers points at v5, which does not exist',
        fix: 'point `aliases.prod` in contracts/sync-customers/endpoint.yaml at v3',
        position: { file: 'contracts/sync-customers/endpoint.yaml', line: 6, column: 3 },
      },
    ]);
  });

  it('an alias to a retired major is an error', async () => {
    const spec = { endpoints: sync({ 2: { status: 'retired' as const }, 3: {}, 4: {} }, { legacy: 2 }) };
    const { findings } = await evaluate(spec, spec);
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'alias-invalid',
        message: 'alias `legacy` of sync-customers points at v2, which is retired',
        fix: 'point `aliases.legacy` in contracts/sync-customers/endpoint.yaml at v3 or v4',
      }),
    ]);
  });
});

describe('removing a major', () => {
  const base = (deprecation?: { date: string }) => ({
    endpoints: sync({ 3: deprecation ? { status: 'deprecated' as const, deprecation } : {}, 4: {} }),
  });
  const head = (consumers: TreeSpec['consumers'] = []): TreeSpec => ({
    endpoints: sync({ 4: {} }),
    consumers,
  });

  it('while registered consumers use it is an error listing them', async () => {
    const { findings } = await evaluate(
      base({ date: '2026-01-01' }),
      head([
        { name: 'retool-ops-dashboard', uses: [{ endpoint: 'sync-customers', version: 3 }] },
        { name: 'nightly-export', kind: 'job', uses: [{ endpoint: 'sync-customers', version: 3 }] },
        { name: 'unrelated', uses: [{ endpoint: 'sync-customers', version: 4 }] },
      ]),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'major-removed-with-consumers',
        level: 'error',
        message:
          'removing major v3 of sync-customers breaks 2 registered consumers: nightly-export and retool-ops-dashboard',
        fix: 'move them to v4 first (their `uses:` entries), or keep v3 until they have moved',
      }),
    ]);
  });

  it('consumers registered only in base count too', async () => {
    const b = {
      ...base({ date: '2026-01-01' }),
      consumers: [{ name: 'old-job', uses: [{ endpoint: 'sync-customers', version: 3 }] }],
    };
    const { findings } = await evaluate(b, head());
    expect(brief(findings)).toEqual([['major-removed-with-consumers', 'error', 'sync-customers', 3]]);
  });

  it('after its deprecation date with no consumers is allowed (a notice)', async () => {
    const { findings } = await evaluate(base({ date: '2026-10-01' }), head());
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'major-removed-after-deprecation',
        level: 'notice',
        message:
          'major v3 of sync-customers removed after its deprecation date (2026-10-01); no registered consumer uses it',
      }),
    ]);
  });

  it('before its deprecation date, or without one, is a warning', async () => {
    expect((await evaluate(base({ date: '2027-03-31' }), head())).findings).toEqual([
      expect.objectContaining({
        rule: 'major-removed-before-deprecation',
        level: 'warning',
        message:
          'major v3 of sync-customers removed before its deprecation date (2027-03-31); no registered consumer uses it, but unregistered callers may rely on the date',
        fix: 'keep it until 2027-03-31',
      }),
    ]);
    expect((await evaluate(base(), head())).findings).toEqual([
      expect.objectContaining({
        rule: 'major-removed-before-deprecation',
        level: 'warning',
        message: expect.stringContaining('without a deprecation date'),
      }),
    ]);
  });

  it('retiring a major that consumers use is an error too; approvals can accept it', async () => {
    const consumers = [{ name: 'retool-ops-dashboard', uses: [{ endpoint: 'sync-customers', version: 3 }] }];
    const b = { endpoints: sync({ 3: { status: 'deprecated' as const }, 4: {} }), consumers };
    const h = { endpoints: sync({ 3: { status: 'retired' as const }, 4: {} }), consumers };
    const { findings } = await evaluate(b, h);
    expect(findings.map((f) => [f.rule, f.level, f.message])).toEqual([
      [
        'major-removed-with-consumers',
        'error',
        'retiring major v3 of sync-customers breaks 1 registered consumer: retool-ops-dashboard',
      ],
    ]);
    const approved = await evaluate(b, h, [{ fingerprint: 'all', by: '@acme/api-owners' }]);
    expect(approved.findings.map((f) => [f.rule, f.level, f.message])).toEqual([
      [
        'breaking-change-approved',
        'notice',
        'retiring major v3 of sync-customers although registered consumers use it approved by @acme/api-owners',
      ],
    ]);
  });
});

describe('problems in the head tree', () => {
  it('each is an error at its position', async () => {
    const { findings } = await evaluate(
      {},
      {
        problems: [
          {
            file: contractFile('sync-customers', 3),
            line: 5,
            column: 7,
            field: 'deprecation.date',
            message: 'expected a date (YYYY-MM-DD)',
          },
          { file: 'contracts/contractguard.yaml', message: 'not YAML' },
        ],
      },
    );
    expect(findings).toEqual([
      {
        rule: 'invalid-contract-file',
        level: 'error',
        message: 'contracts/contractguard.yaml: not YAML',
        fix: 'correct the file; contractguard cannot judge the versions it defines until it loads',
        position: { file: 'contracts/contractguard.yaml', line: 1, column: 1 },
      },
      {
        rule: 'invalid-contract-file',
        level: 'error',
        message:
          'contracts/sync-customers/v3/contract.yaml: `deprecation.date`: expected a date (YYYY-MM-DD)',
        fix: 'correct the file; contractguard cannot judge the versions it defines until it loads',
        position: { file: 'contracts/sync-customers/v3/contract.yaml', line: 5, column: 7 },
      },
    ]);
  });
});
