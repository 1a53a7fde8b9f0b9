import { describe, expect, it } from 'vitest';
import { renderCatalogue, schemaRuleSection, table, withMarkedSection } from '../../src/diff/catalogue.js';

describe('catalogue generator', () => {
  it('renders a table with one line per row and pipes escaped', () => {
    expect(table(['rule', 'why'], [['`a`', 'x | y']])).toEqual([
      '| rule | why |',
      '|---|---|',
      '| `a` | x \\| y |',
    ]);
  });

  it('renders each section under its heading with an anchor per rule id', () => {
    const doc = renderCatalogue([
      {
        heading: 'Demo rules',
        intro: ['Intro.'],
        columns: ['effect'],
        rows: [{ id: 'demo-added', cells: ['widens'], why: 'Because.' }],
      },
    ]);
    expect(doc).toContain('\n## Demo rules\n\nIntro.\n\n| rule | effect | why |\n|---|---|---|\n');
    expect(doc).toContain('| <a id="demo-added"></a>`demo-added` | widens | Because. |\n');
  });

  it('the schema section states each default per semantics and direction', () => {
    const row = schemaRuleSection().rows.find((r) => r.id === 'enum-value-added');
    expect(row?.cells).toEqual(['widens', 'additive', 'breaking', 'additive', 'breaking']);
    const computed = schemaRuleSection().rows.find((r) => r.id === 'multiple-of-changed');
    expect(computed?.cells).toEqual(['computed', 'by effect', 'by effect', 'by effect', 'by effect']);
  });

  it('replaces exactly the marked section of a document, keeping it out of prettier', () => {
    const doc = [
      'before',
      '<!-- t:start -->',
      '<!-- prettier-ignore-start -->',
      'old',
      '<!-- prettier-ignore-end -->',
      '<!-- t:end -->',
      'after',
    ].join('\n');
    expect(withMarkedSection(doc, 't', ['new'])).toBe(
      [
        'before',
        '<!-- t:start -->',
        '<!-- prettier-ignore-start -->',
        '',
        'new',
        '',
        '<!-- prettier-ignore-end -->',
        '<!-- t:end -->',
        'after',
      ].join('\n'),
    );
  });

  it('refuses a document without the markers instead of appending somewhere', () => {
    expect(() => withMarkedSection('no markers here', 't', ['new'])).toThrow(/no t markers/);
  });
});
