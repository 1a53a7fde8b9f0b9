/** `contractguard catalog` on the command line: what it writes where, and one clear line for bad input. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { failure } from '../helpers/cli.js';
import { baseTree, cli, Repo } from './helpers.js';

let repo: Repo | undefined;
const dirs: string[] = [];
afterEach(() => {
  repo?.cleanup();
  repo = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function committed(): Repo {
  repo = new Repo();
  repo.write(baseTree()).commit('base');
  return repo;
}

const catalog = (r: Repo, ...args: string[]) => cli(['catalog', '--now', '2026-12-06', ...args], r.dir);

describe('contractguard catalog', () => {
  it('writes index.html and a page per endpoint, and says what it found', async () => {
    const r = committed();
    const outcome = await catalog(r, '--out', 'site');
    expect(outcome).toEqual({
      code: 0,
      stdout: `${join('site', 'index.html')}: 1 endpoint, 2 live majors, 1 consumer\n`,
      stderr: '',
    });
    expect(readFileSync(join(r.dir, 'site', 'index.html'), 'utf8')).toContain('sync-customers');
    const page = readFileSync(join(r.dir, 'site', 'endpoints', 'sync-customers.html'), 'utf8');
    expect(page).toContain('v1 added at 1.1.0');
  });

  it('reads the tree and its history at --ref', async () => {
    const r = committed();
    r.write({
      'contracts/sync-customers/v2/contract.yaml': baseTree()[
        'contracts/sync-customers/v2/contract.yaml'
      ] as string,
    })
      .remove('contracts/sync-customers/v1')
      .commit('drop v1');
    const outcome = await catalog(r, '--ref', 'HEAD~1', '--out', 'site');
    expect(outcome.code).toBe(0);
    const page = readFileSync(join(r.dir, 'site', 'endpoints', 'sync-customers.html'), 'utf8');
    expect(page).toContain('id="v1"');
    expect(page).not.toContain('v1 removed');
    expect(page).toContain('<code>HEAD~1</code>');
  });

  it('builds without history outside a git repository, and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-catalog-nogit-'));
    dirs.push(dir);
    for (const [path, content] of Object.entries(baseTree())) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content));
    }
    const outcome = await cli(['catalog', '--out', 'site'], dir);
    expect(outcome.stdout).toMatch(/, no git history \(not a git repository, or a shallow clone\)\n$/);
    expect(readFileSync(join(dir, 'site', 'endpoints', 'sync-customers.html'), 'utf8')).toContain(
      'Build the catalog in a git repository',
    );
  });

  it('replaces an earlier catalog, dropping the page of an endpoint that is gone, and keeps other files', async () => {
    const r = committed();
    await catalog(r, '--out', 'site');
    writeFileSync(join(r.dir, 'site', 'CNAME'), 'contracts.example.com\n');
    r.write({
      'contracts/other-endpoint/endpoint.yaml':
        'name: other-endpoint\nowner: "@acme/x"\nroute: /o/v{major}\n',
    });
    await catalog(r, '--out', 'site');
    expect(existsSync(join(r.dir, 'site', 'endpoints', 'other-endpoint.html'))).toBe(true);
    r.remove('contracts/other-endpoint');
    expect((await catalog(r, '--out', 'site')).code).toBe(0);
    expect(existsSync(join(r.dir, 'site', 'endpoints', 'other-endpoint.html'))).toBe(false);
    expect(readFileSync(join(r.dir, 'site', 'CNAME'), 'utf8')).toBe('contracts.example.com\n');
  });

  it('still writes the site when a file does not load, and lists the problem on the front page', async () => {
    const r = committed();
    r.write({ 'contracts/sync-customers/v1/contract.yaml': 'endpoint: [unclosed\n' });
    const outcome = await catalog(r, '--out', 'site');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(
      /, 1 problem in the tree, listed on the front page \(see contractguard check\)\n$/,
    );
    const index = readFileSync(join(r.dir, 'site', 'index.html'), 'utf8');
    expect(index).toContain('contracts/sync-customers/v1/contract.yaml');
  });

  it('refuses a non-empty folder that holds no catalog, writing nothing', async () => {
    const r = committed();
    const line = failure(await catalog(r, '--out', 'contracts'));
    expect(line).toBe(
      '--out: contracts is not empty and holds no catalog; give a new or empty folder (nothing was written)',
    );
    expect(existsSync(join(r.dir, 'contracts', 'index.html'))).toBe(false);
  });

  it('needs --out', async () => {
    expect(failure(await catalog(committed()))).toMatch(/^catalog needs --out DIR/);
  });

  it('refuses a --now that is not a date', async () => {
    expect(failure(await catalog(committed(), '--out', 'site', '--now', 'tomorrow'))).toMatch(
      /^--now must be a date \(2026-12-06\) or an ISO 8601 date-time, not "tomorrow"$/,
    );
  });

  it('refuses a --root that does not exist', async () => {
    expect(failure(await catalog(committed(), '--out', 'site', '--root', 'contract'))).toBe(
      '--root: no such directory contract',
    );
  });

  it('refuses a --root with no contract tree at the ref', async () => {
    expect(failure(await catalog(committed(), '--out', 'site', '--ref', 'HEAD', '--root', 'docs'))).toBe(
      '--root docs: no contract tree there at HEAD (no endpoint.yaml or consumer file)',
    );
  });

  it('refuses a --ref that does not exist', async () => {
    expect(failure(await catalog(committed(), '--out', 'site', '--ref', 'no-such-branch'))).toMatch(
      /ref no-such-branch does not exist/,
    );
  });
});
