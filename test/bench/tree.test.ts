import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import type { TreeEdit, TreeSpec } from '../../bench/generate.js';
import { applyTreeEdits, fastImportScript, generateTree, TREE_EDIT_KINDS } from '../../bench/generate.js';

const SPEC: TreeSpec = { endpoints: 4, majors: 2, sharedUsers: 3, crossRefs: true, consumers: 2 };

describe('generateTree', () => {
  it('writes an endpoint.yaml and three files per major, the policy, the shared schema and consumers', () => {
    const files = generateTree(SPEC);
    expect(files.size).toBe(1 + 1 + 4 * (1 + 2 * 3) + 2 * 2);
    expect(files.get('endpoint-00000/v1/input.schema.json')).toContain('../../shared/customer.schema.json');
    expect(files.get('endpoint-00001/v2/input.schema.json')).not.toContain('customer.schema.json');
    expect(files.get('endpoint-00004/v1/output.schema.json')).toBeUndefined();
  });

  it('is the same for the same parameters', () => {
    expect([...generateTree(SPEC)]).toEqual([...generateTree(SPEC)]);
  });
});

describe('applyTreeEdits', () => {
  it('changes at least one file for every kind of edit', () => {
    const base = generateTree(SPEC);
    for (const kind of TREE_EDIT_KINDS) {
      const edit = { kind, endpoint: 1, major: 1, consumer: 0 } as TreeEdit;
      const head = applyTreeEdits(SPEC, base, [edit]);
      const differs = head.size !== base.size || [...head].some(([file, text]) => base.get(file) !== text);
      expect({ kind, differs }).toEqual({ kind, differs: true });
    }
  });

  it('leaves the tree it was given alone', () => {
    const base = generateTree(SPEC);
    const copy = new Map(base);
    applyTreeEdits(SPEC, base, [{ kind: 'remove-endpoint', endpoint: 0 }, { kind: 'shared' }]);
    expect(base).toEqual(copy);
  });
});

describe('fastImportScript', () => {
  it('makes one commit per tree, later ones with only what changed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'contractguard-fast-import-'));
    try {
      const base = generateTree(SPEC);
      const head = applyTreeEdits(SPEC, base, [
        { kind: 'remove-major', endpoint: 2, major: 1 },
        { kind: 'owner', endpoint: 3 },
      ]);
      execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
      execFileSync('git', ['fast-import', '--quiet'], {
        cwd: dir,
        input: fastImportScript('contracts', [base, head]),
      });
      const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
      expect(git('ls-tree', '-r', '--name-only', 'main~1').trim().split('\n').length).toBe(base.size);
      expect(git('diff-tree', '-r', '--name-status', 'main~1', 'main').trim().split('\n').sort()).toEqual([
        'D\tcontracts/endpoint-00002/v1/contract.yaml',
        'D\tcontracts/endpoint-00002/v1/input.schema.json',
        'D\tcontracts/endpoint-00002/v1/output.schema.json',
        'M\tcontracts/endpoint-00003/endpoint.yaml',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
