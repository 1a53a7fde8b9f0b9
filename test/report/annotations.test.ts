import { describe, expect, it } from 'vitest';

import {
  type Annotation,
  escapeData,
  escapeProperty,
  toAnnotations,
  toWorkflowCommands,
} from '../../src/report/annotations.js';
import { approved, change, failing, report, statusEnum, version } from './fixtures.js';

describe('toAnnotations', () => {
  it('annotates changes and located findings, failures first', () => {
    const out = toAnnotations(failing());
    expect(out.map((a) => [a.level, a.file, a.line, a.title])).toEqual([
      [
        'failure',
        'contracts/sync-customers/v3/output.schema.json',
        12,
        'Breaking change in sync-customers v3 (output), blocking: enum-value-added',
      ],
      [
        'failure',
        'contracts/sync-customers/v3/output.schema.json',
        1,
        'Breaking change in sync-customers v3 (output), blocking: property-removed',
      ],
      [
        'failure',
        'contracts/sync-customers/v3/contract.yaml',
        2,
        'Policy error: breaking-change-in-existing-major',
      ],
      [
        'warning',
        'contracts/sync-customers/v3/contract.yaml',
        1,
        'Dangerous change in sync-customers v3 (operational): timeout-decreased',
      ],
      ['warning', 'contracts/sync-customers/v3/contract.yaml', 4, 'Policy warning: deprecation-date-missing'],
      [
        'notice',
        'contracts/sync-customers/v3/output.schema.json',
        18,
        'Additive change in sync-customers v3 (output): property-added',
      ],
    ]);
    expect(out[0]).toEqual({
      level: 'failure',
      file: 'contracts/sync-customers/v3/output.schema.json',
      line: 12,
      column: 7,
      title: 'Breaking change in sync-customers v3 (output), blocking: enum-value-added',
      message: `${statusEnum.message} Fix: run \`contractguard new-version sync-customers\` and apply it there.`,
    });
    expect(out[1]?.message).toMatch(/\(removed; it was at line 30 in main\)$/);
    expect(out[1]).not.toHaveProperty('column');
    expect(out[3]?.message).toMatch(/\(contract\.yaml \/operational\/timeoutMs\)$/);
  });

  it('turns approved breaking changes into notices that say who approved them', () => {
    const out = toAnnotations(approved());
    expect(out.filter((a) => a.level === 'failure')).toEqual([]);
    expect(out.find((a) => a.title.endsWith('enum-value-added'))).toMatchObject({
      level: 'notice',
      title: 'Breaking change in sync-customers v3 (output), approved: enum-value-added',
      message: `${statusEnum.message} Approved by @acme/crm-team.`,
    });
  });

  it('annotates head-tree problems with a line, once', () => {
    const r = report({
      passed: false,
      problems: [
        { file: 'contracts/a/endpoint.yaml', line: 3, column: 9, message: 'unknown key `rout`' },
        { file: 'contracts/b/endpoint.yaml', message: 'cannot be read' },
      ],
      findings: [
        {
          rule: 'invalid-contract-file',
          level: 'error',
          message: 'unknown key `rout`',
          position: { file: 'contracts/a/endpoint.yaml', line: 3, column: 9 },
        },
      ],
    });
    expect(toAnnotations(r)).toEqual([
      {
        level: 'failure',
        file: 'contracts/a/endpoint.yaml',
        line: 3,
        column: 9,
        title: 'Problem in the contract tree: invalid-contract-file',
        message: 'unknown key `rout`',
      },
    ]);
  });
});

/** Which of `chars` appear in `text` as they are. */
const raw = (text: string, chars: string): string[] => [...chars].filter((ch) => text.includes(ch));

describe('bidirectional and control characters', () => {
  it('are shown as \\uXXXX in titles, messages and workflow commands; the file path is kept for GitHub', () => {
    const file = 'contracts/x/v1/a\u202Ejson.schema.json';
    const sneaky = change('breaking', 'property-removed', 'Field `a\u202Eb\u0007` removed', {
      endpoint: 'x\u2066y',
      position: { file, line: 3, column: 5, side: 'head' },
    });
    const [a] = toAnnotations(report({ versions: [version('x\u2066y', 1, [sneaky])] }));
    expect(a?.file).toBe(file);
    expect(raw(`${a?.title} ${a?.message}`, '\u202e\u2066\u0007')).toEqual([]);
    expect(a?.title).toContain('x\\u2066y');
    expect(a?.message).toContain('Field `a\\u202Eb\\u0007` removed');
    const [command] = toWorkflowCommands([a as Annotation]);
    expect(raw(command?.split('::')[2] ?? '', '\u202e\u2066\u0007')).toEqual([]);
  });
});

describe('toWorkflowCommands', () => {
  it('writes one workflow command per annotation', () => {
    const a: Annotation[] = [
      { level: 'failure', file: 'contracts/a.yaml', line: 4, column: 3, title: 'T', message: 'm' },
      { level: 'warning', file: 'contracts/b.yaml', line: 1, title: 'W', message: 'w' },
      { level: 'notice', file: 'contracts/c.yaml', line: 2, title: 'N', message: 'n' },
    ];
    expect(toWorkflowCommands(a)).toEqual([
      '::error file=contracts/a.yaml,line=4,col=3,title=T::m',
      '::warning file=contracts/b.yaml,line=1,title=W::w',
      '::notice file=contracts/c.yaml,line=2,title=N::n',
    ]);
  });

  it('escapes as the Actions runner expects', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('Breaking: a, b%\n')).toBe('Breaking%3A a%2C b%25%0A');
    const [line] = toWorkflowCommands([
      {
        level: 'failure',
        file: 'contracts/we,ird:name.yaml',
        line: 1,
        title: 'Breaking change in x v1 (output), blocking: r',
        message: 'Line one: 50% more\nLine two, with `code`::not a command',
      },
    ]);
    expect(line).toBe(
      '::error file=contracts/we%2Cird%3Aname.yaml,line=1,title=Breaking change in x v1 (output)%2C blocking%3A r' +
        '::Line one: 50%25 more%0ALine two, with `code`::not a command',
    );
    expect(line?.split('\n')).toHaveLength(1);
  });

  it('turns a whole report into single-line commands', () => {
    const lines = toWorkflowCommands(toAnnotations(failing()));
    expect(lines).toHaveLength(6);
    for (const l of lines)
      expect(l).toMatch(/^::(error|warning|notice) file=[^ ]+,line=\d+(,col=\d+)?,title=[^\n]*::[^\n]*$/);
  });
});
