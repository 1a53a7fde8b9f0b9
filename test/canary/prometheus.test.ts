import { describe, expect, it } from 'vitest';

import { sideQueries } from '../../src/canary/collect.js';
import { PrometheusError, prometheusClient, promString, selector } from '../../src/canary/prometheus.js';

describe('PromQL', () => {
  it('escapes label values', () => {
    expect(promString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
    expect(selector([{ label: 'job', op: '=', value: 'x"}' }])).toBe('{job="x\\"}"}');
  });

  it('follows the OpenTelemetry conventions by default, canary.prometheus overrides them', () => {
    const endpoint = { route: '/internal/sync/v{major}', method: 'PUT' as const };
    expect(sideQueries(endpoint, 4, 1_800_000)).toMatchObject({
      requests:
        'sum(increase(http_server_request_duration_seconds_count{http_route="/internal/sync/v4",http_request_method="PUT"}[1800s]))',
      buckets:
        'sum by (le) (increase(http_server_request_duration_seconds_bucket{http_route="/internal/sync/v4",http_request_method="PUT"}[1800s]))',
    });
    const q = sideQueries(endpoint, 3, 600_000, {
      histogram: 'http_request_duration_ms',
      labels: { route: 'route', status: 'code' },
      selectors: { namespace: 'prod "eu"' },
      business: { synced: 'sum(increase(synced_total{major="$major",route="$route"}[$window]))' },
    });
    expect(q.errors).toBe(
      'sum(increase(http_request_duration_ms_count{route="/internal/sync/v3",http_request_method="PUT",namespace="prod \\"eu\\"",code=~"5.."}[600s]))',
    );
    expect(q.business).toEqual({
      synced: 'sum(increase(synced_total{major="3",route="/internal/sync/v3"}[600s]))',
    });
  });
});

describe('prometheusClient', () => {
  const answering = (status: number, body: string) =>
    prometheusClient('http://prom.test', {
      fetch: () => Promise.resolve(new Response(body, { status })),
    });

  it('reads vectors and scalars', async () => {
    const vector = answering(
      200,
      JSON.stringify({
        status: 'success',
        data: { resultType: 'vector', result: [{ metric: { le: '+Inf' }, value: [1, '12.5'] }] },
      }),
    );
    expect(await vector.query('x', new Date(0))).toEqual([{ labels: { le: '+Inf' }, value: 12.5 }]);
    const scalar = answering(
      200,
      JSON.stringify({ status: 'success', data: { resultType: 'scalar', result: [1, 'NaN'] } }),
    );
    expect(await scalar.query('1', new Date(0))).toEqual([{ labels: {}, value: NaN }]);
  });

  it('turns every failure into one line', async () => {
    await expect(
      answering(
        400,
        JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error:\n at 1' }),
      ).query('sum(', new Date(0)),
    ).rejects.toThrow(
      new PrometheusError(
        'Prometheus at http://prom.test answered an error for sum(: bad_data: parse error: at 1',
      ),
    );
    await expect(answering(502, '<html>bad gateway</html>').query('x', new Date(0))).rejects.toThrow(
      "http://prom.test answered HTTP 502 without the Prometheus API's JSON; is it Prometheus?",
    );
    expect(() => prometheusClient('ftp://x')).toThrow(
      '--prometheus must be an http or https URL, not "ftp://x"',
    );
  });
});
