import { describe, expect, it } from 'vitest';

import { UnreachableError } from '../../src/verify/http.js';
import { CHECK_IDS } from '../../src/verify/report.js';
import { selectVersion } from '../../src/verify/select.js';
import { closedUrl, editedExample, exampleSet, json, provider, server, verify } from './helpers.js';

describe('verifyVersion', () => {
  it('runs every check in order against the route with {major} filled in, and counts the results', async () => {
    const report = await verify(await exampleSet(), 'sync-customers', 3, { baseUrl: await provider() });
    expect([...new Set(report.results.map((r) => r.check))]).toEqual([...CHECK_IDS]);
    expect(report).toMatchObject({
      url: expect.stringMatching(/\/internal\/syncCustomers\/v3$/),
      method: 'POST',
      version: '3.2.0',
      passed: true,
    });
    expect(report.counts.pass + report.counts.warn + report.counts.fail + report.counts.skip).toBe(
      report.results.length,
    );
  });

  it('runs only the checks asked for, and the errors check on what they received', async () => {
    const report = await verify(await exampleSet(), 'sync-customers', 3, {
      baseUrl: await provider(),
      only: ['auth'],
    });
    expect(report.results.map((r) => r.check)).toEqual(['auth', 'errors']);
    expect(report.requests).toBe(1);
  });

  it('uses the method endpoint.yaml declares', async () => {
    const set = await editedExample({
      'enrich-events/endpoint.yaml': (t) => t.replace('route:', 'method: PUT\nroute:'),
    });
    const target = await server((_, res) => json(res, 200, { events: [], unmatched: 0 }));
    await verify(set, 'enrich-events', 1, { baseUrl: target.url, only: ['fixtures'] });
    expect(target.seen.map((s) => s.method)).toEqual(['PUT']);
  });

  it('throws UnreachableError when the first request gets no response', async () => {
    await expect(
      verify(await exampleSet(), 'sync-customers', 3, { baseUrl: await closedUrl() }),
    ).rejects.toThrow(UnreachableError);
  });
});

describe('selectVersion', () => {
  it('finds the endpoint major', async () => {
    expect(selectVersion(await exampleSet(), 'sync-customers', 2).version.contract.version).toBe('2.4.1');
  });

  it('names the endpoints there are for an unknown one', async () => {
    const set = await exampleSet();
    expect(() => selectVersion(set, 'sync-orders', 1)).toThrow(
      'unknown endpoint "sync-orders" in contracts-example; the endpoints are enrich-events, export-orders, sync-customers',
    );
  });

  it('names the majors there are for an unknown one', async () => {
    const set = await exampleSet();
    expect(() => selectVersion(set, 'sync-customers', 9)).toThrow(
      'sync-customers has no major v9; its majors are v2, v3',
    );
  });

  it('says why a major that exists did not load', async () => {
    const set = await editedExample({
      'sync-customers/v3/contract.yaml': (t) => t.replace('version: 3.2.0', 'version: three'),
    });
    expect(() => selectVersion(set, 'sync-customers', 3)).toThrow(
      /^sync-customers v3 cannot be loaded: contracts\/sync-customers\/v3\/contract\.yaml: .*; run `contractguard check`$/,
    );
  });
});
