/** How each renderer shows a counterexample, and what it says where no single instance can prove a break. */
import { describe, expect, it } from 'vitest';

import { renderJson } from '../../src/report/diff-json.js';
import { MAX_SHOWN_CHARS, shownInstance } from '../../src/report/counterexample.js';
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

  it('Markdown: a long instance gets spaces between its tokens, so the table column can wrap it', () => {
    const long = diffChange('breaking', '/properties/note/maxLength', 'max-length-decreased', '…', {
      counterexample: { value: { customerId: 'c1', note: 'x'.repeat(40) }, validAgainst: 'old' },
    });
    expect(renderMarkdown(result(long), labels)).toContain(
      `\`{ "customerId": "c1", "note": "${'x'.repeat(40)}" }\``,
    );
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

describe('a long instance, shown along the place of the change', () => {
  // A change deep in a request: the required fields around the place take the first 120 characters.
  const padding = { s0: { f6: 'contractguard', f8: 5, f9: 0, f11: 'contractguard', f12: true, f14: [] } };
  const value = {
    g0: padding,
    g2: { s0: { f0: true, f5: true }, s2: { f11: 'contractguard', f5: 'x'.repeat(60) } },
  };
  const at = ['g2', 's2', 'f5'];

  it('spells out the path to the place and elides the members beside it by name', () => {
    expect(shownInstance(value, false, at)).toBe(
      `{"g0":…,"g2":{"s0":…,"s2":{"f11":…,"f5":"${'x'.repeat(60)}"}}}`,
    );
  });

  it('elides the members beside the path together when their names do not fit either', () => {
    const wide = { ...value, g2: { ...value.g2, s2: { ...value.g2.s2, f5: 'x'.repeat(90) } } };
    expect(shownInstance(wide, false, at)).toBe(`{…,"g2":{…,"s2":{…,"f5":"${'x'.repeat(90)}"}}}`);
  });

  it('cuts what is still too long, and shows an instance that fits whole', () => {
    const huge = { ...value, g2: { s2: { f5: 'x'.repeat(500) } } };
    const shown = shownInstance(huge, false, at);
    expect(shown).toHaveLength(MAX_SHOWN_CHARS);
    expect(shown.startsWith('{…,"g2":{"s2":{"f5":"xxx')).toBe(true);
    expect(shownInstance({ a: 1, b: { c: 2 } }, false, ['b', 'c'])).toBe('{"a":1,"b":{"c":2}}');
  });

  it('shows a place the instance leaves out (a required property missing) at the deepest part it has', () => {
    expect(shownInstance(value, false, ['g2', 's0', 'missing'])).toBe(
      '{"g0":…,"g2":{"s0":{"f0":true,"f5":true},"s2":…}}',
    );
  });

  it('walks into array items and keeps the spaced form a Markdown table wraps', () => {
    const list = { items: [padding, padding, { qty: 'x'.repeat(70) }] };
    expect(shownInstance(list, true, ['items', 2, 'qty'])).toBe(
      `{ "items": [ …, { "qty": "${'x'.repeat(70)}" } ] }`,
    );
  });

  it('is not part of the JSON report', () => {
    const placed = diffChange('breaking', '/properties/g2', 'max-length-decreased', '…', {
      counterexample: { value, validAgainst: 'old', at },
    });
    const out = JSON.parse(renderJson(result(placed))) as { changes: { counterexample: object }[] };
    expect(out.changes[0]?.counterexample).toEqual({ value, validAgainst: 'old' });
  });
});
