import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

import { renderVerifyJson } from '../../src/report/verify-json.js';
import { failingReport, passingReport } from './verify-fixtures.js';

const schema = JSON.parse(
  readFileSync(new URL('../../schemas/verify-report.schema.json', import.meta.url), 'utf8'),
) as object;
const validate = new Ajv({ strict: false }).compile(schema);

describe('renderVerifyJson', () => {
  it.each([
    ['failing', failingReport],
    ['passing', passingReport],
  ])('renders a %s report that validates against schemas/verify-report.schema.json', (_, report) => {
    const parsed = JSON.parse(renderVerifyJson(report)) as unknown;
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
  });

  it('keeps the documented top-level keys in a stable order', () => {
    expect(Object.keys(JSON.parse(renderVerifyJson(failingReport)) as object)).toEqual([
      'endpoint',
      'major',
      'version',
      'baseUrl',
      'url',
      'method',
      'passed',
      'counts',
      'requests',
      'results',
    ]);
  });

  it('keeps each result with its check, status, message, request and response', () => {
    const [first] = (JSON.parse(renderVerifyJson(failingReport)) as { results: object[] }).results;
    expect(first).toEqual(failingReport.results[0]);
  });

  it('leaves out keys that have no value instead of writing null', () => {
    const skip = (JSON.parse(renderVerifyJson(failingReport)) as { results: object[] }).results[4];
    expect(Object.keys(skip ?? {})).toEqual(['check', 'name', 'status', 'message']);
  });
});
