/**
 * The bundled Action on a pull request loads and judges only what the change can affect (issue 17): its
 * report is the one a full load (`contractguard diff --full` on the same commits) gives, less the untouched
 * versions it never read.
 */
import { describe, expect, it } from 'vitest';

import type { JsonTreeReport } from '../../src/report/json.js';
import { useBundledCli } from '../helpers/cli-process.js';
import { baseTree } from '../e2e/helpers.js';
import { requireTenant, useActionTestbed } from './harness.js';

const bed = useActionTestbed();
const cli = useBundledCli();

const SHARED = 'contracts/shared/customer.schema.json';

/** sync-customers (baseTree), and `name` made from it, with v1's input `$ref`-ing a shared schema file. */
function sibling(name: string, sharedRef: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, content] of Object.entries(baseTree())) {
    if (!path.startsWith('contracts/sync-customers/')) continue;
    const text = typeof content === 'string' ? content : JSON.stringify(content, null, 2);
    out[path.replace('sync-customers', name)] = text.replaceAll('sync-customers', name);
  }
  if (sharedRef) {
    out[`contracts/${name}/v1/input.schema.json`] = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      required: ['customerId'],
      properties: { customerId: { type: 'string' }, customer: { $ref: '../../shared/customer.schema.json' } },
    };
  }
  return out;
}

function customer(required: string[]): object {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required,
    properties: { id: { type: 'string' }, email: { type: 'string' } },
  };
}

/** A depth-1 checkout of a PR on a tree of three endpoints; the Action's report and the full load's. */
async function both(files: Record<string, unknown>) {
  const before = {
    ...baseTree(),
    ...sibling('sync-orders', true),
    ...sibling('sync-invoices', false),
    [SHARED]: customer(['id']),
  };
  const { base, head, workspace } = bed.pullRequest(files, { before });

  const run = await bed.runOnPullRequest({ base, head, workspace }, { inputs: { comment: 'false' } });
  const action = JSON.parse(run.outputs['report-json:content'] ?? '') as JsonTreeReport;
  // The Action fetched the base commit into the workspace: the CLI compares the same two commits there,
  // named as the Action names them (short SHAs, which the report quotes).
  const [b, h] = [base.slice(0, 7), head.slice(0, 7)];
  const full = await cli(['diff', '--base', b, '--head', h, '--full', '--format', 'json'], workspace);
  expect(full.stderr).toBe('');
  return { code: run.code, fullCode: full.code, action, full: JSON.parse(full.stdout) as JsonTreeReport };
}

/** Everything a verdict rests on: the judged versions, alias moves, findings, problems. */
function judged(report: JsonTreeReport) {
  const { versions, counts, summary, ...rest } = report;
  void summary;
  const { unchanged, ...countsJudged } = counts as Record<string, number>;
  void unchanged;
  return {
    ...rest,
    counts: countsJudged,
    versions: versions.filter((v) => v.kind !== 'unchanged'),
  };
}

function unchangedVersions(report: JsonTreeReport): string[] {
  return report.versions.filter((v) => v.kind === 'unchanged').map((v) => `${v.endpoint} v${v.major}`);
}

describe('the Action on a pull request, change-driven', () => {
  it('a breaking change in one endpoint: the same verdict as the full load, untouched endpoints not read', async () => {
    const { code, fullCode, action, full } = await both(requireTenant());

    expect(action).toMatchObject({ passed: false, verdict: 'breaking' });
    expect(code).toBe(1);
    expect(fullCode).toBe(1);
    expect(judged(action)).toEqual(judged(full));
    expect(unchangedVersions(full)).toEqual(
      expect.arrayContaining(['sync-invoices v1', 'sync-invoices v2', 'sync-orders v1', 'sync-orders v2']),
    );
    expect(unchangedVersions(action).filter((v) => !v.startsWith('sync-customers'))).toEqual([]);
  });

  it('a shared schema file made stricter: the endpoint that $refs it is judged, as in the full load', async () => {
    const { code, fullCode, action, full } = await both({ [SHARED]: customer(['id', 'email']) });

    expect(judged(action)).toEqual(judged(full));
    expect(
      action.versions.filter((v) => v.kind === 'changed').map((v) => `${v.endpoint} v${v.major}`),
    ).toEqual(['sync-orders v1']);
    expect(code).toBe(fullCode);
    expect(unchangedVersions(action)).not.toContain('sync-invoices v1');
  });
});
