import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GitError, GitSource, repositoryTop, resolveRef } from '../../src/load/git.js';
import { loadContractSet } from '../../src/load/load.js';
import { SourceError } from '../../src/load/source.js';
import { commitAll, git, gitInit, tempDir, treeDir, writeFiles } from './helpers.js';

const CONTRACT = 'contracts/sync-customers/v2/contract.yaml';

/** A repository holding the basic tree in two commits: v2 at 2.0.0, then at 2.1.0. */
function repoWithTwoCommits(): { dir: string; first: string; second: string } {
  const dir = treeDir('basic', { 'README.md': 'repository\n' });
  gitInit(dir);
  const first = commitAll(dir, 'first');
  const text = fs.readFileSync(path.join(dir, CONTRACT), 'utf8');
  writeFiles(dir, { [CONTRACT]: text.replace('version: 2.0.0', 'version: 2.1.0') });
  const second = commitAll(dir, 'second');
  return { dir, first, second };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
  }
  throw new Error('expected a rejection');
}

describe('GitSource', () => {
  it('loads two refs from the object database without touching the working tree', async () => {
    const { dir, first, second } = repoWithTwoCommits();
    const text = fs.readFileSync(path.join(dir, CONTRACT), 'utf8');
    writeFiles(dir, { [CONTRACT]: text.replace('version: 2.1.0', 'version: 2.2.0') });
    const statusBefore = git(dir, 'status', '--porcelain');

    const base = await loadContractSet(new GitSource(dir, first), { root: 'contracts' });
    const head = await loadContractSet(new GitSource(dir, second), { root: 'contracts' });

    expect(base.problems).toEqual([]);
    expect(base.endpoints.get('sync-customers')?.versions.get(2)?.contract.version).toBe('2.0.0');
    expect(head.endpoints.get('sync-customers')?.versions.get(2)?.contract.version).toBe('2.1.0');
    expect(fs.readFileSync(path.join(dir, CONTRACT), 'utf8')).toContain('version: 2.2.0');
    expect(git(dir, 'status', '--porcelain')).toBe(statusBefore);
    expect(git(dir, 'rev-parse', 'HEAD')).toBe(second);
  });

  it('lists the files under the root only, sorted, relative to the repository root', async () => {
    const { dir, second } = repoWithTwoCommits();
    const files = await new GitSource(dir, second).list('contracts/sync-customers');
    expect(files).toEqual([
      'contracts/sync-customers/endpoint.yaml',
      'contracts/sync-customers/v1/contract.yaml',
      'contracts/sync-customers/v1/input.schema.json',
      'contracts/sync-customers/v1/output.schema.json',
      'contracts/sync-customers/v2/contract.yaml',
      'contracts/sync-customers/v2/output.schema.json',
    ]);
  });

  it('lists nothing for a root the commit does not have', async () => {
    const { dir, second } = repoWithTwoCommits();
    expect(await new GitSource(dir, second).list('no-such-root')).toEqual([]);
  });

  it('reads the bytes of a file at the ref', async () => {
    const { dir, first } = repoWithTwoCommits();
    const source = new GitSource(dir, first);
    const data = await source.read(CONTRACT);
    expect(data.toString('utf8')).toContain('version: 2.0.0');
    await source.close();
  });

  it('serves many concurrent reads, in order', async () => {
    const { dir, second } = repoWithTwoCommits();
    const source = new GitSource(dir, second);
    const files = await source.list('contracts');
    const contents = await Promise.all(files.map((file) => source.read(file)));
    contents.forEach((data, i) => {
      expect(data.equals(fs.readFileSync(path.join(dir, files[i] as string))), files[i]).toBe(true);
    });
  });

  it('reads again after its idle cat-file process ended', async () => {
    const { dir, second } = repoWithTwoCommits();
    const source = new GitSource(dir, second);
    await source.read(CONTRACT);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await source.read('README.md')).toString('utf8')).toBe('repository\n');
  });

  it('refuses a file larger than maxBytes', async () => {
    const { dir, second } = repoWithTwoCommits();
    const error = await rejection(new GitSource(dir, second).read(CONTRACT, { maxBytes: 10 }));
    expect(error).toBeInstanceOf(SourceError);
    expect(error).toMatchObject({ kind: 'too-large', size: expect.any(Number) });
  });

  it('refuses a symbolic link', async () => {
    const dir = tempDir();
    gitInit(dir);
    writeFiles(dir, { 'contracts/real.json': '{}' });
    fs.symlinkSync('real.json', path.join(dir, 'contracts/link.json'));
    const sha = commitAll(dir, 'link');
    const error = await rejection(new GitSource(dir, sha).read('contracts/link.json'));
    expect(error).toMatchObject({ kind: 'symlink' });
  });

  it('fails reading a file the commit does not have', async () => {
    const { dir, second } = repoWithTwoCommits();
    const source = new GitSource(dir, second);
    const error = await rejection(source.read('contracts/nope.yaml'));
    expect(error).toMatchObject({ kind: 'missing' });
  });
});

describe('resolveRef', () => {
  it('answers the full SHA of a ref', async () => {
    const { dir, second } = repoWithTwoCommits();
    expect(await resolveRef(dir, 'main')).toBe(second);
    expect(await resolveRef(dir, 'HEAD~1')).toBe(git(dir, 'rev-parse', 'HEAD~1'));
  });

  it('says so when a ref does not exist', async () => {
    const { dir } = repoWithTwoCommits();
    const error = await rejection(resolveRef(dir, 'no-such-branch'));
    expect(error).toBeInstanceOf(GitError);
    expect(error.message).toBe(
      `ref no-such-branch does not exist in the repository at ${dir}: no branch, tag or commit has that name`,
    );
  });

  it('says what to fetch when a commit is missing from a shallow clone', async () => {
    const { dir, first } = repoWithTwoCommits();
    const clone = path.join(tempDir(), 'clone');
    git(path.dirname(clone), 'clone', '-q', '--depth', '1', `file://${dir}`, clone);

    const error = await rejection(resolveRef(clone, first, { name: 'base' }));
    expect(error.message).toBe(
      `base commit ${first.slice(0, 7)} is not in this clone (it is shallow); fetch it with: git fetch --no-tags --depth=1 origin ${first}`,
    );
    git(clone, 'fetch', '-q', '--no-tags', '--depth=1', 'origin', first);
    expect(await resolveRef(clone, first)).toBe(first);
  });

  it('refuses a ref that would read as an option', async () => {
    const { dir } = repoWithTwoCommits();
    const error = await rejection(resolveRef(dir, '--output=/tmp/x'));
    expect(error.message).toBe('ref "--output=/tmp/x" is not a valid git ref');
  });

  it('says so when the directory is not a git repository', async () => {
    const dir = tempDir();
    const error = await rejection(resolveRef(dir, 'HEAD'));
    expect(error.message).toMatch(new RegExp(`^${dir} is not a git repository`));
  });
});

describe('repositoryTop', () => {
  it('answers the top of the working tree from any folder in it', async () => {
    const dir = treeDir('basic');
    gitInit(dir);
    expect(await repositoryTop(path.join(dir, 'contracts', 'sync-customers'))).toBe(dir);
    expect(await repositoryTop(dir)).toBe(dir);
  });

  it('answers undefined outside a repository', async () => {
    expect(await repositoryTop(tempDir())).toBeUndefined();
  });
});
