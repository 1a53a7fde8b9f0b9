import { describe, expect, it } from 'vitest';

import { renderText } from '../../src/report/diff-text.js';
import { change, mixed, result } from './diff-fixtures.js';

const opts = { direction: 'output', semantics: 'pragmatic', oldLabel: 'a.json', newLabel: 'b.json' } as const;

describe('renderText', () => {
  it('starts with the verdict, direction, semantics and counts', () => {
    const lines = renderText(mixed, opts).split('\n');
    expect(lines[0]).toBe(
      'Verdict: breaking (output, pragmatic semantics) — 2 breaking, 1 dangerous, 1 additive, 1 with no effect on meaning',
    );
    expect(lines[1]).toBe('Compared a.json → b.json');
  });

  it('shows bidirectional and control characters in paths, messages and labels as \\uXXXX', () => {
    const sneaky = result(
      change('breaking', '/properties/a\u202Eb', 'property-removed', '`a\u202Eb` \u001b[2Jgone'),
    );
    const out = renderText(sneaky, { ...opts, newLabel: 'b\u2066.json' });
    expect([...'\u202e\u2066\u001b'].filter((ch) => out.includes(ch))).toEqual([]);
    expect(out).toContain('Compared a.json → b\\u2066.json');
    expect(out).toContain('/properties/a\\u202Eb  property-removed  `a\\u202Eb` \\u001B[2Jgone');
  });

  it('lists one line per change, most severe first, keeping order within a severity', () => {
    const lines = renderText(mixed, opts).trimEnd().split('\n').slice(3);
    expect(lines.map((l) => l.split(/\s+/, 3))).toEqual([
      ['BREAKING', '/properties/status', 'enum-value-added'],
      ['BREAKING', '/properties/customer/properties/phone', 'type-widened'],
      ['DANGEROUS', '/properties/legacyCustomerNumber', 'property-removed'],
      ['ADDITIVE', '/properties/customer/properties/crmId', 'property-added'],
      ['NONE', '/properties/total/properties/amount', 'description-changed'],
    ]);
    expect(lines[0]).toMatch(
      /refunded"; clients that handle only the old values break\. \(defined at order\.json#\/\$defs\/OrderStatus\)$/,
    );
  });

  it('matches the documented line layout', () => {
    const out = renderText(
      result(
        change(
          'breaking',
          '/properties/status',
          'enum-value-added',
          'Output `status` may now be "refunded".',
        ),
      ),
      opts,
    );
    expect(out).toBe(
      [
        'Verdict: breaking (output, pragmatic semantics) — 1 breaking',
        'Compared a.json → b.json',
        '',
        'BREAKING  /properties/status  enum-value-added  Output `status` may now be "refunded".',
        '',
      ].join('\n'),
    );
  });

  it('says so when nothing changed', () => {
    expect(renderText(result(), { ...opts, direction: 'input', semantics: 'strict' })).toBe(
      'Verdict: none (input, strict semantics) — no changes\nCompared a.json → b.json\n\nNo differences in meaning.\n',
    );
  });

  it('keeps every change on one line and shows the root as /', () => {
    const out = renderText(result(change('dangerous', '', 'odd\nrule', 'line one\nline two')), opts);
    expect(out.trimEnd().split('\n')).toHaveLength(4);
    expect(out).toContain('DANGEROUS  /  odd rule  line one line two');
  });

  it('says where a change is written only when its path does not show it', () => {
    const at = (file: string, pointer: string) =>
      change('breaking', '/properties/status/enum', 'enum-value-added', 'm', { origin: { file, pointer } });
    const render = (c: ReturnType<typeof at>) =>
      renderText(result(c), { ...opts, schemaFiles: ['order-v1.json', 'order-v2.json'] });
    expect(render(at('order-v2.json', '/properties/status'))).not.toContain('defined at');
    expect(render(at('order-v2.json', '/$defs/Status'))).toContain(
      'm (defined at order-v2.json#/$defs/Status)',
    );
    expect(render(at('common.json', ''))).toContain('m (defined at common.json)');
    expect(render(at('common.json', '/properties/status'))).toContain(
      '(defined at common.json#/properties/status)',
    );
  });
});
