/**
 * Writes the published JSON Schemas of the contract tree's files (`schemas/*.schema.json`) from the zod
 * schemas in src/model/schemas.ts, and the canary report's (`schemas/canary-report.schema.json`) from
 * src/canary/report.ts, and the verify report's (`schemas/verify-report.schema.json`) from
 * src/verify/report.ts. Run with `npm run schemas`; test/model/schemas.test.ts, test/canary/report.test.ts and
 * test/verify/report.test.ts fail when the committed files are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { CANARY_REPORT_SCHEMA_FILE, canaryReportJsonSchema } from '../src/canary/report.js';
import { jsonSchemaFiles } from '../src/model/schemas.js';
import { VERIFY_REPORT_SCHEMA_FILE, verifyReportJsonSchema } from '../src/verify/report.js';

const dir = new URL('../../schemas/', import.meta.url);
mkdirSync(dir, { recursive: true });
const files = {
  ...jsonSchemaFiles(),
  [CANARY_REPORT_SCHEMA_FILE]: canaryReportJsonSchema(),
  [VERIFY_REPORT_SCHEMA_FILE]: verifyReportJsonSchema(),
};
for (const [name, schema] of Object.entries(files)) {
  const target = new URL(name, dir);
  const options = (await prettier.resolveConfig(fileURLToPath(target))) ?? {};
  const text = await prettier.format(JSON.stringify(schema, null, 2), { ...options, parser: 'json' });
  writeFileSync(target, text);
  console.log(`wrote schemas/${name}`);
}
