/** `collectCanary` over a fake Prometheus client, and `canary collect`'s usage errors (no Prometheus needed). */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { collectCanary } from '../../src/canary/collect.js';
import { PrometheusError, type PrometheusClient, type Sample } from '../../src/canary/prometheus.js';
import { cli, failure } from '../helpers/cli.js';

const ENDPOINT = {
  name: 'sync-customers',
  route: '/internal/sync/v{major}',
  canary: {
    check: 'canary',
    strategy: 'header' as const,
    prometheus: { business: { synced: 'sum(synced{major="$major"})' } },
  },
};

/** Answers each query by the first rule whose text it contains. */
function fake(rules: [string, Sample[]][]): PrometheusClient {
  return {
    url: 'http://prom.test',
    query: (q) => Promise.resolve(rules.find(([part]) => q.includes(part))?.[1] ?? []),
  };
}

const input = (client: PrometheusClient) => ({
  endpoint: ENDPOINT,
  baseline: 1,
  candidate: 2,
  end: new Date('2026-11-25T12:00:00Z'),
  windowMs: 600_000,
  client,
});

describe('collectCanary', () => {
  it('writes a side whose series counted no requests as noData, not zeros', async () => {
    const report = await collectCanary(input(fake([['_count', [{ labels: {}, value: 0.2 }]]])));
    expect(report.versions.candidate).toEqual({
      noData:
        'http_server_request_duration_seconds_count{http_route="/internal/sync/v2",http_request_method="POST"} counted no requests in the 600s before 2026-11-25T12:00:00.000Z',
    });
  });

  it('refuses a business query that gives several series', async () => {
    const one = [{ labels: {}, value: 10 }];
    const buckets = [
      { labels: { le: '0.1' }, value: 5 },
      { labels: { le: '+Inf' }, value: 10 },
    ];
    const client = fake([
      ['_count', one],
      ['_bucket', buckets],
      [
        'synced',
        [
          { labels: { pod: 'a' }, value: 1 },
          { labels: { pod: 'b' }, value: 2 },
        ],
      ],
    ]);
    await expect(collectCanary(input(client))).rejects.toThrow(
      new PrometheusError(
        'canary.prometheus.business.synced must give one number per side, but sum(synced{major="1"}) gave 2 series; aggregate it (e.g. sum(...))',
      ),
    );
  });
});

describe('contractguard canary collect: usage', () => {
  const base = ['canary', 'collect', '--endpoint', 'sync-customers', '--baseline', '2', '--candidate', '3'];
  const repo = fileURLToPath(new URL('../..', import.meta.url));
  it('exits 2 with one line for missing or bad options', async () => {
    expect(failure(await cli([...base, '--window', '10m'], repo))).toBe('canary collect needs --prometheus');
    expect(
      failure(
        await cli(
          [...base, '--prometheus', 'http://x', '--window', '90ms', '--root', 'contracts-example'],
          repo,
        ),
      ),
    ).toBe('--window must be a duration of whole seconds such as 30m, 2h or 1h30m, not "90ms"');
    expect(
      failure(
        await cli(
          [
            ...base,
            '--prometheus',
            'http://x',
            '--window',
            '10m',
            '--end',
            'yesterday',
            '--root',
            'contracts-example',
          ],
          repo,
        ),
      ),
    ).toBe('--end must be an ISO 8601 date-time (e.g. 2026-11-25T12:00:00Z), not "yesterday"');
    expect(
      failure(
        await cli(
          ['canary', 'collect', '--endpoint', 'sync-customers', '--baseline', '2', '--candidate', '9'].concat(
            ['--prometheus', 'http://x', '--window', '10m', '--root', 'contracts-example'],
          ),
          repo,
        ),
      ),
    ).toBe('sync-customers has no major 9 (it has v2, v3)');
    expect(failure(await cli(['canary', 'evaluate', 'r.json', '--window', '10m'], repo))).toBe(
      '--window is for canary collect, not evaluate',
    );
  });
});
