import { describe, expect, it } from 'vitest';

import { DEFAULT_TREE_MARKDOWN_LENGTH, renderTreeMarkdown } from '../../src/report/markdown.js';
import {
  change,
  crmId,
  failing,
  approved,
  newMajor,
  phoneRemoved,
  report,
  reusesV3,
  statusEnum,
  timeout,
  version,
} from './fixtures.js';
import type { Finding } from '../../src/policy/types.js';
import { cells, rows } from './table.js';

const links = {
  base: 'https://github.com/acme/api/blob/1111111',
  head: 'https://github.com/acme/api/blob/2222222',
};

describe('renderTreeMarkdown', () => {
  it('renders a failing report (golden)', async () => {
    await expect(renderTreeMarkdown(failing(), { links })).toMatchFileSnapshot('golden/failing.md.txt');
  });

  it('renders an approved report (golden)', async () => {
    await expect(renderTreeMarkdown(approved())).toMatchFileSnapshot('golden/approved.md.txt');
  });

  it('starts with a one-line verdict naming the blocked version and the counts', () => {
    const out = renderTreeMarkdown(failing());
    expect(out.split('\n')[0]).toBe(
      '### ❌ contractguard: breaking changes in sync-customers v3 — 2 breaking, 1 dangerous, 1 additive',
    );
    const one = report({
      passed: false,
      verdict: 'breaking',
      versions: [version('sync-customers', 3, [statusEnum, crmId])],
      findings: [{ ...reusesV3, fingerprints: [statusEnum.fingerprint] }],
    });
    expect(renderTreeMarkdown(one).split('\n')[0]).toBe(
      '### ❌ contractguard: breaking change in sync-customers v3 — 1 breaking, 1 additive',
    );
  });

  it('says a passing report has no breaking changes, or none at all', () => {
    const additive = report({ verdict: 'additive', versions: [version('sync-customers', 3, [crmId])] });
    expect(renderTreeMarkdown(additive).split('\n')[0]).toBe(
      '### ✅ contractguard: no breaking changes \\(1 additive\\)'.replace(/\\/g, ''),
    );
    expect(renderTreeMarkdown(report()).split('\n')[0]).toBe('### ✅ contractguard: no contract changes');
  });

  it('tells under a version’s table what blocks it, then its one fix', () => {
    const out = renderTreeMarkdown(failing(), { links });
    expect(out).not.toContain('#### Errors');
    const v3 = out.slice(out.indexOf('#### ❌ sync-customers v3'));
    const blocks =
      '- ❌ Breaking changes reuse major v3 of sync-customers, which consumers depend on. ' +
      '([`contract.yaml:2`](https://github.com/acme/api/blob/2222222/contracts/sync-customers/v3/contract.yaml#L2))';
    const fix = '**Fix:** run `contractguard new-version sync-customers` and apply it there';
    expect(v3).toContain(`${blocks}\n\n${fix}`);
    expect(v3.indexOf('| Severity')).toBeLessThan(v3.indexOf(blocks));
  });

  it('folds the consumer fixtures a version fails into its block, the fix said once', () => {
    const fixture = (file: string, consumer: string): Finding => ({
      rule: 'consumer-contract-broken',
      level: 'error',
      endpoint: 'sync-customers',
      major: 3,
      message: `request fixture of ${consumer} is not valid sync-customers v3 input`,
      fix: `this PR changes the input of sync-customers v3, which ${consumer} relies on: …`,
      position: { file: `contracts/consumers/fixtures/${consumer}/${file}`, line: 1, column: 1 },
    });
    const bump: Finding = {
      rule: 'minor-bump-missing',
      level: 'error',
      endpoint: 'sync-customers',
      major: 3,
      message:
        'the contract of sync-customers v3 changed but its version is still 3.2.0 — bump version to 3.3.0',
      fix: 'set `version: 3.3.0` in contracts/sync-customers/v3/contract.yaml',
    };
    const r = report({
      passed: false,
      verdict: 'breaking',
      versions: [version('sync-customers', 3, [statusEnum], { baseVersion: '3.2.0', headVersion: '3.2.0' })],
      findings: [
        {
          ...reusesV3,
          fingerprints: [statusEnum.fingerprint],
          fix: "move it to v4. Approval alone won't pass: also bump version to 3.3.0 and update the fixtures of a and b",
        },
        bump,
        fixture('one.json', 'a'),
        fixture('two.json', 'a'),
        fixture('three.json', 'b'),
      ],
    });
    const out = renderTreeMarkdown(r);
    expect(out.match(/\*\*Fix:\*\*/g)).toHaveLength(1);
    expect(out).toContain(`- ❌ ${bump.message}\n\n**Fix:** move it to v4.`);
    expect(out).toContain(
      '<details><summary>❌ 3 consumer fixtures fail against this version: a (2) and b</summary>\n\n' +
        '- `contracts/consumers/fixtures/a/one.json:1` — request fixture of a is not valid sync-customers v3 input\n',
    );
  });

  it('shows the consumer fixtures open, each with its fix, when they are all that fails a version', () => {
    const expects: Finding = {
      rule: 'consumer-contract-broken',
      level: 'error',
      endpoint: 'sync-customers',
      major: 3,
      message: 'retool-ops-dashboard expects `status` to be one of its values',
      fix: 'move the change to v4',
      position: {
        file: 'contracts/consumers/fixtures/retool-ops-dashboard/expects.schema.json',
        line: 18,
        column: 1,
      },
    };
    const r = report({
      passed: false,
      verdict: 'additive',
      versions: [version('sync-customers', 3, [crmId])],
      findings: [expects],
    });
    const out = renderTreeMarkdown(r);
    expect(out).not.toContain('<details><summary>❌');
    expect(out).toContain(
      '**❌ 1 consumer fixture fails against this version: retool-ops-dashboard:**\n\n' +
        '- `contracts/consumers/fixtures/retool-ops-dashboard/expects.schema.json:18` — retool-ops-dashboard expects ' +
        '`status` to be one of its values<br>**Fix:** move the change to v4',
    );
  });

  it('names the consumers that read what a dangerous change changes; "breaks" only for breaking', () => {
    const reader = [{ name: 'retool-ops-dashboard', owner: '@acme/ops', kind: 'dashboard' }];
    const r = report({
      verdict: 'breaking',
      versions: [
        version('sync-customers', 3, [
          { ...statusEnum, consumers: reader },
          change('dangerous', 'enum-value-added', 'Output `kind` may now be "x".', {
            path: '/properties/kind',
            consumers: reader,
          }),
        ]),
      ],
    });
    const [breaking, dangerous] = rows(renderTreeMarkdown(r)).map((x) => cells(x)[3]);
    expect(breaking).toContain('— breaks: retool-ops-dashboard (@acme/ops)');
    expect(dangerous).toContain('— read by: retool-ops-dashboard (@acme/ops)');
    expect(dangerous).not.toContain('breaks');
  });

  it('spaces a long counterexample so its column can wrap; a short one stays compact', () => {
    const long = { customerIds: ['cus_8fK2mQ9xLp'], requestedBy: 'retool:maria.lopez@acme.example' };
    const r = report({
      verdict: 'breaking',
      versions: [
        version('sync-customers', 3, [
          { ...statusEnum, counterexample: { value: { id: 'c1' }, validAgainst: 'new' } },
          { ...phoneRemoved, counterexample: { value: long, validAgainst: 'new' } },
        ]),
      ],
    });
    const out = renderTreeMarkdown(r);
    expect(out).toContain('could not before: `{"id":"c1"}`');
    expect(out).toContain(
      'could not before: `{ "customerIds": [ "cus_8fK2mQ9xLp" ], "requestedBy": "retool:maria.lopez@acme.example" }`',
    );
  });

  it('tables each changed version most severe first, marking blocking and approved rows', () => {
    const failed = renderTreeMarkdown(failing());
    expect(failed).toContain('#### ❌ sync-customers v3 (3.2.0 → 3.3.0)');
    expect(rows(failed).map((r) => [cells(r)[0], cells(r)[2]])).toEqual([
      ['❌ **breaking**', '`output.schema.json:12`'],
      ['❌ **breaking**', '`output.schema.json:30 (base)`'],
      ['⚠️ dangerous', '`contract.yaml /operational/timeoutMs`'],
      ['additive', '`output.schema.json:18`'],
      ['none', '`output.schema.json:13`'],
    ]);
    const ok = renderTreeMarkdown(approved());
    expect(rows(ok)[0]).toBe(
      `| **breaking** | \`${statusEnum.fingerprint}\` | \`output.schema.json:12\` | Output \`status\` may now be "refunded"; ` +
        'clients that handle only the old values break. — ✅ approved by @acme/crm-team |',
    );
    expect(ok.split('\n')[0]).toBe(
      '### ⚠️ contractguard: passed: breaking changes approved by @acme/crm-team, 1 dangerous change to check by hand (2 breaking, 1 dangerous, 1 additive)',
    );
  });

  it('links removals to the base commit and everything else to head', () => {
    const out = renderTreeMarkdown(failing(), { links });
    expect(out).toContain(
      '[`output.schema.json:30 (base)`](https://github.com/acme/api/blob/1111111/contracts/sync-customers/v3/output.schema.json#L30)',
    );
    expect(out).toContain(
      '[`output.schema.json:12`](https://github.com/acme/api/blob/2222222/contracts/sync-customers/v3/output.schema.json#L12)',
    );
  });

  it('a new major shows what changes for callers moving to it, in its own table, and who must move by when', () => {
    const out = renderTreeMarkdown(newMajor());
    const section = out.slice(out.indexOf('#### sync-customers v4 (new, 4.0.0)'));
    expect(section).toContain(
      '**What changes for callers moving from v3 to v4 (1 breaking):**\n\n| Severity | Fingerprint | Where | What changed |',
    );
    expect(section).toContain(
      '| **breaking** | `fp-sync-customers-4-input-required-added-/required` | `input.schema.json:9` | `tenantId` was added as a required property of the request; requests without it are now rejected. — breaks: retool-ops-dashboard (@acme/ops) |',
    );
    expect(section).toContain(
      'Consumers of v3 that must move to v4 by 2027-03-31: retool-ops-dashboard (@acme/ops).',
    );
    // What callers meet on the way is not a change of the PR: the verdict counts only the new major.
    expect(out.split('\n')[0]).toBe('### ✅ contractguard: no breaking changes (1 additive)');
  });

  it('folds changes without effect and unchanged versions into <details>', () => {
    const out = renderTreeMarkdown(failing());
    expect(out).toContain('<details><summary>1 change with no effect on meaning</summary>');
    expect(out).toContain('<details><summary>1 version unchanged</summary>\n\nbilling v1\n\n</details>');
    expect(out).not.toContain('#### billing v1');
    const onlyDocs = report({
      versions: [
        version('sync-customers', 3, [change('none', 'description-changed', 'The description changed.')]),
      ],
    });
    const docs = renderTreeMarkdown(onlyDocs);
    expect(docs.split('\n')[0]).toBe(
      '### ✅ contractguard: no changes in meaning (1 with no effect on meaning)',
    );
    expect(docs).toContain('No change in meaning.');
  });

  it('shows alias moves, each version’s warnings and notices in its block, approvals and the compared refs', () => {
    const out = renderTreeMarkdown(approved());
    expect(out).toContain('#### Alias moves\n\n- `latest` of sync-customers: v3 → v4');
    const v3 = out.slice(out.indexOf('#### ⚠️ sync-customers v3'), out.indexOf('#### sync-customers v4'));
    expect(v3).toContain('- Breaking changes in sync-customers v3 approved by @acme/crm-team.');
    const warned = renderTreeMarkdown(failing());
    expect(warned.slice(warned.indexOf('#### ❌ sync-customers v3'))).toContain(
      '- ⚠️ sync-customers v3 has a newer major (v4) but no deprecation date. (`contract.yaml:4`)',
    );
    expect(out).not.toContain('#### Notices');
    expect(out).not.toContain('#### Warnings');
    expect(out).toContain(
      '#### Approvals\n\n- @acme/crm-team approved all breaking changes: only the ops dashboard reads v3, and it is updated' +
        ` — covers 3 changes: \`${statusEnum.fingerprint}\` (sync-customers v3, output /properties/status), ` +
        `\`${phoneRemoved.fingerprint}\` (sync-customers v3, output /properties/phone), ` +
        `\`${timeout.fingerprint}\` (sync-customers v3, contract.yaml /operational/timeoutMs)<br>Nothing else blocks sync-customers v3.`,
    );
    expect(out.trimEnd().split('\n').at(-1)).toBe(
      '<sub>Compared `main` → `feature/refunds`, contracts in `contracts`.</sub>',
    );
  });

  it('says beside an approval what still blocks after it', () => {
    const bump: Finding = {
      rule: 'minor-bump-missing',
      level: 'error',
      endpoint: 'sync-customers',
      major: 3,
      message:
        'the contract of sync-customers v3 changed but its version is still 3.2.0 — bump version to 3.3.0',
      fix: 'set `version: 3.3.0`',
    };
    const r = approved();
    const out = renderTreeMarkdown({ ...r, passed: false, findings: [...r.findings, bump] });
    expect(out).toContain(
      '<br>Still blocking after it: the contract of sync-customers v3 changed but its version is still 3.2.0 — bump version to 3.3.0.',
    );
  });

  it('shows head-tree problems once, not again as errors', () => {
    const problem = {
      file: 'contracts/sync-customers/v4/contract.yaml',
      line: 7,
      column: 3,
      field: 'deprecation.date',
      message: 'must be a date (YYYY-MM-DD)',
    };
    const r = report({
      passed: false,
      problems: [problem],
      findings: [
        {
          rule: 'invalid-contract-file',
          level: 'error',
          message: `${problem.file}: must be a date (YYYY-MM-DD)`,
          position: { file: problem.file, line: 7, column: 3 },
        },
      ],
    });
    const out = renderTreeMarkdown(r);
    expect(out.split('\n')[0]).toBe('### ❌ contractguard: 1 problem in the head tree — no contract changes');
    expect(out).not.toContain('#### Errors');
    expect(out).toContain(
      '#### Problems in the head tree\n\n- `contracts/sync-customers/v4/contract.yaml:7` — must be a date (YYYY-MM-DD) (field `deprecation.date`)',
    );
  });

  it('names other policy errors in the verdict', () => {
    const r = report({
      passed: false,
      verdict: 'additive',
      versions: [version('sync-customers', 3, [crmId], { baseVersion: '3.2.0', headVersion: '3.2.0' })],
      findings: [
        {
          rule: 'minor-bump-missing',
          level: 'error',
          endpoint: 'sync-customers',
          major: 3,
          message: 'sync-customers v3 has additive changes but its version is still 3.2.0.',
          fix: 'set `version: 3.3.0` in contracts/sync-customers/v3/contract.yaml',
          fingerprints: [crmId.fingerprint],
        },
      ],
    });
    const out = renderTreeMarkdown(r);
    expect(out.split('\n')[0]).toBe('### ❌ contractguard: 1 policy error — 1 additive');
    expect(out).toContain('#### ❌ sync-customers v3 (3.2.0)');
    expect(rows(out).map((x) => cells(x)[0])).toEqual(['additive']);
  });

  it('escapes names and messages so they cannot break the table or inject HTML', () => {
    const nasty = change(
      'breaking',
      'rule',
      'Field `a|b` is <img src=x onerror=alert(1)>\nnow **gone** | x',
      {
        endpoint: 'ev|l<b>',
        fingerprint: '0123456789ab',
        position: { file: 'contracts/ev|l<b>/v3/out (1).json', line: 3, column: 1, side: 'head' },
      },
    );
    const r = report({ passed: false, verdict: 'breaking', versions: [version('ev|l<b>', 3, [nasty])] });
    const out = renderTreeMarkdown(r, { links });
    expect(out).not.toMatch(/(?<!\\)<(img|b>)/);
    expect(out).toContain('\\<img src=x onerror=alert(1)\\><br>now \\*\\*gone\\*\\* \\| x');
    const [row] = rows(out);
    expect(cells(row ?? '')).toHaveLength(4);
    expect(out).toContain('#### ⚠️ ev\\|l\\<b\\> v3');
    expect(out).toContain(
      '(https://github.com/acme/api/blob/2222222/contracts/ev%7Cl%3Cb%3E/v3/out%20%281%29.json#L3)',
    );
  });

  it('is deterministic: the order versions come in does not matter', () => {
    const r = failing();
    const shuffled = { ...r, versions: [...r.versions].reverse() };
    expect(renderTreeMarkdown(shuffled)).toBe(renderTreeMarkdown(r));
  });

  it('stays under the limit, keeping the errors and breaking rows, and says what it left out', () => {
    const additive = Array.from({ length: 3000 }, (_, i) =>
      change(
        'additive',
        'property-added',
        `Responses may now include \`field${i}\` ${'with a long description '.repeat(3)}.`,
        {
          path: `/properties/field${i}`,
          position: {
            file: 'contracts/sync-customers/v3/output.schema.json',
            line: 100 + i,
            column: 5,
            side: 'head',
          },
        },
      ),
    );
    const none = Array.from({ length: 500 }, (_, i) =>
      change('none', 'description-changed', `The description of \`field${i}\` changed.`, { path: `/d${i}` }),
    );
    const breaking = Array.from({ length: 40 }, (_, i) =>
      change(
        'breaking',
        'property-removed',
        `Responses no longer include \`old${i}\`; clients that read it break.`,
        {
          path: `/properties/old${i}`,
        },
      ),
    );
    const r = report({
      passed: false,
      verdict: 'breaking',
      versions: [version('sync-customers', 3, [...additive, ...none, ...breaking])],
      findings: [{ ...reusesV3, fingerprints: breaking.map((c) => c.fingerprint) }],
    });
    const out = renderTreeMarkdown(r);
    expect(out.length).toBeLessThanOrEqual(DEFAULT_TREE_MARKDOWN_LENGTH);
    expect(out.length).toBeGreaterThan(DEFAULT_TREE_MARKDOWN_LENGTH - 1000);
    expect(out).toContain('- ❌ Breaking changes reuse major v3');
    for (let i = 0; i < 40; i++) expect(out).toContain(`\`old${i}\``);
    expect(out).not.toContain('with no effect on meaning</summary>');
    const kept = rows(out).filter((x) => x.startsWith('| additive')).length;
    expect(kept).toBeGreaterThan(100);
    expect(out).toContain(
      `_${3000 - kept + 500} more changes not shown (${3000 - kept} additive changes, 500 changes with no effect on meaning)._`,
    );
    expect(out).toMatch(
      /\*\*Not shown:\*\* \d+ additive changes, 500 changes with no effect on meaning\. GitHub limits a comment to 65,536 characters; the text and JSON reports list everything\./,
    );
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/^<sub>Compared/);

    const tiny = renderTreeMarkdown(r, { maxLength: 3000 });
    expect(tiny.length).toBeLessThanOrEqual(3000);
    expect(tiny).toContain('- ❌ Breaking changes reuse major v3');
    expect(tiny).toMatch(/\*\*Not shown:\*\* \d+ blocking changes?, 3000 additive changes/);
  });

  it('says once in a version block that output is not checked when the contract has no output schema', () => {
    const added = change('additive', 'field-added', 'New optional argument `dry_run`.', { area: 'input' });
    const out = renderTreeMarkdown(
      report({
        versions: [
          version('sync-customers', 1, [added], { noOutputSchema: 'windmill' }),
          version('orders', 1, [added]),
        ],
      }),
    );
    expect(out.match(/Output not checked/g)).toHaveLength(1);
    const block = out.slice(out.indexOf('sync-customers v1'));
    expect(block).toContain('_Output not checked: no output schema (Windmill scripts declare none)._');
  });
});
