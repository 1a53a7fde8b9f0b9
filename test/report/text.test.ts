import { stripVTControlCharacters } from 'node:util';

import { describe, expect, it } from 'vitest';

import { renderTreeText } from '../../src/report/text.js';
import { approved, change, failing, report, version } from './fixtures.js';

describe('renderTreeText', () => {
  it('renders a failing report (golden)', async () => {
    await expect(renderTreeText(failing(), { color: false })).toMatchFileSnapshot('golden/failing.txt');
  });

  it('starts with the verdict and the compared refs', () => {
    const [first, second] = renderTreeText(failing(), { color: false }).split('\n');
    expect(first).toBe(
      '✖ contractguard: breaking changes in sync-customers v3 — 2 breaking, 1 dangerous, 1 additive',
    );
    expect(second).toBe('  compared main → feature/refunds, contracts in contracts');
    expect(renderTreeText(report(), { color: false }).split('\n')[0]).toBe(
      '✔ contractguard: no contract changes',
    );
    expect(renderTreeText(approved(), { color: false }).split('\n')[0]).toMatch(/^⚠ contractguard: passed: /);
  });

  it('prefixes located lines with file:line:col so terminals link them', () => {
    const lines = renderTreeText(failing(), { color: false }).split('\n');
    expect(lines).toContain(
      '  contracts/sync-customers/v3/output.schema.json:12:7: breaking (blocking): Output `status` may now be ' +
        '"refunded"; clients that handle only the old values break. [enum-value-added]',
    );
    expect(lines).toContain(
      '  contracts/sync-customers/v3/contract.yaml:2:10: error: Breaking changes reuse major v3 of sync-customers, ' +
        'which consumers depend on. [breaking-change-in-existing-major]',
    );
    expect(lines).toContain('    fix: run `contractguard new-version sync-customers` and apply it there');
    // A removal's line is in base, not in the working tree: the file is named without a line.
    expect(lines).toContain(
      '  contracts/sync-customers/v3/output.schema.json (base line 30): breaking (blocking): Responses no longer ' +
        'include `phone`; clients that read it break. [property-removed]',
    );
    expect(lines).toContain(
      '  contract.yaml /operational/timeoutMs: dangerous: The timeout went down from 30000 ms to 10000 ms; slow syncs that used ' +
        'to finish now fail. [timeout-decreased]',
    );
  });

  it('marks approved changes and lists every section', () => {
    const out = renderTreeText(approved(), { color: false });
    expect(out).toContain(': breaking (approved by @acme/crm-team): Output `status`');
    for (const title of ['sync-customers v3 (3.2.0 → 3.3.0)', 'Alias moves', 'Notices', 'Approvals']) {
      expect(out.split('\n')).toContain(title);
    }
    expect(out).toContain('\nUnchanged: billing v1\n');
  });

  it('says beside each approval which changes it covers and what still blocks', () => {
    const out = renderTreeText(approved(), { color: false }).split('\n');
    const at = out.indexOf('Approvals');
    expect(out[at + 1]).toMatch(
      /^ {2}@acme\/crm-team approved all breaking changes: .* — covers 3 changes: `fp-sync-customers-3-output-enum-value-added-\/properties\/status` \(sync-customers v3, output \/properties\/status\), /,
    );
    expect(out[at + 2]).toBe('    Nothing else blocks sync-customers v3.');
  });

  it('lists head-tree problems with their positions', () => {
    const out = renderTreeText(
      report({
        passed: false,
        problems: [{ file: 'contracts/a/endpoint.yaml', line: 3, column: 9, message: 'unknown key `rout`' }],
      }),
      { color: false },
    );
    expect(out).toContain(
      'Problems in the head tree\n  contracts/a/endpoint.yaml:3:9: error: unknown key `rout`\n',
    );
  });

  it('colours only when asked, and never lets a message colour the terminal', () => {
    const plain = renderTreeText(failing(), { color: false });
    expect(plain).not.toContain('\u001b');
    const coloured = renderTreeText(failing(), { color: true });
    expect(coloured).toContain('\u001b[31m');
    expect(stripVTControlCharacters(coloured)).toBe(plain);

    const evil = change('breaking', 'r', 'Bad \u001b[2J\u001b[31mred\nsecond line', {
      position: { file: 'contracts/x\u001b]8;;http://evil\u0007.json', line: 1, column: 1, side: 'head' },
    });
    const out = renderTreeText(report({ versions: [version('x', 1, [evil])] }), { color: true });
    expect(out).not.toContain('\u001b[2J');
    expect(out).not.toContain('\u001b]8');
    expect(out).not.toContain('\u0007');
    expect(out).toContain('Bad \\u001B[2J\\u001B[31mred second line');
  });

  it('shows a bidirectional override in a file name and a message as \\u202E', () => {
    const sneaky = change('breaking', 'r', 'Field `a\u202Edi` removed', {
      position: { file: 'contracts/x/\u2067v1\u2069/output.schema.json', line: 3, column: 5, side: 'head' },
    });
    const out = renderTreeText(report({ versions: [version('x', 1, [sneaky])] }), { color: false });
    expect(out).not.toMatch(/[\u202e\u2067\u2069]/);
    expect(out).toContain(
      'contracts/x/\\u2067v1\\u2069/output.schema.json:3:5: breaking: Field `a\\u202Edi` removed',
    );
  });

  it('says once in a version block that output is not checked when the contract has no output schema', () => {
    const added = change('additive', 'field-added', 'New optional argument `dry_run`.', { area: 'input' });
    const out = renderTreeText(
      report({
        versions: [
          version('sync-customers', 1, [added, { ...added, fingerprint: 'fp-2' }], {
            noOutputSchema: 'windmill',
          }),
          version('refunds', 2, [added], { noOutputSchema: 'contract' }),
          version('orders', 1, [added]),
        ],
      }),
      { color: false },
    );
    const lines = out.split('\n');
    const windmill = 'Output not checked: no output schema (Windmill scripts declare none).';
    expect(lines.filter((l) => l.includes(windmill))).toEqual([`  ${windmill}`]);
    expect(lines).toContain('  Output not checked: no output schema (`output: true`).');
    expect(out.match(/Output not checked/g)).toHaveLength(2);
    const orders = out.slice(out.indexOf('orders v1'));
    expect(orders.slice(0, orders.indexOf('refunds'))).not.toContain('Output not checked');
  });
});
