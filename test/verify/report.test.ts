import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { VERIFY_REPORT_SCHEMA_FILE, verifyReportJsonSchema } from '../../src/verify/report.js';

describe('schemas/verify-report.schema.json', () => {
  it('is up to date with src/verify/report.ts (run `npm run schemas` when this fails)', () => {
    const file = new URL(`../../schemas/${VERIFY_REPORT_SCHEMA_FILE}`, import.meta.url);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(verifyReportJsonSchema());
  });

  it('has an $id and a title, and names the fields the JSON format promises', () => {
    expect(verifyReportJsonSchema()).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'urn:contractguard:schema:verify-report',
      title: 'contractguard verify report',
      additionalProperties: false,
      required: expect.arrayContaining(['endpoint', 'major', 'baseUrl', 'passed', 'results']),
    });
  });
});
