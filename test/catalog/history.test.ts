/** Version history from `git log`: majors added, versions bumped, statuses changed, majors removed. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { eventsFromLog, readHistory } from '../../src/catalog/history.js';
import { Repo } from '../e2e/helpers.js';

let repo: Repo | undefined;
afterEach(() => repo?.cleanup());

const contract = (version: string, status = 'active') =>
  `endpoint: sync-customers\nversion: ${version} # a comment\nowner: '@acme/crm'\nstatus: ${status}\n`;

/** Three commits: v1 added; v1 bumped and v2 added with v1 deprecated; v1 removed. */
function threeCommits(root = 'contracts'): Repo {
  repo = new Repo();
  repo.write({ [`${root}/sync-customers/v1/contract.yaml`]: contract('1.0.0') }).commit('v1');
  repo
    .write({
      [`${root}/sync-customers/v1/contract.yaml`]: contract("'1.1.0'", 'deprecated'),
      [`${root}/sync-customers/v2/contract.yaml`]: contract('2.0.0'),
      [`${root}/sync-customers/v2/input.schema.json`]: { type: 'object' },
      'README.md': 'not a contract',
    })
    .commit('v2');
  repo.remove(`${root}/sync-customers/v1`).commit('drop v1');
  return repo;
}

describe('readHistory', () => {
  it('tells when each major was added, bumped, deprecated and removed, with its commit', async () => {
    const r = threeCommits();
    const history = await readHistory({ repoDir: r.dir, root: 'contracts' });
    const events = history?.get('sync-customers') ?? [];
    expect(events.map(({ commit, ...rest }) => ({ ...rest, subject: commit.subject }))).toEqual([
      { kind: 'major-added', major: 1, version: '1.0.0', status: 'active', subject: 'v1' },
      { kind: 'version-changed', major: 1, version: '1.1.0', previousVersion: '1.0.0', subject: 'v2' },
      {
        kind: 'status-changed',
        major: 1,
        version: '1.1.0',
        status: 'deprecated',
        previousStatus: 'active',
        subject: 'v2',
      },
      { kind: 'major-added', major: 2, version: '2.0.0', status: 'active', subject: 'v2' },
      { kind: 'major-removed', major: 1, version: '1.1.0', subject: 'drop v1' },
    ]);
    expect(events[0]?.commit.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(Number.isNaN(Date.parse(events[0]?.commit.date ?? ''))).toBe(false);
    expect(events[0]?.commit.author).toBe('test');
  });

  it('reads up to the given ref only', async () => {
    const r = threeCommits();
    const history = await readHistory({
      repoDir: r.dir,
      root: 'contracts',
      ref: r.git('rev-parse', 'HEAD~2'),
    });
    expect(history?.get('sync-customers')?.map((e) => e.kind)).toEqual(['major-added']);
  });

  it('reads a root whose name holds glob characters literally', async () => {
    const r = threeCommits('api[v]*');
    r.write({ 'apiv/other/v1/contract.yaml': contract('1.0.0') }).commit('a look-alike root');
    const history = await readHistory({ repoDir: r.dir, root: 'api[v]*' });
    expect([...(history?.keys() ?? [])]).toEqual(['sync-customers']);
  });

  it('is undefined for a working tree outside any git repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-no-git-'));
    try {
      expect(await readHistory({ repoDir: dir, root: 'contracts' })).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is undefined in a shallow clone, whose oldest commit would seem to add everything', async () => {
    const r = threeCommits();
    const clone = mkdtempSync(join(tmpdir(), 'cg-shallow-'));
    try {
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${r.dir}`, clone]);
      expect(await readHistory({ repoDir: clone, root: 'contracts' })).toBeUndefined();
    } finally {
      rmSync(clone, { recursive: true, force: true });
    }
  });

  it('is empty for a repository whose contracts were never committed', async () => {
    repo = new Repo();
    repo.write({ 'README.md': 'hello' }).commit('init');
    expect(await readHistory({ repoDir: repo.dir, root: 'contracts' })).toEqual(new Map());
  });
});

describe('eventsFromLog', () => {
  it('ignores files other than a major’s contract.yaml and lines that are not top-level', () => {
    const log = [
      '\x1eabc\x1f2026-01-02T03:04:05+00:00\x1fAda\x1fsubject',
      'diff --git a/contracts/x/v1/contract.yaml b/contracts/x/v1/contract.yaml',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/contracts/x/v1/contract.yaml',
      '@@ -0,0 +1,3 @@',
      '+version: 1.0.0',
      '+deprecation:',
      '+  version: 9.9.9',
      'diff --git a/contracts/x/v1/notes.yaml b/contracts/x/v1/notes.yaml',
      '+version: 5.0.0',
      '',
    ].join('\n');
    const events = eventsFromLog(log, 'contracts').get('x');
    expect(events?.map((e) => [e.kind, e.version])).toEqual([['major-added', '1.0.0']]);
  });
});
