import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { aliasMajor, moveAlias } from '../../src/scaffold/alias.js';
import { ScaffoldError } from '../../src/scaffold/fs.js';

const EXAMPLE = fileURLToPath(
  new URL('../../contracts-example/export-orders/endpoint.yaml', import.meta.url),
);

describe('moveAlias', () => {
  it('changes only the value in a flow map, keeping comments and spacing byte for byte', () => {
    const before = fs.readFileSync(EXAMPLE, 'utf8');
    const after = moveAlias(before, 'staging', 2);
    expect(after).toBe(
      before.replace(
        'aliases: { prod: 1, staging: 1, latest: 1 }',
        'aliases: { prod: 1, staging: 2, latest: 1 }',
      ),
    );
    expect(aliasMajor(after, 'staging')).toBe(2);
    expect(aliasMajor(after, 'prod')).toBe(1);
  });

  it('changes only the value in a block map, keeping comments and quotes', () => {
    const before = [
      '# header comment',
      'name: sync-customers',
      'aliases:',
      '  # the one callers use',
      '  prod: 2   # moved by promotions',
      "  latest: '3'",
      'canary:',
      "  check: 'canary / sync-customers'",
      '',
    ].join('\n');
    expect(moveAlias(before, 'prod', 3)).toBe(before.replace('  prod: 2   #', '  prod: 3   #'));
    expect(moveAlias(before, 'latest', 10)).toBe(before.replace("latest: '3'", "latest: '10'"));
  });

  it('keeps CRLF line endings', () => {
    const before = 'name: a\r\naliases: {prod: 1}\r\n';
    expect(moveAlias(before, 'prod', 2)).toBe('name: a\r\naliases: {prod: 2}\r\n');
  });

  it('refuses a missing alias, a missing aliases map, a bad major and invalid YAML', () => {
    expect(() => moveAlias('aliases: { prod: 1 }\n', 'staging', 2)).toThrow(ScaffoldError);
    expect(() => moveAlias('name: a\n', 'prod', 2)).toThrow(/no `aliases` map/);
    expect(() => moveAlias('aliases: { prod: 1 }\n', 'prod', 0)).toThrow(ScaffoldError);
    expect(() => moveAlias('aliases: { prod: [1\n', 'prod', 2)).toThrow(ScaffoldError);
  });
});
