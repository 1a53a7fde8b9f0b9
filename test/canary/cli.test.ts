import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { cli as runCli, failure } from '../helpers/cli.js';

import { type MeasuredReport, sampleReport } from './fixtures.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

let tmp = '';
const cli = (argv: string[]) => runCli(argv, tmp);

function writeReport(name: string, change: (r: MeasuredReport) => void = () => undefined): string {
  const r = sampleReport();
  // 2 errors in 1000 requests: below the 1% limit with 95% confidence (5 in 1000 would still hold).
  r.versions.candidate.errors = 2;
  change(r);
  writeFileSync(join(tmp, name), JSON.stringify(r, null, 2));
  return name;
}

const NOW = ['--now', '2026-11-25T12:00:00Z'];

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'contractguard-canary-'));
  cpSync(join(repo, 'contracts-example'), join(tmp, 'contracts'), { recursive: true });
  writeReport('good.json');
  writeReport('slow.json', (r) => {
    r.versions.candidate.latencyMs.p99 = 2500;
  });
  writeReport('early.json', (r) => {
    r.window.end = '2026-11-25T09:00:00Z';
  });
  writeReport('export.json', (r) => {
    r.endpoint = 'export-orders';
    r.versions.candidate.errors = 0; // its limit is 0.5%: 0 in 1000 shows the rate below it
    r.baseline.major = 1;
    r.candidate.major = 2;
  });
  writeFileSync(join(tmp, 'broken.json'), '{"endpoint": "sync-customers"}');
  writeReport('enrich.json', (r) => {
    r.endpoint = 'enrich-events';
  });
  const enrich = join(tmp, 'contracts', 'enrich-events', 'endpoint.yaml');
  writeFileSync(enrich, readFileSync(enrich, 'utf8').replace('minRequests: 2000', 'minRequests: lots'));
  writeFileSync(
    join(tmp, 'no-canary.yaml'),
    "name: sync-customers\nowner: '@acme/crm-team'\nroute: /internal/syncCustomers/v{major}\n",
  );
  writeFileSync(
    join(tmp, 'pairs.jsonl'),
    [
      {
        request: { id: 1 },
        current: { id: 1, items: [{ price: 1, etag: 'a' }] },
        next: { id: 1, items: [{ price: 1, etag: 'b' }] },
      },
      {
        request: { id: 2 },
        current: { id: 2, items: [{ price: 2 }, { price: 3 }] },
        next: { id: 2, items: [{ price: 2 }, { price: 4 }] },
      },
      { current: { id: 3, total: 5 }, next: { id: 3, total: 6 } },
      { current: { id: 4 }, next: { id: 4 } },
    ]
      .map((l) => JSON.stringify(l))
      .join('\n') + '\n',
  );
  writeFileSync(join(tmp, 'bad.jsonl'), '{"current":1,"next":1}\n\n{"current":1,"next":\n');
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('contractguard canary evaluate', () => {
  it('promotes (exit 0) with a table of the criteria from the endpoint policy in the tree', async () => {
    const { code, stdout, stderr } = await cli(['canary', 'evaluate', 'good.json', ...NOW]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('criterion');
    expect(stdout).toMatch(/^minRequests\s+1000\s+≥ 500\s+pass$/m);
    expect(stdout).toMatch(/^minDuration\s+3h\s+≥ 2h\s+pass$/m);
    expect(stdout).toMatch(/^errorRate\.above\s+0\.2%\s+≤ 1%\s+pass$/m);
    expect(stdout).toMatch(/^p95LatencyMs\.aboveRatioToBaseline\s+1\.05×\s+≤ 1\.2× baseline\s+pass$/m);
    expect(stdout).toMatch(/^business\.synced_count_delta\.aboveAbs\s+0\.002\s+\|Δ\| ≤ 0\.005\s+pass$/m);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(
      'verdict: promote — enough data, every criterion passes',
    );
  });

  it('rolls back (exit 1), explaining the failure', async () => {
    const { code, stdout } = await cli(['canary', 'evaluate', 'slow.json', ...NOW]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      'fail: p99LatencyMs.above: candidate p99 latency 2500 ms is above the limit of 2000 ms',
    );
    expect(stdout).toContain('verdict: rollback — 1 failing criterion');
  });

  it('holds (exit 3) with too short a window', async () => {
    const { code, stdout } = await cli(['canary', 'evaluate', 'early.json', ...NOW]);
    expect(code).toBe(3);
    expect(stdout).toContain(
      'hold: minDuration: the window lasted only 1h; at least 2h is needed before promotion',
    );
  });

  it('prints { verdict, criteria } for --format json', async () => {
    const { code, stdout } = await cli(['canary', 'evaluate', 'slow.json', '--format', 'json', ...NOW]);
    expect(code).toBe(1);
    const parsed = JSON.parse(stdout) as { verdict: string; criteria: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(['verdict', 'criteria']);
    expect(parsed.verdict).toBe('rollback');
    expect(parsed.criteria.find((c) => c.name === 'p99LatencyMs.above')).toEqual({
      name: 'p99LatencyMs.above',
      measured: 2500,
      threshold: 2000,
      outcome: 'fail',
      explanation: 'candidate p99 latency 2500 ms is above the limit of 2000 ms',
    });
  });

  it('reads another endpoint, --root and --repo, or a --policy file', async () => {
    const fromTree = await cli([
      'canary',
      'evaluate',
      'export.json',
      '--repo',
      '.',
      '--root',
      'contracts',
      ...NOW,
    ]);
    expect(fromTree.code).toBe(0);
    expect(fromTree.stdout).toMatch(/^p95LatencyMs\.above\s+420 ms\s+≤ 1500 ms\s+pass$/m);
    const fromFile = await cli([
      'canary',
      'evaluate',
      'good.json',
      '--policy',
      'contracts/sync-customers/endpoint.yaml',
      '--format',
      'json',
      ...NOW,
    ]);
    expect(fromFile.code).toBe(0);
    expect((JSON.parse(fromFile.stdout) as { verdict: string }).verdict).toBe('promote');
  });

  it('exits 2 with one line for bad input', async () => {
    expect(failure(await cli(['canary', 'evaluate', 'broken.json']))).toBe(
      '`broken.json`: `baseline` is missing (and 3 more)',
    );
    expect(failure(await cli(['canary', 'evaluate', 'missing.json']))).toBe(
      'REPORT: no such file missing.json',
    );
    expect(failure(await cli(['canary', 'evaluate', 'good.json', '--endpoint', 'export-orders']))).toBe(
      '--endpoint export-orders does not match the report, which is for sync-customers',
    );
    expect(failure(await cli(['canary', 'evaluate', 'good.json', '--root', 'nowhere']))).toMatch(
      /^no endpoint sync-customers under nowhere/,
    );
    expect(
      failure(
        await cli(['canary', 'evaluate', 'good.json', '--policy', 'contracts/export-orders/endpoint.yaml']),
      ),
    ).toBe(
      '--policy contracts/export-orders/endpoint.yaml is for endpoint export-orders, but the report is for sync-customers',
    );
    expect(failure(await cli(['canary', 'evaluate', 'enrich.json']))).toMatch(
      /^`contracts\/enrich-events\/endpoint\.yaml`:\d+:\d+ `canary\.minRequests` /,
    );
    expect(failure(await cli(['canary', 'evaluate', 'good.json', '--policy', 'no-canary.yaml']))).toBe(
      '`no-canary.yaml` has no canary: policy to evaluate against',
    );
    expect(failure(await cli(['canary']))).toMatch(/^canary needs a subcommand: evaluate/);
    expect(failure(await cli(['canary', 'promote', 'good.json']))).toMatch(
      /^unknown canary subcommand "promote"/,
    );
    expect(failure(await cli(['canary', 'evaluate', 'good.json', '--format', 'xml']))).toMatch(
      /^--format must be/,
    );
    expect(failure(await cli(['canary', 'evaluate', 'good.json', '--now', 'soon']))).toMatch(
      /^--now must be/,
    );
  });

  it('takes the publishing flags only on canary run --publish', async () => {
    expect(failure(await cli(['canary', 'evaluate', 'good.json', '--publish']))).toBe(
      '--publish is for canary run, not evaluate',
    );
    const run = ['canary', 'run', '--endpoint', 'sync-customers', '--baseline', '2', '--candidate', '3'];
    const collect = ['--prometheus', 'http://127.0.0.1:9', '--window', '10m'];
    expect(failure(await cli([...run, ...collect, '--sha', 'a'.repeat(40)]))).toBe('--sha is for --publish');
    expect(
      failure(await cli([...run, ...collect, '--publish', '--repository', 'acme', '--sha', 'a'.repeat(40)])),
    ).toMatch(/^(--publish needs a GitHub token|--repository must be OWNER\/NAME, not "acme")/);
  });

  it('shows its help', async () => {
    const { code, stdout } = await cli(['canary', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('3  hold');
  });
});

describe('contractguard shadow-diff', () => {
  it('prints the mismatch rate and the most frequent differing pointers', async () => {
    const { code, stdout, stderr } = await cli(['shadow-diff', 'pairs.jsonl']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        'pairs.jsonl: 4 pairs compared, 3 differ (75%)',
        '',
        'pairs  pointer',
        '    1  /items/*/etag',
        '    1  /items/*/price',
        '    1  /total',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON usable as a business metric, with --ignore applied', async () => {
    const { code, stdout } = await cli([
      'shadow-diff',
      'pairs.jsonl',
      '--ignore',
      '/items/*/etag',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      compared: 4,
      mismatches: 2,
      mismatchRate: 0.5,
      topPaths: [
        { path: '/items/*/price', count: 1 },
        { path: '/total', count: 1 },
      ],
    });
  });

  it('exits 2 naming the line of a malformed pair, or a bad option', async () => {
    expect(failure(await cli(['shadow-diff', 'bad.jsonl']))).toMatch(/^bad\.jsonl:3: not valid JSON/);
    expect(failure(await cli(['shadow-diff', 'pairs.jsonl', '--ignore', 'items']))).toMatch(
      /^--ignore: "items" is not a JSON pointer/,
    );
    expect(failure(await cli(['shadow-diff', 'nope.jsonl']))).toBe('PAIRS: no such file nope.jsonl');
    expect(failure(await cli(['shadow-diff']))).toMatch(/^shadow-diff needs one PAIRS\.jsonl file/);
    expect(failure(await cli(['shadow-diff', 'pairs.jsonl', '--top', '0']))).toMatch(/^--top must be/);
  });
});
