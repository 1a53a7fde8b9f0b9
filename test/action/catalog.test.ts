/** The bundled Action in catalog mode: the checked-out tree written as a static site, for GitHub Pages. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { baseTree } from '../e2e/helpers.js';
import { pushEvent, runAction, shallowClone, useActionTestbed } from './harness.js';

const bed = useActionTestbed();

/** An origin with two commits (v1 bumped in the second), and a checkout of it: full, or shallow. */
function checkout(depth: 'full' | 'shallow'): { dir: string; sha: string } {
  const origin = bed.repo();
  origin.write(baseTree()).commit('base');
  const v1 = 'contracts/sync-customers/v1/contract.yaml';
  const sha = origin
    .write({ [v1]: (baseTree()[v1] as string).replace('version: 1.1.0', 'version: 1.2.0') })
    .commit('v1 1.2.0');
  if (depth === 'shallow') return { dir: bed.track(shallowClone(origin.dir, 'main')), sha };
  const dir = bed.track(mkdtempSync(join(tmpdir(), 'contractguard-clone-')));
  execFileSync('git', ['clone', '-q', `file://${origin.dir}`, dir]);
  return { dir, sha };
}

/** The Action run on a push of `sha` in `dir`, in catalog mode with `inputs`. */
function catalogMode(dir: string, sha: string, inputs: Record<string, string> = {}) {
  return runAction({
    workspace: dir,
    eventName: 'push',
    payload: pushEvent(sha, sha),
    api: bed.api,
    inputs: { mode: 'catalog', ...inputs },
  });
}

describe('the Action in catalog mode', () => {
  it('writes the site to _site with each endpoint’s history, and calls no API', async () => {
    const { dir, sha } = checkout('full');
    const result = await catalogMode(dir, sha);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.outputs.site).toBe(join(dir, '_site'));
    expect(readFileSync(join(dir, '_site', 'index.html'), 'utf8')).toContain('sync-customers');
    const page = readFileSync(join(dir, '_site', 'endpoints', 'sync-customers.html'), 'utf8');
    expect(page).toContain('v1: 1.1.0 → 1.2.0 (minor)');
    expect(result.summary).toBe(
      'contractguard catalog: _site/index.html: 1 endpoint, 2 live majors, 1 consumer\n',
    );
    expect(bed.api.requests).toEqual([]);
  });

  it('writes to the folder given as `out` and says when a shallow checkout has no history', async () => {
    const { dir, sha } = checkout('shallow');
    const result = await catalogMode(dir, sha, { out: 'public/contracts' });
    expect(result.code).toBe(0);
    expect(result.outputs.site).toBe(join(dir, 'public', 'contracts'));
    expect(existsSync(join(dir, 'public', 'contracts', 'endpoints', 'sync-customers.html'))).toBe(true);
    expect(result.summary).toContain('no git history (not a git repository, or a shallow clone)');
  });

  it('fails the step with one line when the contract root is missing', async () => {
    const { dir, sha } = checkout('full');
    const result = await catalogMode(dir, sha, { contracts: 'contract' });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error::contractguard: --root: no such directory contract');
    expect(existsSync(join(dir, '_site'))).toBe(false);
  });
});
