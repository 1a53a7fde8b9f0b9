/** The bundled Action on push events: before → after, and a new branch against the default branch. */
import { describe, expect, it } from 'vitest';

import { baseTree, Repo } from '../e2e/helpers.js';
import { useActionTestbed, pushEvent, requireTenant, runAction, shallowClone, V2 } from './harness.js';

const ZERO = '0'.repeat(40);
const bed = useActionTestbed();
let origin: Repo | undefined;

function clone(branch: string): string {
  const dir = shallowClone((origin as Repo).dir, branch);
  bed.track(dir);
  return dir;
}

describe('the Action on a push', () => {
  it('compares before with after, fetching before, and fails a break without commenting anywhere', async () => {
    origin = bed.repo();
    const before = origin.write(baseTree()).commit('base');
    const after = origin.write(requireTenant()).commit('break v2 on main');
    const run = await runAction({
      workspace: clone('main'),
      eventName: 'push',
      payload: pushEvent(before, after),
      api: bed.api,
    });

    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`The base commit ${before.slice(0, 7)} is not in this clone; fetching it`);
    expect(
      run.annotations.some((a) => a.level === 'error' && a.props.file === `${V2}/input.schema.json`),
    ).toBe(true);
    expect(run.outputs).toMatchObject({ verdict: 'breaking', breaking: '1' });
    expect(bed.api.requests).toEqual([]);
  });

  it('compares a new branch with the default branch, fetched from origin', async () => {
    origin = bed.repo();
    origin.write(baseTree()).commit('base');
    origin.git('checkout', '-qb', 'feature');
    const after = origin.write(requireTenant()).commit('break v2 on a branch');
    const run = await runAction({
      workspace: clone('feature'),
      eventName: 'push',
      payload: pushEvent(ZERO, after, 'refs/heads/feature'),
      api: bed.api,
    });

    expect(run.stdout).toContain('Fetching the base branch main');
    expect(run.stdout).toMatch(
      /Comparing contracts\/ at base origin\/main \([0-9a-f]{7}\) with head [0-9a-f]{7}/,
    );
    expect(run.code).toBe(1);
    expect(run.outputs.verdict).toBe('breaking');
  });

  it('has nothing to compare on the first push of the default branch, and passes saying so', async () => {
    origin = bed.repo();
    const after = origin.write(baseTree()).commit('base');
    const run = await runAction({
      workspace: clone('main'),
      eventName: 'push',
      payload: pushEvent(ZERO, after),
      api: bed.api,
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Nothing to compare: this is the first push of the default branch main');
    expect(run.summary).toContain('Nothing to compare');
    expect(run.outputs).toMatchObject({ verdict: 'none', breaking: '0' });
  });
});
