/** How each renderer shows a counterexample, and what it says where no single instance can prove a break. */
import { describe, expect, it } from 'vitest';

import { renderJson } from '../../src/report/diff-json.js';
import { renderMarkdown } from '../../src/report/diff-markdown.js';
import { renderText } from '../../src/report/diff-text.js';
import { renderTreeMarkdown } from '../../src/report/markdown.js';
import { renderTreeText } from '../../src/report/text.js';
import { change as diffChange, result } from '../report/diff-fixtures.js';
import { phoneRemoved, report, statusEnum, version } from '../report/fixtures.js';

const labels = {
  direction: 'input',
  semantics: 'strict',
  oldLabel: 'old.json',
  newLabel: 'new.json',
} as const;
const narrowed = diffChange('breaking', '/properties/status/enum', 'enum-value-removed', '`status` …', {
  counterexample: { value: { customerId: 'c1', status: 'b|`x`' }, validAgainst: 'old' },
});

describe('counterexamples in the schema diff renderers', () => {
  it('JSON: the field after the message, key by key', () => {
    const out = JSON.parse(renderJson(result(narrowed))) as { changes: Record<string, unknown>[] };
    expect(Object.keys(out.changes[0] ?? {})).toEqual([
      'rule',
      'severity',
      'path',
      'message',
      'counterexample',
    ]);
    expect(out.changes[0]?.counterexample).toEqual({
      value: { customerId: 'c1', status: 'b|`x`' },
      validAgainst: 'old',
    });
  });

  it('text and Markdown: the sentence, the instance quoted safely', () => {
    expect(renderText(result(narrowed), labels)).toContain(
      '— e.g. this request was accepted before and is rejected now: `{"customerId":"c1","status":"b|`x`"}`',
    );
    const md = renderMarkdown(result(narrowed), labels);
    expect(md).toContain('<br>e.g. this request was accepted before and is rejected now: ');
    // A pipe inside a table cell is escaped; backticks inside get a longer fence.
    expect(md).toContain('``{"customerId":"c1","status":"b\\|`x`"}``');
  });

  it('a change that is not breaking says its instance proves a break only strictly speaking', () => {
    const added = diffChange(
      'additive',
      '/properties/note',
      'property-added',
      '`note` was added; existing clients keep working.',
      { counterexample: { value: { customerId: 'c1', note: 0 }, validAgainst: 'old' } },
    );
    const strictly = 'strictly speaking, this request was accepted before and is rejected now: ';
    expect(renderText(result(added), labels)).toContain(`existing clients keep working. — ${strictly}`);
    expect(renderMarkdown(result(added), labels)).toContain(`<br>${strictly}`);
    expect(renderText(result(narrowed), labels)).not.toContain('strictly speaking');
  });
});

describe('counterexamples in the tree report renderers', () => {
  const proven = {
    ...statusEnum,
    counterexample: {
      value: { id: 'c1', status: 'refunded' },
      validAgainst: 'new' as const,
    },
  };
  const read = {
    ...phoneRemoved,
    consumers: [{ name: 'retool-ops-dashboard', owner: '@acme/ops', kind: 'dashboard' }],
  };
  const tree = report({ versions: [version('sync-customers', 3, [proven, read])] });

  it('Markdown: under the change; for an optional output property removed, what a consumer sees', () => {
    const md = renderTreeMarkdown(tree);
    expect(md).toContain(
      '<br>e.g. this response can be returned now and could not before: `{"id":"c1","status":"refunded"}`',
    );
    expect(md).toContain('consumers would see a response without `phone`, which retool-ops-dashboard reads');
  });

  it('text: on the line after the change', () => {
    const text = renderTreeText(tree, { color: false });
    expect(text).toMatch(
      /\[enum-value-added\]\n {4}e\.g\. this response can be returned now and could not before: `\{"id":"c1","status":"refunded"\}`/,
    );
    expect(text).toContain('which retool-ops-dashboard reads');
  });
});
