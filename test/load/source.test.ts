import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FsSource, normalizeRepoPath, SourceError } from '../../src/load/source.js';
import { tempDir, writeFiles } from './helpers.js';

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected a rejection');
}

describe('FsSource', () => {
  it('lists the files under a root recursively, sorted, relative to the repository root', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'contracts/b/v1/contract.yaml': '', 'contracts/a.yaml': '', 'other/x.yaml': '' });
    expect(await new FsSource(dir).list('contracts/')).toEqual([
      'contracts/a.yaml',
      'contracts/b/v1/contract.yaml',
    ]);
  });

  it('does not walk .git or node_modules', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'a.yaml': '', '.git/config': '', 'node_modules/x/package.json': '' });
    expect(await new FsSource(dir).list('')).toEqual(['a.yaml']);
  });

  it('lists nothing for a root that does not exist', async () => {
    expect(await new FsSource(tempDir()).list('contracts')).toEqual([]);
  });

  it('reads a file', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'contracts/a.yaml': 'a: 1\n' });
    expect((await new FsSource(dir).read('contracts/a.yaml')).toString('utf8')).toBe('a: 1\n');
  });

  it('lists a symbolic link but refuses to read it', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'outside.json': '{}', 'contracts/.keep': '' });
    fs.symlinkSync('../outside.json', path.join(dir, 'contracts/link.json'));
    const source = new FsSource(dir);
    expect(await source.list('contracts')).toEqual(['contracts/.keep', 'contracts/link.json']);
    const error = await rejection(source.read('contracts/link.json'));
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ kind: 'symlink' });
  });

  it('refuses a file larger than maxBytes, with its size', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'big.json': 'x'.repeat(100) });
    const error = await rejection(new FsSource(dir).read('big.json', { maxBytes: 99 }));
    expect(error).toMatchObject({ kind: 'too-large', size: 100 });
  });

  it('fails reading a missing file', async () => {
    const error = await rejection(new FsSource(tempDir()).read('nope.yaml'));
    expect(error).toMatchObject({ kind: 'missing' });
  });

  it('reads many files at once', async () => {
    const dir = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`contracts/f${i}.json`] = String(i);
    writeFiles(dir, files);
    const source = new FsSource(dir);
    const names = await source.list('contracts');
    const texts = await Promise.all(names.map(async (name) => (await source.read(name)).toString('utf8')));
    expect(texts.map(Number).sort((a, b) => a - b)).toEqual([...Array(200).keys()]);
  });
});

describe('normalizeRepoPath', () => {
  it('normalises separators, dots and trailing slashes', () => {
    expect(normalizeRepoPath('./contracts//a/')).toBe('contracts/a');
    expect(normalizeRepoPath('.')).toBe('');
  });

  it('refuses a path leaving the repository', () => {
    expect(() => normalizeRepoPath('contracts/../../etc')).toThrow(/may not leave the repository root/);
    expect(() => normalizeRepoPath('/etc')).toThrow(/relative to the repository root/);
  });
});
