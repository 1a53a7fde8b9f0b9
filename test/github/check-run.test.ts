/** The check-run publisher, against a small in-memory checks API. */
import { describe, expect, it } from 'vitest';

import { type ChecksApi, publishCheckRun } from '../../src/github/check-run.js';
import type { Annotation } from '../../src/report/annotations.js';

describe('publishCheckRun', () => {
  function checksApi(existing: { id: number; name: string; external_id?: string }[] = []) {
    const calls: { op: string; params: Record<string, unknown> }[] = [];
    const api: ChecksApi = {
      rest: {
        checks: {
          async listForRef(params) {
            calls.push({ op: 'list', params });
            return { data: { check_runs: existing } };
          },
          async create(params) {
            calls.push({ op: 'create', params });
            return { data: { id: 1, html_url: 'https://example/runs/1' } };
          },
          async update(params) {
            calls.push({ op: 'update', params });
            return { data: { id: params.check_run_id } };
          },
        },
      },
    };
    return { api, calls };
  }
  const annotations: Annotation[] = Array.from({ length: 120 }, (_, i) => ({
    level: 'warning',
    file: 'contracts/a.yaml',
    line: i + 1,
    column: 2,
    title: `t${i}`,
    message: `m${i}`,
  }));
  const input = {
    owner: 'o',
    repo: 'r',
    headSha: 'abc',
    conclusion: 'failure' as const,
    title: 'title',
    summary: 'summary',
    annotations,
  };

  it('creates the run with the first 50 annotations and adds the rest 50 at a time', async () => {
    const { api, calls } = checksApi();
    const result = await publishCheckRun(api, input);
    expect(result).toEqual({ id: 1, url: 'https://example/runs/1', created: true, batches: 3 });
    expect(calls.map((c) => c.op)).toEqual(['list', 'create', 'update', 'update']);
    const sizes = calls
      .slice(1)
      .map((c) => (c.params.output as { annotations: unknown[] }).annotations.length);
    expect(sizes).toEqual([50, 50, 20]);
    expect(calls[1]?.params).toMatchObject({
      external_id: 'contractguard-report',
      name: 'contractguard',
      head_sha: 'abc',
      status: 'completed',
      conclusion: 'failure',
    });
    expect((calls[1]?.params.output as { annotations: unknown[] }).annotations[0]).toEqual({
      path: 'contracts/a.yaml',
      start_line: 1,
      end_line: 1,
      start_column: 2,
      end_column: 2,
      annotation_level: 'warning',
      title: 't0',
      message: 'm0',
    });
    expect(calls[0]?.params).toMatchObject({ ref: 'abc', check_name: 'contractguard' });
  });

  it('updates the existing run for the SHA instead of creating another', async () => {
    const { api, calls } = checksApi([
      { id: 5, name: 'contractguard' }, // a workflow job of that name: GitHub Actions' run, not ours
      { id: 77, name: 'contractguard', external_id: 'contractguard-report' },
    ]);
    const result = await publishCheckRun(api, { ...input, annotations: [] });
    expect(result).toMatchObject({ id: 77, created: false, batches: 0 });
    expect(calls.map((c) => c.op)).toEqual(['list', 'update']);
    expect(calls[1]?.params).toMatchObject({
      check_run_id: 77,
      conclusion: 'failure',
      output: { title: 'title', summary: 'summary' },
    });
  });

  it('cuts a summary over GitHub’s limit', async () => {
    const { api, calls } = checksApi();
    await publishCheckRun(api, { ...input, annotations: [], summary: 'x'.repeat(70_000) });
    const summary = (calls[1]?.params.output as { summary: string }).summary;
    expect(summary.length).toBe(65_535);
    expect(summary.endsWith('…')).toBe(true);
  });
});
