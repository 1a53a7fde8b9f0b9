import { describe, expect, it } from 'vitest';

import type { Change } from '../../src/diff/types.js';
import { renderMarkdown } from '../../src/report/diff-markdown.js';
import { GITHUB_COMMENT_LIMIT } from '../../src/report/markdown-text.js';
import { change, mixed, result } from './diff-fixtures.js';
import { cells, rows } from './table.js';

const opts = {
  direction: 'output',
  semantics: 'pragmatic',
  oldLabel: 'order-v1.json',
  newLabel: 'order-v2.json',
} as const;

describe('renderMarkdown', () => {
  it('has a heading with the verdict, then the labels, direction, semantics and counts', () => {
    const out = renderMarkdown(mixed, opts);
    const [heading, blank, summary] = out.split('\n');
    expect(heading).toBe('### contractguard: BREAKING');
    expect(blank).toBe('');
    expect(summary).toBe(
      '`order-v1.json` → `order-v2.json`: 2 breaking, 1 dangerous, 1 additive, 1 with no effect on meaning. ' +
        'Compared as an output schema (responses it returns), pragmatic semantics.',
    );
    expect(out).not.toMatch(/[\u{1F300}-\u{1FAFF}\u2705\u274C\u26A0]/u);
  });

  it('tables the changes most severe first and folds the ones without effect into <details>', () => {
    const out = renderMarkdown(mixed, opts);
    expect(rows(out).map((r) => cells(r).slice(0, 3))).toEqual([
      ['**breaking**', '`/properties/status`', '`enum-value-added`'],
      ['**breaking**', '`/properties/customer/properties/phone`', '`type-widened`'],
      ['**dangerous**', '`/properties/legacyCustomerNumber`', '`property-removed`'],
      ['**additive**', '`/properties/customer/properties/crmId`', '`property-added`'],
      ['none', '`/properties/total/properties/amount`', '`description-changed`'],
    ]);
    const details = out.slice(out.indexOf('<details>'), out.indexOf('</details>'));
    expect(details).toContain('<summary>1 change with no effect on meaning</summary>');
    expect(details).toContain('description-changed');
    expect(details).not.toContain('enum-value-added');
    expect(out).toContain('(defined at `order.json#/$defs/OrderStatus`)');
  });

  it('ends a breaking report with a direction-aware hint', () => {
    const out = renderMarkdown(mixed, opts);
    expect(out.trimEnd().split('\n').at(-1)).toMatch(
      /^\*\*How to fix:\*\* breaking changes need a new major version; or make the change additive: return only responses/,
    );
    expect(renderMarkdown(mixed, { ...opts, direction: 'input' })).toContain('keep accepting every request');
    expect(renderMarkdown(result(change('additive', '/a', 'r', 'm')), opts)).not.toContain('How to fix');
  });

  it('says so when nothing changed', () => {
    const out = renderMarkdown(result(), opts);
    expect(out).toContain('### contractguard: NO CHANGE IN MEANING');
    expect(out).toContain('No differences in meaning.');
    expect(out).not.toContain('| Severity');
  });

  it('escapes pipes, backticks, HTML and newlines inside cells', () => {
    const nasty = change(
      'breaking',
      '/properties/a|b/properties/`x`',
      'rule|id',
      'Value `a|b` <img src=x>\nnext *line* [link](u) \\|',
    );
    const out = renderMarkdown(result(nasty), opts);
    const [row] = rows(out);
    expect(row).toBeDefined();
    expect(row?.split('\n')).toHaveLength(1);
    const c = cells(row ?? '');
    expect(c).toHaveLength(4);
    expect(c[1]).toBe('`` /properties/a\\|b/properties/`x` ``');
    expect(c[2]).toBe('`rule\\|id`');
    expect(c[3]).toBe('Value `a\\|b` \\<img src=x\\><br>next \\*line\\* \\[link\\](u) \\\\\\|');
  });

  it('escapes labels in the summary line', () => {
    const out = renderMarkdown(result(), { ...opts, oldLabel: 'we`ird.json', newLabel: 'a|b.json' });
    // Outside a table a backslash before a pipe would show, so pipes stay as they are there.
    expect(out).toContain('``we`ird.json`` → `a|b.json`');
  });

  it('keeps the most severe rows when truncating, and says how many were left out', () => {
    const long = 'x'.repeat(900);
    const changes: Change[] = [];
    for (let i = 0; i < 200; i++) changes.push(change('none', `/n${i}`, 'description-changed', long));
    for (let i = 0; i < 200; i++) changes.push(change('additive', `/a${i}`, 'property-added', long));
    for (let i = 0; i < 30; i++) changes.push(change('breaking', `/b${i}`, 'required-added', long));
    const out = renderMarkdown(result(...changes), opts);
    expect(out.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    const shown = rows(out);
    expect(shown.filter((r) => r.startsWith('| **breaking**'))).toHaveLength(30);
    const additive = shown.filter((r) => r.startsWith('| **additive**')).length;
    expect(additive).toBeGreaterThan(0);
    expect(additive).toBeLessThan(200);
    expect(shown.filter((r) => r.startsWith('| none'))).toHaveLength(0);
    expect(out).not.toContain('<details>');
    const omitted = 430 - 30 - additive;
    expect(out).toContain(
      `**${omitted} more changes not shown** (${200 - additive} additive, 200 with no effect on meaning): ` +
        'GitHub limits a comment to 65,536 characters.',
    );
    expect(out.trimEnd().split('\n').at(-1)).toMatch(/^\*\*How to fix:\*\*/);
  });

  it('fits any maxLength it is given, dropping rows least severe first', () => {
    const changes = [
      change('breaking', '/b', 'required-added', 'b'.repeat(500)),
      change('dangerous', '/d', 'unknown', 'd'.repeat(500)),
      change('additive', '/a', 'property-added', 'a'.repeat(500)),
    ];
    for (const maxLength of [1200, 1800, 2400, 5000]) {
      const out = renderMarkdown(result(...changes), { ...opts, maxLength });
      expect(out.length).toBeLessThanOrEqual(maxLength);
      const shown = rows(out).map((r) => cells(r)[0]);
      expect(shown).toEqual(['**breaking**', '**dangerous**', '**additive**'].slice(0, shown.length));
      if (shown.length < 3) expect(out).toContain(`**${3 - shown.length} more`);
    }
  });

  it('shortens a single huge message instead of dropping every other row', () => {
    const out = renderMarkdown(
      result(
        change('breaking', '/e', 'enum-value-removed', 'v'.repeat(200_000)),
        change('additive', '/a', 'r', 'short'),
      ),
      opts,
    );
    expect(rows(out)).toHaveLength(2);
    expect(out).toContain('v…');
  });
});
