/**
 * Writes the published JSON Schemas of the contract tree's files (`schemas/*.schema.json`) from the zod
 * schemas in src/model/schemas.ts. Run with `npm run schemas`; test/model/schemas.test.ts fails when the
 * committed files are stale.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { jsonSchemaFiles } from '../src/model/schemas.js';

const dir = new URL('../../schemas/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(jsonSchemaFiles())) {
  const target = new URL(name, dir);
  const options = (await prettier.resolveConfig(fileURLToPath(target))) ?? {};
  const text = await prettier.format(JSON.stringify(schema, null, 2), { ...options, parser: 'json' });
  writeFileSync(target, text);
  console.log(`wrote schemas/${name}`);
}
