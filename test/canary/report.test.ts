import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import {
  CANARY_REPORT_SCHEMA_FILE,
  canaryReportJsonSchema,
  parseCanaryReport,
} from '../../src/canary/report.js';
import { sampleReport } from './fixtures.js';

const parse = (value: unknown) => parseCanaryReport(JSON.stringify(value), 'report.json');

describe('parseCanaryReport', () => {
  it('accepts a valid report, with and without shadow results', () => {
    expect(parse(sampleReport())).toEqual({ value: sampleReport(), problems: [] });
    const withShadow = {
      ...sampleReport(),
      shadow: {
        compared: 100,
        mismatches: 3,
        mismatchRate: 0.03,
        topPaths: [{ path: '/items/*/price', count: 3 }],
      },
    };
    expect(parse(withShadow).value).toEqual(withShadow);
    const minimal = { ...sampleReport(), shadow: { compared: 0, mismatches: 0, mismatchRate: null } };
    expect(parse(minimal).problems).toEqual([]);
  });

  it('names the file and the field of a missing value', () => {
    const report: Record<string, unknown> = { ...sampleReport() };
    delete report.window;
    expect(parse(report).problems).toEqual(['`report.json`: `window` is missing']);

    const noP95 = sampleReport() as unknown as {
      versions: { candidate: { latencyMs: Record<string, unknown> } };
    };
    delete noP95.versions.candidate.latencyMs.p95;
    expect(parse(noP95).problems).toEqual(['`report.json`: `versions.candidate.latencyMs.p95` is missing']);
  });

  it('says what a field must be and what was found', () => {
    const report = sampleReport() as unknown as Record<string, Record<string, Record<string, unknown>>>;
    report.versions!.candidate!.requests = '1000';
    report.versions!.baseline!.errors = -1;
    expect(parse(report).problems).toEqual([
      '`report.json`: `versions.baseline.errors` must be 0 or more, found -1',
      '`report.json`: `versions.candidate.requests` must be a whole number (0 or more), found "1000"',
    ]);
    expect(parse({ ...sampleReport(), candidate: { major: 0 } }).problems).toEqual([
      '`report.json`: `candidate.major` must be a major version number, 1 or more, found 0',
    ]);
    expect(parse({ ...sampleReport(), endpoint: 'Sync Customers' }).problems).toEqual([
      '`report.json`: `endpoint` must be a kebab-case endpoint name (e.g. sync-customers), found "Sync Customers"',
    ]);
    expect(
      parse({ ...sampleReport(), window: { start: 'yesterday', end: '2026-11-25T11:00:00Z' } }).problems,
    ).toEqual([
      '`report.json`: `window.start` must be an ISO 8601 date-time with a zone (e.g. 2026-11-25T10:00:00Z), found "yesterday"',
    ]);
    expect(parse({ ...sampleReport(), versions: [] }).problems).toEqual([
      '`report.json`: `versions` must be an object, found a list',
    ]);
  });

  it('checks what the types alone cannot: order of the window, errors within requests, unknown keys', () => {
    expect(
      parse({ ...sampleReport(), window: { start: '2026-11-25T11:00:00Z', end: '2026-11-25T10:00:00Z' } })
        .problems,
    ).toEqual(['`report.json`: `window.end` ends before it starts']);
    const report = sampleReport();
    report.versions.candidate.errors = 1_001;
    expect(parse(report).problems).toEqual([
      '`report.json`: `versions.candidate.errors` has more errors than requests',
    ]);
    expect(parse({ ...sampleReport(), colour: 'blue' }).problems).toEqual([
      '`report.json`: the report has unknown key `colour`',
    ]);
    const business = sampleReport() as unknown as {
      versions: { candidate: { business: Record<string, unknown> } };
    };
    business.versions.candidate.business.synced_count_delta = 'high';
    expect(parse(business).problems).toEqual([
      '`report.json`: `versions.candidate.business.synced_count_delta` must be a number, found "high"',
    ]);
  });

  it('refuses a key given twice instead of keeping the last one', () => {
    // A second candidate, after the real one: JSON.parse would judge v9 and never say so.
    const text = JSON.stringify(sampleReport(), null, 2).replace(
      '"candidate": {\n    "major": 4\n  },',
      '"candidate": {\n    "major": 4\n  },\n  "candidate": { "major": 9 },',
    );
    expect(parseCanaryReport(text, 'report.json').problems).toEqual([
      '`report.json`:9:3: duplicate key `candidate` (first on line 6): each key may appear once in an object; remove one of them',
    ]);
  });

  it('rejects text that is not a JSON object', () => {
    expect(parseCanaryReport('{ nope', 'r.json').problems[0]).toMatch(/^`r\.json`: not valid JSON: /);
    expect(parseCanaryReport('[1]', 'r.json').problems).toEqual([
      '`r.json`: the report must be a JSON object',
    ]);
  });
});

describe('schemas/canary-report.schema.json', () => {
  it('is up to date with src/canary/report.ts (run `npm run schemas` when this fails)', () => {
    const file = new URL(`../../schemas/${CANARY_REPORT_SCHEMA_FILE}`, import.meta.url);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(canaryReportJsonSchema());
  });

  it('has an $id, a title and rejects unknown keys', () => {
    expect(canaryReportJsonSchema()).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'urn:contractguard:schema:canary-report',
      title: 'contractguard canary report',
      type: 'object',
      additionalProperties: false,
      required: ['endpoint', 'baseline', 'candidate', 'window', 'versions'],
    });
  });
});
